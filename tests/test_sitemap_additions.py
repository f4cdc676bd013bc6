"""The sitemap lists the relations' timelines (each country's, each published group's) and
the partners page, in French and English with their alternates."""

import pytest

from tests.factories import make_country
from tests.factories import make_group

pytestmark = pytest.mark.django_db


def test_sitemap_lists_timelines_and_the_partners_page_not_a_draft_groups(client):
    chile = make_country(code="CL", name_fr="Chili", name_en="Chile")
    make_group(countries=[chile], slug="france-chili")
    make_group(countries=[chile], slug="brouillon", status="draft")
    xml = client.get("/sitemap.xml").content.decode()
    for url in (
        "/fr/pays/cl/chronologie/",
        "/en/countries/cl/timeline/",
        "/fr/groupes/france-chili/chronologie/",
        "/en/groups/france-chili/timeline/",
        "/fr/partenaires/",
        "/en/partners/",
    ):
        assert f"<loc>http://testserver{url}</loc>" in xml, url
    assert (
        '<xhtml:link rel="alternate" hreflang="en" '
        'href="http://testserver/en/groups/france-chili/timeline/"/>' in xml
    )
    assert "brouillon" not in xml
