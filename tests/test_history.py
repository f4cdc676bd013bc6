"""Edit history and undo (django-reversion) through the admin, as an editor uses it."""

from html.parser import HTMLParser

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from reversion.admin import VersionAdmin
from reversion.models import Version

from groups.models import FriendshipGroup
from senat_groups.security import EDITORS_GROUP
from tests.factories import make_group

CONTENT_APPS = ("groups", "missions", "reports")


class _FormFields(HTMLParser):
    """The name/value pairs a browser would submit from the page's main form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = []
        self._in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post" and "id" in a:
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self.data.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None


def form_data(response, **changes):
    """The page's admin form as a browser would post it, with some fields changed."""
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    data["_save"] = ["Save"]
    return data


@pytest.fixture
def editor_client(client, db):
    """A DRIP editor (the real group from the migration, not a superuser)."""
    user = User.objects.create_user("editeur", password="un mot de passe assez long", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
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
    (version,) = Version.objects.get_for_object(group)
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
    original = Version.objects.get_for_object(group).get()
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
    assert Version.objects.get_for_object(group).count() == 3


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
