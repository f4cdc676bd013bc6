"""Missions and colloquia pages: filters, pagination, pinned query counts."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import count_queries
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_partner
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import query_counts


def make_missions(n):
    for _ in range(n):
        make_mission(countries=[make_country(), make_country()])


def make_colloquia(n):
    now = timezone.now()
    for i in range(n):
        days = 10 + i if i % 2 else -10 - i  # half upcoming, half past
        make_colloquium(
            start_at=now + datetime.timedelta(days=days),
            countries=[make_country()],
            groups=[make_group()],
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, make_rows, queries",
    [
        # 1 count  2 page of missions (+ group)  3 their countries
        # 4 countries (filter's choices)  5 groups (filter's choices)
        pytest.param("/fr/missions/", make_missions, 5, id="missions"),
        # 1 upcoming colloquia  2 count of past ones  3 page of past ones
        # 4 countries (filter's choices)  5 groups (filter's choices)
        pytest.param("/fr/colloques/", make_colloquia, 5, id="colloquia"),
    ],
)
def test_list_page_query_count(client, url, make_rows, queries):
    assert query_counts(client, url, make_rows) == (queries, queries)


@pytest.mark.django_db
def test_mission_detail_query_count(client):
    mission = make_mission(
        countries=[make_country(), make_country(), make_country()],
        participants=[make_senator(), make_senator(), make_senator()],
    )
    make_report(mission=mission)
    # 1 mission (+ group)  2 countries  3 delegation (+ senator)  4 published reports
    assert count_queries(client, mission.get_absolute_url()) == 4


@pytest.mark.django_db
def test_colloquium_detail_query_count(client):
    colloquium = make_colloquium(
        countries=[make_country() for _ in range(3)],
        groups=[make_group() for _ in range(3)],
        partners=[make_partner() for _ in range(3)],
    )
    make_report(colloquium=colloquium)
    # 1 colloquium  2 countries  3 groups  4 partners  5 published reports
    assert count_queries(client, colloquium.get_absolute_url()) == 5


@pytest.mark.django_db
def test_mission_list_filters_by_year_country_and_group(client):
    japan = make_country(code="JP")
    group = make_group(countries=[japan], slug="france-japon")
    make_mission(group=group, title_fr="Tokyo 2024", start_date=datetime.date(2024, 4, 1))
    make_mission(title_fr="Rome 2023", start_date=datetime.date(2023, 4, 1))
    for query in ["year=2024", "country=JP", "group=france-japon"]:
        html = client.get(f"/fr/missions/?{query}").content.decode()
        assert "Tokyo 2024" in html, query
        assert "Rome 2023" not in html, query


@pytest.mark.django_db
def test_mission_list_paginates_and_keeps_filters_in_page_links(client):
    group = make_group(slug="france-japon")
    for _ in range(25):
        make_mission(group=group)
    html = client.get("/fr/missions/?group=france-japon").content.decode()
    assert 'href="?group=france-japon&amp;page=2" rel="next"' in html
    assert client.get("/fr/missions/?group=france-japon&page=2").status_code == 200


@pytest.mark.django_db
def test_draft_and_scheduled_missions_are_hidden(client):
    make_mission(title_fr="Brouillon", status="draft")
    make_mission(title_fr="Plus tard", published_at=timezone.now() + datetime.timedelta(days=1))
    html = client.get("/fr/missions/").content.decode()
    assert "Brouillon" not in html
    assert "Plus tard" not in html


@pytest.mark.django_db
def test_colloquia_split_into_upcoming_and_past(client):
    now = timezone.now()
    make_colloquium(title_fr="Futur", start_at=now + datetime.timedelta(days=5))
    make_colloquium(title_fr="Passé", start_at=now - datetime.timedelta(days=5))
    html = client.get("/fr/colloques/").content.decode()
    past = html.index('id="past-title"')
    assert html.index("Futur") < past < html.index("Passé")


@pytest.mark.django_db
def test_mission_detail_shows_delegation_with_its_leader(client):
    leader, member = make_senator(last_name="Chef"), make_senator(last_name="Membre")
    mission = make_mission(participants=[leader, member])
    html = client.get(mission.get_absolute_url()).content.decode()
    assert html.index("Chef") < html.index("chef de la délégation") < html.index("Membre")
