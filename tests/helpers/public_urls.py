"""The public URL tree, and a few rows of everything so that each page has something to show.

Used by the fuzz tests (every public URL, with generated values) and by the page cache's
check that every view declares the query parameters it reads.
"""

from django.urls import LocalePrefixPattern
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import reverse
from django.urls.converters import SlugConverter
from django.utils import translation

import portal.urls
import senat_groups.urls
from api.opendata import opendata_export
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_report
from tests.factories import make_senator

LANGUAGES = ("fr", "en")


def public_routes():
    """[(URL name, {kwarg: converter})] for every public page.

    The pages of portal/urls.py (namespaced, one include() per app) and the pages the
    root URLconf routes itself under the language prefix (the open-data page).
    """
    routes = []
    for namespace in portal.urls.urlpatterns:  # one include() per app namespace
        for pattern in namespace.url_patterns:
            converters = getattr(pattern.pattern, "converters", {})
            routes.append((f"{namespace.namespace}:{pattern.name}", dict(converters)))
    for resolver in senat_groups.urls.urlpatterns:
        if isinstance(resolver, URLResolver) and isinstance(resolver.pattern, LocalePrefixPattern):
            for pattern in resolver.url_patterns:
                if isinstance(pattern, URLPattern):
                    converters = getattr(pattern.pattern, "converters", {})
                    routes.append((pattern.name, dict(converters)))
    return routes


def make_public_rows():
    """A few rows of everything, so detail pages and filters have something to find, and
    a bulk export (in MEDIA_ROOT) for the open-data page's link.

    Returns {"slug": [a slug of each kind], "str": [country codes..., the export's name]}.
    """
    country = make_country(code="JP", name_fr="Japon", name_en="Japan")
    group = make_group(countries=[country], description_fr="<p>Présentation</p>")
    senator = make_senator()
    make_membership(group=group, senator=senator)
    mission = make_mission(group=group, participants=[senator])
    colloquium = make_colloquium(countries=[country], groups=[group])
    report = make_report(countries=[country], authors=[senator])
    news = make_news(groups=[group], countries=[country])
    agreement = make_agreement(foreign=[make_foreign_authority(country=country)])
    authority = agreement.french_authorities.get()
    export = opendata_export()
    return {
        "slug": [
            group.slug,
            senator.slug,
            mission.slug,
            colloquium.slug,
            report.slug,
            news.slug,
            agreement.slug,
            authority.slug,
        ],
        "str": ["jp", "JP", country.code.lower(), export.path.name],
    }


def real_urls(rows):
    """[URL] of every public route in both languages, with the first two real values."""
    urls = []
    for lang in LANGUAGES:
        for value_index in range(2):
            for name, converters in public_routes():
                kwargs = {
                    k: rows["slug" if isinstance(c, SlugConverter) else "str"][value_index]
                    for k, c in converters.items()
                }
                with translation.override(lang):
                    urls.append(reverse(name, kwargs=kwargs))
    return urls


def contract_urls(data):
    """Every URL of the issue's contract, reversed in the active language."""
    return [
        reverse("portal:home"),
        reverse("groups:list"),
        data["group"].get_absolute_url(),
        reverse("groups:country-list"),
        data["country"].get_absolute_url(),
        data["senator"].get_absolute_url(),
        reverse("missions:list"),
        data["mission"].get_absolute_url(),
        reverse("missions:colloquium-list"),
        data["colloquium"].get_absolute_url(),
        reverse("reports:news-list"),
        data["news"].get_absolute_url(),
        reverse("portal:map"),
    ]
