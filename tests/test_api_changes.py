"""The change feed (issue 24, item 10): ``updated_since`` on the lists of publishable
resources, and tombstones (``/api/v1/removals/``) for what was deleted, unpublished or
renamed, so that a re-user syncs without downloading everything again."""

import datetime

import pytest
from django.utils import timezone

from core.services import content_set_status
from groups.models import FriendshipGroup
from missions.models import Mission
from reports.models import Report
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_report
from tests.factories import make_senator
from tests.helpers.api import CHANGE_FEED_LISTS

API = "/api/v1/"
LONG_AGO = timezone.make_aware(datetime.datetime(2020, 1, 1))
SINCE = "2021-01-01T00:00:00Z"


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def removals(client, since=SINCE, **params):
    response = client.get(f"{API}removals/", {"updated_since": since, **params})
    assert response.status_code == 200, response.content
    return [(row["resource"], row["id"]) for row in response.json()["results"]]


def backdate(*models):
    """Every row of these models last changed and published in 2020."""
    for model in models:
        model.objects.update(updated_at=LONG_AGO, published_at=LONG_AGO)


@pytest.fixture
def synced(db):
    """What a re-user downloaded in 2020: two groups, two missions, two reports."""
    rows = {
        "groups": [make_group(slug="france-japon"), make_group(slug="france-chili")],
        "missions": [make_mission(slug="mission-a"), make_mission(slug="mission-b")],
        "reports": [make_report(slug="rapport-a"), make_report(slug="rapport-b")],
    }
    backdate(FriendshipGroup, Mission, Report)
    return rows


def test_a_sync_picks_up_an_edit_an_unpublishing_and_a_deletion(client, synced):
    group = FriendshipGroup.objects.get(slug="france-japon")
    group.name_fr = "France-Japon (nouveau nom)"
    group.save()
    content_set_status(items=Mission.objects.filter(slug="mission-a"), status="draft")
    Report.objects.get(slug="rapport-b").delete()

    assert ids(client.get(f"{API}organizations/", {"updated_since": SINCE})) == ["france-japon"]
    assert ids(client.get(f"{API}missions/", {"updated_since": SINCE})) == []
    assert removals(client) == [("missions", "mission-a"), ("reports", "rapport-b")]
    # Without the parameter, every public row as before.
    assert {"france-japon", "france-chili"} <= set(ids(client.get(f"{API}organizations/")))


def test_nothing_changed_since_lists_nothing(client, synced):
    for name in CHANGE_FEED_LISTS:
        assert ids(client.get(f"{API}{name}/", {"updated_since": SINCE})) == [], name
    assert removals(client) == []


def test_a_scheduled_publication_that_came_due_is_in_the_feed(client, synced):
    mission = make_mission(slug="mission-programmee")
    Mission.objects.filter(pk=mission.pk).update(
        updated_at=LONG_AGO, published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert ids(client.get(f"{API}missions/", {"updated_since": SINCE})) == ["mission-programmee"]


def test_republishing_takes_the_tombstone_back(client, synced):
    missions = Mission.objects.filter(slug="mission-a")
    content_set_status(items=missions, status="draft")
    assert removals(client) == [("missions", "mission-a")]
    content_set_status(items=missions, status="published")
    assert removals(client) == []
    assert ids(client.get(f"{API}missions/", {"updated_since": SINCE})) == ["mission-a"]


def test_a_changed_slug_removes_the_old_id(client, synced):
    group = FriendshipGroup.objects.get(slug="france-chili")
    group.slug = "france-chili-2"
    group.save()
    assert removals(client) == [("organizations", "france-chili")]
    assert ids(client.get(f"{API}organizations/", {"updated_since": SINCE})) == ["france-chili-2"]


def test_drafts_leave_no_tombstone(client, db):
    draft = make_report(slug="rapport-secret", status="draft")
    draft.title_fr = "Encore un brouillon"
    draft.save()
    draft.delete()
    assert removals(client, since="2000-01-01") == []


def test_deleted_senators_and_memberships_have_tombstones(client, db):
    membership = make_membership(senator=make_senator(slug="jean-dupont"))
    membership_id = str(membership.pk)
    membership.senator.delete()  # cascades to the membership
    assert sorted(removals(client, since="2000-01-01")) == [
        ("memberships", membership_id),
        ("persons", "jean-dupont"),
    ]
    assert removals(client, since="2000-01-01", resource="persons") == [("persons", "jean-dupont")]


def test_removals_since_a_later_moment_are_left_out(client, synced):
    Report.objects.get(slug="rapport-a").delete()
    later = (timezone.now() + datetime.timedelta(seconds=1)).isoformat()
    assert removals(client, since=later) == []
    assert removals(client) == [("reports", "rapport-a")]


@pytest.mark.parametrize("name", [*CHANGE_FEED_LISTS, "removals"])
@pytest.mark.parametrize("value", ["yesterday", "2021-13-01", "1"])
def test_a_bad_updated_since_is_a_400_naming_it(client, db, name, value):
    response = client.get(f"{API}{name}/", {"updated_since": value})
    assert response.status_code == 400
    assert list(response.json()) == ["updated_since"]


def test_an_unknown_resource_in_removals_is_a_400(client, db):
    response = client.get(f"{API}removals/", {"resource": "nope"})
    assert response.status_code == 400
    assert list(response.json()) == ["resource"]


def test_an_offset_postgresql_refuses_is_read_in_utc(client, synced):
    # Found by schemathesis: PostgreSQL refuses offsets past 15:59 (a 500).
    assert removals(client, since="2021-01-01T00:00:00+19:39") == []


def test_a_date_alone_is_its_midnight(client, synced):
    Report.objects.get(slug="rapport-a").delete()
    today = timezone.localdate().isoformat()
    assert removals(client, since=today) == [("reports", "rapport-a")]


def test_updated_since_is_in_the_schema(client, db):
    paths = client.get(f"{API}openapi.json").json()["paths"]
    for name in CHANGE_FEED_LISTS:
        parameters = {p["name"]: p for p in paths[f"/api/v1/{name}/"]["get"]["parameters"]}
        assert parameters["updated_since"]["schema"] == {"type": "string", "format": "date-time"}
    removal = {p["name"]: p for p in paths["/api/v1/removals/"]["get"]["parameters"]}
    assert "persons" in removal["resource"]["schema"]["enum"]


def test_removals_query_count(client, db, django_assert_num_queries):
    for n in range(3):
        make_report(slug=f"rapport-{n}").delete()
    # 1. count   2. the page
    with django_assert_num_queries(2):
        response = client.get(f"{API}removals/", {"updated_since": "2000-01-01"})
    assert len(response.json()["results"]) == 3


def test_updated_since_adds_no_query(client, synced, django_assert_num_queries):
    FriendshipGroup.objects.update(updated_at=timezone.now())
    # 1. count   2. the page (countries and history are subqueries)   3. countries
    with django_assert_num_queries(3):
        response = client.get(f"{API}organizations/", {"updated_since": SINCE})
    assert len(response.json()["results"]) == 4  # the two groups and the missions' two
