"""What the pages of other apps show about cooperation: a country's agreements, those
around a senator's département, the home page's figures.

The pages themselves join several apps, so they live above this one (the portal); they
call these functions and include the matching ``templates/cooperation/_*.html`` partial.
"""

from .models import Agreement
from .models import Department

SECTION_LENGTH = 10


def country_section(country, limit=SECTION_LENGTH):
    """Counts by kind and the latest agreements with this country's authorities (4 queries)."""
    agreements = Agreement.objects.published().for_country(country)
    return {
        "country": country,
        "counts": agreements.count_by_kind(),
        "agreements": list(agreements.for_list().order_by("-signed_on", "slug")[:limit]),
    }


def department_section(constituency, limit=SECTION_LENGTH):
    """The agreements of the authorities of a senator's département and région (5 queries).

    None for a constituency that is no département (« Français établis hors de France »).
    """
    department = Department.objects.for_constituency(constituency).select_related("region").first()
    if department is None:
        return None
    agreements = Agreement.objects.published().around_department(department)
    return {
        "department": department,
        "count": agreements.count(),
        "agreements": list(agreements.for_list().order_by("-signed_on", "slug")[:limit]),
    }


def key_figures():
    """(number of published agreements, number of countries they reach), in 2 queries."""
    agreements = Agreement.objects.published()
    return agreements.count(), agreements.countries_reached().count()
