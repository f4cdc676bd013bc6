"""Cooperation on other pages: a country's section, a senator's département, home, sitemap."""

import datetime

import pytest

from cooperation.models import Agreement
from cooperation.models import Department
from tests.factories import ensure_cog
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_ile_de_france
from tests.factories import make_local_authority
from tests.factories import make_senator
from tests.factories import query_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def armenia():
    ensure_cog()
    country = make_country(code="AM", name_fr="Arménie", name_en="Armenia")
    make_group(name_fr="France-Arménie", name_en="France-Armenia", countries=[country])
    idf = make_ile_de_france(insee_code="11")
    make_agreement(
        french=[idf],
        foreign=[make_foreign_authority(name_fr="Erevan", name_en="Yerevan", country=country)],
        kind=Agreement.Kind.COOPERATION,
        signed_on=datetime.date(2018, 11, 19),
        themes=["innovation", "culture", "education", "sustainable"],
    )
    return country


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "fr",
            [
                "France-Arménie",
                "Coopération décentralisée",
                "1 accord de coopération",
                "Île-de-France",
                "Erevan",
                "2018",
                "Éducation et francophonie",
            ],
        ),
        (
            "en",
            [
                "France-Armenia",
                "Decentralized cooperation",
                "1 cooperation agreement",
                "Île-de-France",
                "Yerevan",
                "2018",
                "Education and Francophonie",
            ],
        ),
    ],
)
def test_armenia_page_shows_yerevan_beside_the_group(client, armenia, lang, expected):
    path = "pays" if lang == "fr" else "countries"
    body = client.get(f"/{lang}/{path}/am/").content.decode()
    for text in expected:
        assert text in body
    assert f'/{lang}/cooperation/?country=AM"' in body
    assert f"/{lang}/{path}/am/cooperation/rss/" in body
    # The group comes first, then the cooperation section.
    assert body.index(expected[0]) < body.index(expected[1])


def test_country_page_counts_twinnings_and_hides_drafts(client, armenia):
    for _ in range(2):
        make_agreement(foreign=[make_foreign_authority(country=armenia)])
    make_agreement(
        foreign=[make_foreign_authority(name_fr="Ville brouillon", country=armenia)],
        status=Agreement.Status.DRAFT,
    )
    body = client.get("/fr/pays/am/").content.decode()
    assert "1 accord de coopération, 2 jumelages" in body
    assert "Ville brouillon" not in body


def test_country_page_query_count_with_agreements(client, armenia):
    def add_agreements(n):
        for _ in range(n):
            make_agreement(foreign=[make_foreign_authority(country=armenia)])

    # 1 country (+ zone)  2 active groups  3 delegate presidents  4 former groups
    # 5 missions  6 receptions  7 colloquia  8 reports  9 agreements by kind
    # 10 latest agreements  11 their French authorities  12 their foreign authorities
    # 13 latest timeline entries
    assert query_counts(client, armenia.get_absolute_url(), add_agreements) == (13, 13)


def test_senator_page_shows_agreements_of_their_department_and_region(client):
    ensure_cog()
    senator = make_senator(constituency_fr="Paris", constituency_en="Paris")
    idf = make_ile_de_france()
    make_agreement(french=[idf], foreign=[make_foreign_authority(name_fr="Erevan")])
    paris_town = make_local_authority(
        name="Commune parisienne", department=Department.objects.get(code="75")
    )
    make_agreement(french=[paris_town], foreign=[make_foreign_authority(name_fr="Ville A")])
    make_agreement(foreign=[make_foreign_authority(name_fr="Ville du Cantal")])  # elsewhere
    body = client.get(senator.get_absolute_url()).content.decode()
    assert "Coopération décentralisée dans ce département\u00a0: Paris" in body
    assert "Erevan" in body and "Ville A" in body
    assert "Ville du Cantal" not in body
    assert "2 accords de coopération ou jumelages publiés" in body


def test_senator_of_french_abroad_has_no_department_section(client):
    senator = make_senator(constituency_fr="Français établis hors de France")
    make_agreement()
    body = client.get(senator.get_absolute_url()).content.decode()
    assert "dans ce département" not in body


def test_senator_page_query_count_with_agreements(client):
    ensure_cog()
    senator = make_senator(constituency_fr="Cantal")

    def add_agreements(n):
        for _ in range(n):
            make_agreement()  # the factory's communes lie in the Cantal

    # 1 senator (+ current political group)  2 memberships  3 political groups' history
    # 4 missions  5 reports  6 département (+ région)  7 count  8 latest agreements
    # 9 French authorities  10 foreign authorities
    assert query_counts(client, senator.get_absolute_url(), add_agreements) == (10, 10)


def test_home_key_figures(client, armenia):
    japan = make_country(code="JP")
    make_agreement(foreign=[make_foreign_authority(country=japan)])
    make_agreement(foreign=[make_foreign_authority(country=japan)])
    make_agreement(foreign=[make_foreign_authority(country=japan)], status=Agreement.Status.DRAFT)
    body = client.get("/fr/").content.decode()
    assert (
        '<strong>3</strong> <a href="/fr/cooperation/">accords de coopération décentralisée' in body
    )
    assert '<strong>2</strong> <a href="/fr/cooperation/carte/">pays partenaires' in body


def test_map_links_to_the_cooperation_view(client):
    body = client.get("/en/map/").content.decode()
    assert 'href="/en/cooperation/map/"' in body


def test_sitemap_lists_cooperation_pages_with_hreflang(client, armenia):
    agreement = Agreement.objects.get()
    make_agreement(slug="brouillon", status=Agreement.Status.DRAFT)
    body = client.get("/sitemap.xml").content.decode()
    assert f"/fr/cooperation/{agreement.slug}/" in body
    assert f"/en/cooperation/{agreement.slug}/" in body
    assert 'hreflang="en" href="http://testserver/en/cooperation/"' in body
    assert "/fr/cooperation/collectivites/" in body
    assert "brouillon" not in body


def test_cooperation_edit_drops_cached_pages(client, armenia, settings, tmp_path):
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "generation"
    cache.clear()
    assert "Erevan" in client.get("/fr/pays/am/").content.decode()
    assert client.get("/fr/pays/am/")["X-Page-Cache"] == "hit"
    authority = Agreement.objects.get().foreign_authorities.get()
    authority.name_fr = "Erevan (capitale)"
    authority.save()
    response = client.get("/fr/pays/am/")
    assert response["X-Page-Cache"] == "miss"
    assert "Erevan (capitale)" in response.content.decode()
    cache.clear()
