"""Edit history and undo (django-reversion) through the admin, as an editor uses it."""

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.models import User
from reversion.admin import VersionAdmin
from reversion.models import Version

from groups.models import FriendshipGroup
from senat_groups.security import EDITORS_GROUP
from tests.admin_helpers import form_data
from tests.admin_helpers import login_verified
from tests.factories import make_group

CONTENT_APPS = ("groups", "missions", "reports", "cooperation")


@pytest.fixture
def editor_client(client, db):
    """A DRIP editor (the real group from the migration, not a superuser)."""
    user = User.objects.create_user("editeur", password="un mot de passe assez long", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    login_verified(client, user)
    client.user = user
    return client


def _change_url(obj):
    return f"/admin/groups/friendshipgroup/{obj.pk}/change/"


def _save_through_admin(client, obj, **changes):
    url = _change_url(obj)
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


# --- Registration -------------------------------------------------------------------


def test_every_content_model_in_the_admin_keeps_history():
    content_admins = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in CONTENT_APPS
    }
    expected = {
        m
        for app in CONTENT_APPS
        for m in apps.get_app_config(app).get_models()
        if m in content_admins
    }
    assert expected == set(content_admins)
    assert len(content_admins) >= 10
    for model, model_admin in content_admins.items():
        assert isinstance(model_admin, VersionAdmin), model
        assert reversion.is_registered(model), model


# --- Who, when, both languages ----------------------------------------------------------


@pytest.mark.django_db
def test_each_admin_save_records_who_when_and_both_languages(editor_client):
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    _save_through_admin(
        editor_client,
        group,
        name_fr="France-Japon (nouveau nom)",
        name_en="France-Japan (new name)",
        description_fr="<p>Présentation</p>",
        description_en="<p>About</p>",
    )
    # Newest first; the oldest is the state the editor was shown (the group had no history).
    version, baseline = Version.objects.get_for_object(group)
    assert baseline.field_dict["name_fr"] == "France-Japon"
    assert version.revision.user == editor_client.user
    assert version.revision.date_created is not None
    fields = version.field_dict
    assert fields["name_fr"] == "France-Japon (nouveau nom)"
    assert fields["name_en"] == "France-Japan (new name)"
    assert fields["description_fr"] == "<p>Présentation</p>"
    assert fields["description_en"] == "<p>About</p>"

    history = editor_client.get(f"/admin/groups/friendshipgroup/{group.pk}/history/")
    assert history.status_code == 200
    assert "editeur" in history.content.decode()


# --- Undo -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reverting_through_the_admin_brings_both_languages_back(editor_client):
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    _save_through_admin(
        editor_client,
        group,
        description_fr="<p>Texte d'origine</p>",
        description_en="<p>Original text</p>",
    )
    original = Version.objects.get_for_object(group).first()
    _save_through_admin(
        editor_client,
        group,
        name_fr="France-Japon (erreur)",
        name_en="France-Japan (mistake)",
        description_fr="<p>Texte abîmé</p>",
        description_en="<p>Damaged text</p>",
    )
    group.refresh_from_db()
    assert group.description_en == "<p>Damaged text</p>"

    revision_url = f"/admin/groups/friendshipgroup/{group.pk}/history/{original.pk}/"
    page = editor_client.get(revision_url)
    response = editor_client.post(revision_url, form_data(page))
    assert response.status_code == 302

    group.refresh_from_db()
    assert group.name_fr == "France-Japon"
    assert group.name_en == "France-Japan"
    assert group.description_fr == "<p>Texte d'origine</p>"
    assert group.description_en == "<p>Original text</p>"
    # The revert is itself in the history: it can be undone too.
    # (with the state shown before the first edit, recorded when the form was opened)
    assert Version.objects.get_for_object(group).count() == 4


@pytest.mark.django_db
def test_a_deleted_record_is_recovered_through_the_admin(editor_client):
    group = make_group(name_fr="France-Pérou", name_en="France-Peru", slug="france-perou")
    _save_through_admin(
        editor_client,
        group,
        description_fr="<p>Groupe d'amitié</p>",
        description_en="<p>Friendship group</p>",
    )
    country_ids = set(group.countries.values_list("pk", flat=True))
    pk = group.pk

    response = editor_client.post(f"/admin/groups/friendshipgroup/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not FriendshipGroup.objects.filter(pk=pk).exists()

    recover_list = editor_client.get("/admin/groups/friendshipgroup/recover/")
    assert recover_list.status_code == 200
    assert "France-Pérou" in recover_list.content.decode()
    deleted = Version.objects.get_deleted(FriendshipGroup).get(object_id=str(pk))

    recover_url = f"/admin/groups/friendshipgroup/recover/{deleted.pk}/"
    response = editor_client.post(recover_url, form_data(editor_client.get(recover_url)))
    assert response.status_code == 302

    group = FriendshipGroup.objects.get(pk=pk)
    assert group.name_fr == "France-Pérou"
    assert group.name_en == "France-Peru"
    assert group.description_fr == "<p>Groupe d'amitié</p>"
    assert group.description_en == "<p>Friendship group</p>"
    assert set(group.countries.values_list("pk", flat=True)) == country_ids
