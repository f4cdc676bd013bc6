"""Decentralized cooperation pages: list, filters, CSV, detail, authority, map, feeds."""

import csv
import datetime
import io

import feedparser
import pytest

from cooperation.models import Agreement
from cooperation.models import Department
from tests.factories import count_queries
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_ile_de_france
from tests.factories import make_local_authority
from tests.factories import make_zone
from tests.factories import query_counts

pytestmark = pytest.mark.django_db


def make_agreements(n):
    for _ in range(n):
        make_agreement(
            french=[make_local_authority(), make_local_authority()],
            foreign=[make_foreign_authority(), make_foreign_authority()],
        )


@pytest.mark.parametrize(
    "url, queries",
    [
        # 1 count  2 page of agreements  3 their French authorities (+ département,
        # région)  4 their foreign authorities (+ country)  5-8 the filter's choices:
        # countries, zones, régions, départements
        ("/fr/cooperation/", 8),
        ("/en/cooperation/?kind=twinning&year=2015&zone=", 8),
        # CSV: 1 agreements  2 French authorities  3 foreign authorities (one chunk)
        ("/fr/cooperation/?format=csv", 3),
        # 1 counts by country  2 those countries  (the shapes are a file)
        ("/fr/cooperation/carte/", 2),
    ],
)
def test_list_pages_query_count(client, url, queries):
    assert query_counts(client, url, make_agreements) == (queries, queries)


def test_detail_query_count(client):
    agreement = make_agreement(
        french=[make_local_authority() for _ in range(3)],
        foreign=[make_foreign_authority() for _ in range(3)],
    )
    # 1 agreement  2 French authorities (+ département, région)  3 foreign (+ country)
    assert count_queries(client, agreement.get_absolute_url()) == 3


def test_authority_page_query_count(client):
    authority = make_local_authority()

    def add_agreements(n):
        for _ in range(n):
            make_agreement(french=[authority], foreign=[make_foreign_authority()])

    # 1 authority (+ département, région)  2 its agreements  3 French authorities
    # 4 foreign authorities
    assert query_counts(client, authority.get_absolute_url(), add_agreements) == (4, 4)


def test_list_shows_only_published_agreements(client):
    make_agreement(foreign=[make_foreign_authority(name_fr="Ville publiée")])
    make_agreement(
        foreign=[make_foreign_authority(name_fr="Ville brouillon")],
        status=Agreement.Status.DRAFT,
    )
    body = client.get("/fr/cooperation/").content.decode()
    assert "Ville publiée" in body
    assert "Ville brouillon" not in body


def test_draft_agreement_and_its_only_authority_are_404(client):
    authority = make_local_authority(name="Commune secrète")
    draft = make_agreement(french=[authority], status=Agreement.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(authority.get_absolute_url()).status_code == 404
    make_agreement(french=[authority])
    assert client.get(authority.get_absolute_url()).status_code == 200


def test_filters(client):
    zone = make_zone(slug="caucase")
    armenia = make_country(code="AM", name_fr="Arménie", name_en="Armenia", zone=zone)
    japan = make_country(code="JP", name_fr="Japon", name_en="Japan")
    idf = make_ile_de_france()
    cantal_town = make_local_authority(name="Bourg du Cantal")
    make_agreement(
        french=[idf],
        foreign=[make_foreign_authority(name_fr="Erevan", country=armenia)],
        kind=Agreement.Kind.COOPERATION,
        themes=["culture", "innovation"],
        signed_on=datetime.date(2018, 11, 19),
    )
    make_agreement(
        french=[cantal_town],
        foreign=[make_foreign_authority(name_fr="Nara fictive", country=japan)],
        kind=Agreement.Kind.TWINNING,
        themes=["tourism"],
        signed_on=datetime.date(2009, 5, 1),
    )

    def names(query):
        body = client.get(f"/fr/cooperation/?{query}").content.decode()
        return {name for name in ("Erevan", "Nara fictive") if name in body}

    assert names("") == {"Erevan", "Nara fictive"}
    assert names("country=AM") == {"Erevan"}
    assert names("zone=caucase") == {"Erevan"}
    assert names("region=11") == {"Erevan"}
    assert names("region=84") == {"Nara fictive"}  # Cantal is in Auvergne-Rhône-Alpes
    assert names("department=15") == {"Nara fictive"}
    assert names("kind=cooperation") == {"Erevan"}
    assert names("theme=tourism") == {"Nara fictive"}
    assert names("year=2018") == {"Erevan"}


@pytest.mark.parametrize(
    "query", ["country=ZZ", "theme=nope", "year=abc", "region=<x>", "department=99999", "page=x"]
)
def test_bad_filter_values_are_not_errors(client, query):
    make_agreement()
    response = client.get(f"/fr/cooperation/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "lang, header",
    [("fr", "Collectivités françaises"), ("en", "French authorities")],
)
def test_csv_download_is_the_filtered_list(client, lang, header):
    japan = make_country(code="JP")
    make_agreement(
        foreign=[make_foreign_authority(name_fr="Nara fictive", name_en="Nara", country=japan)]
    )
    make_agreement(foreign=[make_foreign_authority(name_fr="Erevan")])
    response = client.get(f"/{lang}/cooperation/?country=JP&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    delimiter = "," if lang == "en" else ";"  # an English page's file is comma-separated
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=delimiter))
    assert header in rows[0]
    assert len(rows) == 2
    assert ("Nara fictive" if lang == "fr" else "Nara") in rows[1]
    assert "2015-05-01" in rows[1]


def test_list_links_to_csv_with_the_same_filters(client):
    make_agreement()
    body = client.get("/fr/cooperation/?kind=twinning&page=1").content.decode()
    assert 'href="?kind=twinning&amp;format=csv"' in body


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_detail_in_both_languages(client, lang):
    agreement = make_agreement(
        summary_fr="Coopération culturelle",
        summary_en="Cultural cooperation",
        themes=["education"],
        signed_on=datetime.date(2018, 6, 1),
        signed_precision=Agreement.Precision.MONTH,
    )
    response = client.get(f"/{lang}/cooperation/{agreement.slug}/")
    assert response["Content-Language"] == lang
    body = response.content.decode()
    if lang == "fr":
        assert "Coopération culturelle" in body
        assert "Éducation et francophonie" in body
        assert "juin 2018" in body
    else:
        assert "Cultural cooperation" in body
        assert "Education and Francophonie" in body
        assert "June 2018" in body
    assert "1 June 2018" not in body and "1 juin 2018" not in body  # only the month is known


def test_year_precision_shows_only_the_year(client):
    agreement = make_agreement(
        signed_on=datetime.date(2017, 1, 1), signed_precision=Agreement.Precision.YEAR
    )
    body = client.get(agreement.get_absolute_url()).content.decode()
    assert "2017" in body
    assert "janvier 2017" not in body


def test_map_shades_countries_by_number_of_agreements(client):
    armenia = make_country(code="AM", name_fr="Arménie")
    japan = make_country(code="JP", name_fr="Japon")
    for _ in range(4):
        make_agreement(foreign=[make_foreign_authority(country=armenia)])
    make_agreement(foreign=[make_foreign_authority(country=japan)])
    body = client.get("/fr/cooperation/carte/").content.decode()
    assert 'href="/fr/cooperation/?country=AM" class="coop-shade-3"' in body
    assert 'href="/fr/cooperation/?country=JP" class="coop-shade-1"' in body
    assert "Arménie\u00a0: 4 accords" in body
    assert "<script" not in body


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_country_feed(client, lang, kind):
    armenia = make_country(code="AM", name_fr="Arménie", name_en="Armenia")
    make_agreement(
        foreign=[make_foreign_authority(name_fr="Erevan", name_en="Yerevan", country=armenia)]
    )
    make_agreement(foreign=[make_foreign_authority(name_fr="Ailleurs")])
    make_agreement(
        foreign=[make_foreign_authority(name_fr="Brouillon", country=armenia)],
        status=Agreement.Status.DRAFT,
    )
    path = "pays" if lang == "fr" else "countries"
    response = client.get(f"/{lang}/{path}/am/cooperation/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 1
    assert ("Erevan" if lang == "fr" else "Yerevan") in titles[0]
    assert ("Arménie" if lang == "fr" else "Armenia") in feed.feed.title


def test_feed_of_unknown_country_is_404(client):
    assert client.get("/fr/pays/zz/cooperation/rss/").status_code == 404


def test_department_for_constituency():
    assert Department.objects.for_constituency("Côtes-d'Armor").get().code == "22"
    assert Department.objects.for_constituency("paris").get().region.name == "Île-de-France"
    assert not Department.objects.for_constituency("Français établis hors de France").exists()
