"""Chile as the timeline's and the comparison's tests build it: the country, its friendship
group France-Chili and the group's published mission to Santiago (4-8 March 2024)."""

import datetime

from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_mission


def make_chile(**group_fields):
    """(country, group): Chile, France-Chili (with ``group_fields``) and its mission."""
    country = make_country(code="CL", name_fr="Chili", name_en="Chile")
    group = make_group(
        countries=[country],
        slug="france-chili",
        name_fr="France-Chili",
        name_en="France-Chile",
        **group_fields,
    )
    make_mission(
        group=group,
        slug="mission-santiago",
        title_fr="Mission à Santiago",
        title_en="Mission to Santiago",
        start_date=datetime.date(2024, 3, 4),
        end_date=datetime.date(2024, 3, 8),
    )
    return country, group
