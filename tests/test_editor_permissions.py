from importlib import import_module

import pytest
from django.contrib.auth.models import Group

from groups.models import FriendshipGroup
from tests.factories import make_country
from tests.factories import make_group

pytestmark = pytest.mark.django_db

CONTENT_MODELS = {
    "groups": ["zone", "country", "friendshipgroup", "senator", "membership"],
    "missions": ["partner", "mission", "missionparticipant", "reception", "colloquium"],
    "reports": ["report", "newsitem"],
    "cooperation": ["region", "department", "localauthority", "foreignauthority", "agreement"],
}


def test_editors_group_holds_exactly_the_content_permissions():
    group = Group.objects.get(name="Relations internationales")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    expected = {
        (app, f"{action}_{model}")
        for app, models in CONTENT_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    } | {("reversion", "view_revision"), ("reversion", "view_version")}
    # Import runs and the records the Senate's import fills in (sens migration 0002).
    expected |= set(import_module("sens.migrations.0002_editors_see_import_runs").PERMISSIONS)
    # The three legal pages exist from the start: editors change them, never add or delete.
    expected |= {("legal", "change_legalpage"), ("legal", "view_legalpage")}
    assert granted == expected
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_editor_can_add_a_group(client, editor):
    country = make_country()
    response = client.post(
        "/admin/groups/friendshipgroup/add/",
        {
            "name_fr": "France-Japon",
            "name_en": "France-Japan",
            "slug": "france-japon",
            "kind": "country",
            "countries": [country.pk],
            "status": "draft",
            "published_at_0": "2024-01-01",
            "published_at_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert FriendshipGroup.objects.get().name_en == "France-Japan"


def test_editor_can_open_change_pages_and_publish(client, editor):
    group = make_group(status="draft")
    assert client.get(f"/admin/groups/friendshipgroup/{group.pk}/change/").status_code == 200
    assert client.get("/admin/missions/mission/add/").status_code == 200
    client.post(
        "/admin/groups/friendshipgroup/", {"action": "publish", "_selected_action": [group.pk]}
    )
    group.refresh_from_db()
    assert group.is_published


def test_editor_may_work_on_reports_and_news(editor):
    for perm in ["reports.add_report", "reports.change_newsitem", "missions.delete_reception"]:
        assert editor.has_perm(perm)


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_editor_cannot_manage_users(client, editor, url):
    assert client.get(url).status_code == 403


def test_editor_does_not_see_user_management_on_the_index(client, editor):
    page = client.get("/admin/").content.decode()
    assert "/admin/groups/friendshipgroup/" in page
    assert "/admin/auth/user/" not in page
