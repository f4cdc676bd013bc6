"""The agenda: upcoming missions, receptions and colloquia by month, past events, iCal."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_reception
from tests.factories import query_counts

AGENDA = {"fr": "/fr/agenda/", "en": "/en/agenda/"}
DAY = datetime.timedelta(days=1)


@pytest.fixture
def events(db):
    today = timezone.localdate()
    japan = make_country(code="JP", name_fr="Japon", name_en="Japan")
    peru = make_country(code="PE", name_fr="Pérou", name_en="Peru")
    group = make_group(countries=[japan], slug="france-japon")
    other = make_group(countries=[peru], slug="france-perou")
    soon = today + 40 * DAY
    return {
        "mission": make_mission(
            group=group, countries=[japan], title_fr="Mission à Tokyo", title_en="Mission to Tokyo",
            start_date=soon, end_date=soon + 3 * DAY,
        ),
        "reception": make_reception(
            group=other, country=peru, title_fr="Délégation péruvienne",
            title_en="Peruvian delegation", date=today + 5 * DAY,
        ),
        "colloquium": make_colloquium(
            countries=[japan], groups=[group], title_fr="Forum Japon", title_en="Japan forum",
            start_at=timezone.now() + 70 * DAY, end_at=timezone.now() + 70 * DAY,
        ),
        "past": make_mission(
            group=group, countries=[japan], title_fr="Mission passée", title_en="Past mission",
            start_date=today - 60 * DAY, end_date=today - 55 * DAY,
        ),
        "draft": make_mission(
            group=group, countries=[japan], title_fr="Mission brouillon",
            title_en="Draft mission", start_date=soon, end_date=soon, status="draft",
        ),
    }  # fmt: skip


def titles(response):
    return [event.item.title for event in response.context["events"]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_agenda_lists_upcoming_events_soonest_first(client, events, lang):
    response = client.get(AGENDA[lang])
    assert response.status_code == 200
    expected = {
        "fr": ["Délégation péruvienne", "Mission à Tokyo", "Forum Japon"],
        "en": ["Peruvian delegation", "Mission to Tokyo", "Japan forum"],
    }[lang]
    assert titles(response) == expected
    html = response.content.decode()
    assert events["mission"].get_absolute_url() in html
    assert "brouillon" not in html.lower() and "Draft mission" not in html
    assert 'class="agenda-month"' in html
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    assert f'href="{AGENDA[lang]}" aria-current="page">Agenda<' in nav


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_agenda_by_group_and_country(client, events, lang):
    response = client.get(AGENDA[lang], {"group": "france-japon"})
    assert [e.kind for e in response.context["events"]] == ["mission", "colloquium"]
    response = client.get(AGENDA[lang], {"country": "PE"})
    assert [e.kind for e in response.context["events"]] == ["reception"]
    # An unknown group is said in the form, not an error; the agenda is then unfiltered.
    response = client.get(AGENDA[lang], {"group": "no-such-group"})
    assert response.status_code == 200
    assert len(response.context["events"]) == 3


def test_past_events_latest_first(client, events):
    response = client.get(AGENDA["fr"], {"when": "past"})
    assert titles(response) == ["Mission passée"]
    assert "Événements passés" in response.content.decode()
    assert 'href="?when=past"' in client.get(AGENDA["fr"]).content.decode()


def test_agenda_ical_whole_and_per_group_and_country(client, events):
    page = client.get(AGENDA["fr"], {"country": "JP"}).content.decode()
    assert 'href="/fr/agenda/ical/?country=JP"' in page
    assert 'type="text/calendar"' in page

    def summaries(params):
        response = client.get("/fr/agenda/ical/", params)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        return sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))

    assert summaries({}) == ["Délégation péruvienne", "Forum Japon", "Mission à Tokyo"]
    assert summaries({"group": "france-japon"}) == ["Forum Japon", "Mission à Tokyo"]
    assert summaries({"country": "PE"}) == ["Délégation péruvienne"]


@pytest.mark.django_db
def test_agenda_query_count(client):
    group = make_group()
    country = group.countries.first()

    def make_rows(n):
        start = timezone.localdate() + 10 * DAY
        for _ in range(n):
            make_mission(group=group, countries=[country, make_country()], start_date=start)
            make_reception(group=group, country=country, date=start)
            make_colloquium(groups=[group], countries=[country])

    # 1 missions (+ group)  2 their countries  3 receptions (+ group, country)  4 colloquia
    # 5 their countries  6 groups  7 countries (the filter's menus)
    assert query_counts(client, AGENDA["fr"], make_rows) == (7, 7)
