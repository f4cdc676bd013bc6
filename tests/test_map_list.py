"""The list of covered countries below the world map (portal.worldmap.covered_list_html,
rendered in Python since issue 25): zones in order, each country's link and active groups,
lang="fr" where an English page shows a French name, every text escaped."""

import re

import pytest

from groups.models import FriendshipGroup
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_zone

pytestmark = pytest.mark.django_db


def map_list(html):
    """The list's markup, between its heading and the end of its section."""
    return re.search(r'id="map-list".*?</h2>(.*?)</section>', html, re.S).group(1)


def test_map_list_gives_each_zone_its_countries_and_their_active_groups(client):
    europe = make_zone(slug="europe", name_fr="Europe", name_en="Europe", position=1)
    asia = make_zone(slug="asie", name_fr="Asie", name_en="Asia", position=2)
    japan = make_country(code="JP", name_fr="Japon", zone=asia)
    germany = make_country(code="DE", name_fr="Allemagne", zone=europe)
    austria = make_country(code="AT", name_fr="Autriche", zone=europe)
    make_group(name_fr="France-Japon", countries=[japan])
    make_group(name_fr="France-Allemagne", countries=[germany])
    make_group(name_fr="France-Europe centrale", countries=[germany, austria])
    make_group(
        name_fr="France-Japon (dissous)",
        countries=[japan],
        dissolved_on="2020-01-01",
        kind=FriendshipGroup.Kind.COUNTRY,
    )

    html = " ".join(map_list(client.get("/fr/carte/").content.decode()).split())

    assert html == (
        '<h3 id="map-zone-europe">Europe</h3> <ul class="country-list"> '
        '<li><a href="/fr/pays/de/">Allemagne</a> <span class="country-groups">'
        "<span>France-Allemagne</span>, <span>France-Europe centrale</span></span></li> "
        '<li><a href="/fr/pays/at/">Autriche</a> <span class="country-groups">'
        "<span>France-Europe centrale</span></span></li> </ul> "
        '<h3 id="map-zone-asie">Asie</h3> <ul class="country-list"> '
        '<li><a href="/fr/pays/jp/">Japon</a> <span class="country-groups">'
        "<span>France-Japon</span></span></li> </ul>"
    )


def test_map_list_marks_french_names_on_the_english_page(client):
    zone = make_zone(slug="asie", name_fr="Asie", name_en="")
    make_group(
        name_fr="France-Japon",
        name_en="",
        countries=[make_country(code="JP", name_fr="Japon", name_en="", zone=zone)],
    )
    make_group(name_fr="France-Corée", name_en="France-Korea", countries=[
        make_country(code="KR", name_fr="Corée", name_en="Korea", zone=zone)
    ])  # fmt: skip

    html = map_list(client.get("/en/map/").content.decode())

    assert '<h3 id="map-zone-asie" lang="fr">Asie</h3>' in html
    assert '<a href="/en/countries/jp/" lang="fr">Japon</a>' in html
    assert '<span lang="fr">France-Japon</span>' in html
    assert '<a href="/en/countries/kr/">Korea</a>' in html
    assert "<span>France-Korea</span>" in html


def test_map_list_escapes_names(client):
    zone = make_zone(slug="zone-a-b", name_fr="Zone <A> & B")
    make_group(
        name_fr="France-<Trinité> & Tobago",
        countries=[make_country(code="TT", name_fr="Trinité & <Tobago>", zone=zone)],
    )

    html = map_list(client.get("/fr/carte/").content.decode())

    assert '<h3 id="map-zone-zone-a-b">Zone &lt;A&gt; &amp; B</h3>' in html
    assert '<a href="/fr/pays/tt/">Trinité &amp; &lt;Tobago&gt;</a>' in html
    assert "<span>France-&lt;Trinité&gt; &amp; Tobago</span>" in html
    assert "<Tobago>" not in html
