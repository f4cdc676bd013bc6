"""A row of an API list is the object as its own URL shows it.

A list page loads its rows' countries, groups and French parties into plain lists and
builds its rows' links for the whole page at once (api/views.py ``listed()``,
api/serializers/base.py ``PageLinks.prepare``); a detail reads them row by row. Both
must give the same object, whichever rows share a country or a group.
"""

import pytest

from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_local_authority
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_report

API = "/api/v1/"


def assert_rows_are_their_details(client, resource, key="id"):
    page = client.get(f"{API}{resource}/").json()["results"]
    assert len(page) >= 3
    for row in page:
        assert row == client.get(f"{API}{resource}/{row[key]}/").json()


@pytest.fixture
def world():
    """Three countries and three groups, shared unevenly between the rows."""
    countries = [make_country(name_fr=name) for name in ("Égypte", "Espagne", "Zambie")]
    groups = [
        make_group(countries=countries[:2]),
        make_group(countries=countries[1:]),
        make_group(countries=[]),
    ]
    return countries, groups


@pytest.mark.django_db
def test_news_rows_are_their_details(client, world):
    countries, groups = world
    make_news(groups=groups[:2], countries=countries)
    make_news(groups=groups[1:2], countries=countries[2:])
    make_news()
    page = client.get(f"{API}news/").json()["results"]
    assert sorted(len(row["organization_ids"]) for row in page) == [0, 1, 2]
    assert sorted(len(row["area_ids"]) for row in page) == [0, 1, 3]
    assert_rows_are_their_details(client, "news")


@pytest.mark.django_db
def test_colloquium_and_report_rows_are_their_details(client, world):
    countries, groups = world
    make_colloquium(countries=countries[:1], groups=groups)
    make_colloquium(countries=countries, groups=groups[2:])
    make_colloquium()
    make_report(countries=countries[1:])
    make_report(countries=countries[:1])
    make_report()
    assert_rows_are_their_details(client, "colloquia")
    assert_rows_are_their_details(client, "reports")


@pytest.mark.django_db
def test_group_and_mission_rows_are_their_details(client, world):
    countries, groups = world
    make_mission(group=groups[0], countries=countries)
    make_mission(group=groups[1])
    make_mission(group=groups[2])
    page = client.get(f"{API}organizations/").json()["results"]
    assert sorted(len(row["area_ids"]) for row in page) == [0, 2, 2]
    assert all(len(row["links"]) == 2 for row in page)
    assert_rows_are_their_details(client, "organizations")
    assert_rows_are_their_details(client, "missions")


@pytest.mark.django_db
def test_agreement_rows_are_their_details(client):
    town, city = make_local_authority(), make_local_authority()
    make_agreement(french=[town, city])
    make_agreement(french=[city])
    make_agreement(french=[town])
    page = client.get(f"{API}agreements/").json()["results"]
    assert sorted(len(row["french_authority_ids"]) for row in page) == [1, 1, 2]
    assert_rows_are_their_details(client, "agreements")
