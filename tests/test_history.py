"""Edit history and undo (django-reversion) through the admin, as an editor uses it."""

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from reversion.admin import VersionAdmin
from reversion.models import Version

from groups.models import FriendshipGroup
from tests.admin_helpers import form_data
from tests.factories import make_group

CONTENT_APPS = ("groups", "missions", "reports", "cooperation")
# An editor's change of a group's names and description, in both languages.
EDIT = {
    "name_fr": "France-Japon (nouveau nom)",
    "name_en": "France-Japan (new name)",
    "description_fr": "<p>Présentation</p>",
    "description_en": "<p>About</p>",
}


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
def test_each_admin_save_records_who_when_and_both_languages(client, editor):
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    _save_through_admin(client, group, **EDIT)
    # Newest first; the oldest is the state the editor was shown (the group had no history).
    version, baseline = Version.objects.get_for_object(group)
    assert baseline.field_dict["name_fr"] == "France-Japon"
    assert version.revision.user == editor
    assert version.revision.date_created is not None
    assert {name: version.field_dict[name] for name in EDIT} == EDIT

    history = client.get(f"/admin/groups/friendshipgroup/{group.pk}/history/")
    assert history.status_code == 200
    assert "redactrice" in history.content.decode()


# --- Undo -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reverting_through_the_admin_brings_both_languages_back(client, editor):
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    _save_through_admin(
        client,
        group,
        description_fr="<p>Texte d'origine</p>",
        description_en="<p>Original text</p>",
    )
    original = Version.objects.get_for_object(group).first()
    _save_through_admin(client, group, **EDIT)
    group.refresh_from_db()
    assert group.description_en == EDIT["description_en"]

    revision_url = f"/admin/groups/friendshipgroup/{group.pk}/history/{original.pk}/"
    page = client.get(revision_url)
    response = client.post(revision_url, form_data(page))
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
def test_a_deleted_record_is_recovered_through_the_admin(client, editor):
    group = make_group(name_fr="France-Pérou", name_en="France-Peru", slug="france-perou")
    _save_through_admin(
        client,
        group,
        description_fr="<p>Groupe d'amitié</p>",
        description_en="<p>Friendship group</p>",
    )
    country_ids = set(group.countries.values_list("pk", flat=True))
    pk = group.pk

    response = client.post(f"/admin/groups/friendshipgroup/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not FriendshipGroup.objects.filter(pk=pk).exists()

    recover_list = client.get("/admin/groups/friendshipgroup/recover/")
    assert recover_list.status_code == 200
    assert "France-Pérou" in recover_list.content.decode()
    deleted = Version.objects.get_deleted(FriendshipGroup).get(object_id=str(pk))

    recover_url = f"/admin/groups/friendshipgroup/recover/{deleted.pk}/"
    response = client.post(recover_url, form_data(client.get(recover_url)))
    assert response.status_code == 302

    group = FriendshipGroup.objects.get(pk=pk)
    assert group.name_fr == "France-Pérou"
    assert group.name_en == "France-Peru"
    assert group.description_fr == "<p>Groupe d'amitié</p>"
    assert group.description_en == "<p>Friendship group</p>"
    assert set(group.countries.values_list("pk", flat=True)) == country_ids
