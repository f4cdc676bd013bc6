import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission
from django.core.management import call_command

from backoffice.permissions import EDITOR_PERMISSIONS
from backoffice.permissions import SUPERUSERS_ONLY
from backoffice.permissions import editor_codenames
from groups.models import FriendshipGroup
from tests.factories import make_country
from tests.factories import make_group

pytestmark = pytest.mark.django_db

CONTENT_MODELS = {
    "groups": [
        *("zone", "country", "friendshipgroup", "senator", "membership"),
        # What the Senate's import fills in beside the groups.
        *("groupname", "countrylink", "politicalgroup", "politicalmembership"),
    ],
    "missions": ["partner", "mission", "missionparticipant", "reception", "colloquium"],
    "reports": ["report", "newsitem"],
    "cooperation": ["region", "department", "localauthority", "foreignauthority", "agreement"],
}


def _granted(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def _editable_models():
    """Every model the back office edits: those registered with the admin site, and
    those of their inline rows (but a many-to-many's own table, which the admin guards
    with its model's permissions)."""
    models = set()
    for model, model_admin in admin.site._registry.items():
        models.add(model)
        models.update(inline.model for inline in model_admin.inlines)
    return {model._meta.label_lower for model in models if not model._meta.auto_created}


def test_every_model_the_back_office_edits_is_in_the_editors_table():
    editable = _editable_models()
    assert "missions.missionparticipant" in editable  # an inline's model counts
    assert editable - EDITOR_PERMISSIONS.keys() - SUPERUSERS_ONLY == set()
    assert not EDITOR_PERMISSIONS.keys() & SUPERUSERS_ONLY
    for label in EDITOR_PERMISSIONS:
        apps.get_model(label)  # no typo, no model gone


def test_editors_group_holds_exactly_the_content_permissions():
    group = Group.objects.get(name="Relations internationales")
    expected = {
        (app, f"{action}_{model}")
        for app, models in CONTENT_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    } | {("reversion", "view_revision"), ("reversion", "view_version")}
    # Import runs are written by the import only.
    expected |= {("sens", "view_importrun")}
    # The three legal pages exist from the start: editors change them, never add or delete.
    expected |= {("legal", "change_legalpage"), ("legal", "view_legalpage")}
    # The outbox is written by the site only: editors read it.
    expected |= {("outbox", "view_outgoingmessage")}
    # Declarations come from the public form: editors decide on them, never add one; the
    # authorities' reference data is loaded by load_authorities only.
    expected |= {
        ("cooperation", "change_declaration"),
        ("cooperation", "delete_declaration"),
        ("cooperation", "view_declaration"),
        ("cooperation", "view_authoritydataset"),
    }
    # Subscriptions to alerts are personal data: read, and deleted on request.
    expected |= {("alerts", "view_subscription"), ("alerts", "delete_subscription")}
    assert _granted(group) == expected == set(editor_codenames())
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_an_editor_gets_exactly_the_tables_permissions(editor):
    assert editor.get_all_permissions() == {f"{app}.{code}" for app, code in editor_codenames()}
    assert editor.has_perm("legal.change_legalpage")
    assert not editor.has_perm("legal.delete_legalpage")
    assert not editor.has_perm("auth.add_user")


def test_migrate_sets_the_editors_group_to_the_table_again():
    # A database where the group drifted: a permission lost, one added by hand.
    group = Group.objects.get(name="Relations internationales")
    group.permissions.remove(Permission.objects.get(codename="change_mission"))
    group.permissions.add(Permission.objects.get(codename="add_user"))
    call_command("migrate", verbosity=0)
    assert _granted(group) == set(editor_codenames())
    call_command("migrate", verbosity=0)  # a second run changes nothing
    assert _granted(group) == set(editor_codenames())


def test_migrate_creates_the_editors_group_when_it_is_missing():
    Group.objects.filter(name="Relations internationales").delete()
    call_command("migrate", verbosity=0)
    assert _granted(Group.objects.get(name="Relations internationales")) == set(editor_codenames())


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
