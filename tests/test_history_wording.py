"""History entries in correct French (issue 21 §2): « Ajout de l’appartenance « … (Membre) » »,
not « Ajout de appartenance « … (Member) » ». Each model's French name has its gender
(``GENDERS``), a vowel takes the elided article; the row is named as the editor read it, the
models and fields in the reader's language (backoffice/history.py)."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from backoffice.history import GENDERS
from backoffice.history import log_message
from tests.admin_helpers import form_data
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

pytestmark = pytest.mark.django_db


def _url(group):
    return f"/admin/groups/friendshipgroup/{group.pk}/change/"


def _history(client, group, lang):
    html = client.get(
        f"/admin/groups/friendshipgroup/{group.pk}/history/", headers={"Accept-Language": lang}
    ).content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _save(client, group, lang, **changes):
    headers = {"Accept-Language": lang}
    page = client.get(_url(group), headers=headers)
    response = client.post(_url(group), form_data(page, **changes), headers=headers)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("editor_lang", "role"), [("fr", "Membre"), ("en", "Member")], ids=["fr", "en"]
)
def test_an_added_membership_reads_right_in_each_language(editor, client, editor_lang, role):
    group = make_group(name_fr="France-Atlantide", name_en="France-Atlantis")
    senator = make_senator(first_name="Hélène", last_name="Valmorel", civility="MME")
    added = {"memberships-0-senator": str(senator.pk), "memberships-0-role": "member"}
    _save(client, group, editor_lang, **added)
    # The row as the editor read it; the model's name in the reader's language.
    row = f"Hélène Valmorel — {'France-Atlantide' if editor_lang == 'fr' else 'France-Atlantis'}"
    assert f"Ajout de l’appartenance « {row} ({role}) »." in _history(client, group, "fr")
    assert f"Added membership “{row} ({role})”." in _history(client, group, "en")
    french = _history(client, group, "fr")
    assert "Ajout de appartenance" not in french and "l’objet" not in french


def test_a_changed_and_a_deleted_membership_read_right(editor, client):
    group = make_group(name_fr="France-Atlantide")
    make_membership(group=group, senator=make_senator(last_name="Valmorel"))
    _save(client, group, "fr", **{"memberships-0-role": "secretary"})
    _save(client, group, "fr", **{"memberships-0-DELETE": "on"})
    french = _history(client, group, "fr")
    assert "Modification de Fonction pour l’appartenance « " in french
    assert "Suppression de l’appartenance « " in french and "Valmorel" in french
    english = _history(client, group, "en")
    assert "Changed Role for membership “" in english
    assert "Deleted membership “" in english


def _entry(action, model, obj="Visite au Japon", **more):
    with translation.override(None):
        name = str(apps.get_model(model)._meta.verbose_name)
    return json.dumps([{action: {"name": name, "model": model, "object": obj, **more}}])


@pytest.mark.parametrize(
    ("entry", "french", "english"),
    [
        (
            _entry("added", "groups.country", "Japon"),
            "Ajout du pays « Japon ».",
            "Added country “Japon”.",
        ),
        (
            _entry("deleted", "missions.mission"),
            "Suppression de la mission « Visite au Japon ».",
            "Deleted mission “Visite au Japon”.",
        ),
        (
            _entry("changed", "missions.missionparticipant", "X", fields=["role"]),
            "Modification de fonction pour le membre de la délégation « X ».",
            "Changed role for delegation member “X”.",
        ),
        (
            _entry("added", "cooperation.agreement", "A"),
            "Ajout de l’accord de coopération « A ».",
            "Added cooperation agreement “A”.",
        ),
        # An entry written before entries named their model: found by its English name.
        (
            '[{"added": {"name": "membership", "object": "M"}}]',
            "Ajout de l’appartenance « M ».",
            "Added membership “M”.",
        ),
        # A model that declares no gender keeps Django's own sentence.
        (
            '[{"deleted": {"name": "user", "object": "bruno"}}]',
            "Suppression de l’objet utilisateur « bruno ».",
            "Deleted user “bruno”.",
        ),
        ('[{"changed": {"fields": ["role"]}}]', "Modification de fonction.", "Changed role."),
        ("Bureau renouvelé", "Bureau renouvelé", "Bureau renouvelé"),  # text stays text
    ],
)
def test_each_model_takes_its_article(entry, french, english):
    with translation.override("fr"):
        assert log_message(entry) == french
    with translation.override("en"):
        assert log_message(entry) == english


def test_every_model_of_the_project_names_its_gender():
    # A new model without one would read « l’objet … » in the history again; a renamed or
    # removed one would leave a row that names no model.
    project = {
        model._meta.label_lower
        for model in apps.get_models()
        # The project's apps are the folders at its root (the virtualenv may be there too).
        if Path(apps.get_app_config(model._meta.app_label).path).parent == settings.BASE_DIR
    }
    assert set(GENDERS) == project
    assert set(GENDERS.values()) == {"masculine", "feminine"}
    assert len(project) > 20


def test_a_revert_reads_in_the_readers_language(editor, client):
    from reversion.models import Version

    group = make_group(name_fr="France-Atlantide", counterpart_fr="Diète")
    _save(client, group, "fr", counterpart_fr="Sejm")
    original = Version.objects.get_for_object(group).order_by("pk").first()
    url = f"/admin/groups/friendshipgroup/{group.pk}/history/{original.pk}/"
    headers = {"Accept-Language": "fr"}
    assert client.post(url, form_data(client.get(url, headers=headers))).status_code == 302
    assert "Restauré depuis une version précédente" in _history(client, group, "fr")
    english = _history(client, group, "en")
    assert "Reverted to previous version, saved on" in english
    assert "Changed counterpart abroad" in english


def test_the_dashboard_reads_right_too(editor, client):
    group = make_group(name_fr="France-Atlantide")
    senator = make_senator(first_name="Hélène", last_name="Valmorel", civility="MME")
    _save(client, group, "fr", **{"memberships-0-senator": str(senator.pk)})
    html = unescape(client.get("/admin/", headers={"Accept-Language": "fr"}).content.decode())
    assert "Ajout de l’appartenance « Hélène Valmorel — France-Atlantide (Membre) »." in html


def test_a_comparison_names_a_choice_by_its_label(editor, client):
    group = make_group(name_fr="France-Atlantide")
    make_membership(group=group, senator=make_senator(last_name="Valmorel"))
    _save(client, group, "fr", **{"memberships-0-role": "secretary"})
    from reversion.models import Version

    newest = Version.objects.get_for_object(group).latest("pk")
    url = f"/admin/groups/friendshipgroup/{group.pk}/history/{newest.pk}/compare/"
    html = client.get(url, headers={"Accept-Language": "fr"}).content.decode()
    row = re.search(r'<li class="diff-changed">.*?</li>', html, re.S).group(0)
    assert "Membre" in row and "Secrétaire" in row and "secretary" not in row


def test_a_renewal_and_the_first_state_read_in_the_readers_language(editor, client):
    import datetime

    from groups.services import group_renew_bureau

    group = make_group(name_fr="France-Atlantide")
    make_membership(group=group, start_date=datetime.date(2020, 10, 1))
    client.get(_url(group))  # the state before the first edit is recorded
    group_renew_bureau(group=group, on=datetime.date(2023, 10, 1), stays=[], user=editor)
    french, english = _history(client, group, "fr"), _history(client, group, "en")
    assert "État avant la première modification dans l’administration" in french
    assert "Bureau renouvelé le 1 octobre 2023" in french
    assert "State before the first edit in the back office" in english
    assert "Bureau renewed on Oct. 1, 2023" in english
