"""A readable history (issue 21 §2): two versions compared field by field, both languages
and the followed rows (a group's memberships) included (core/history.py)."""

import re

import pytest

from backoffice.history import log_message
from tests.admin_helpers import form_data
from tests.factories import make_group
from tests.factories import make_senator

pytestmark = pytest.mark.django_db


def _url(group):
    return f"/admin/groups/friendshipgroup/{group.pk}/change/"


def _save(client, group, **changes):
    response = client.post(_url(group), form_data(client.get(_url(group)), **changes))
    assert response.status_code == 302


def test_a_comparison_shows_old_and_new_text_side_by_side(editor, client):
    group = make_group(
        name_fr="France-Atlantide",
        description_fr="<p>Le groupe suit la vie parlementaire.</p>",
        description_en="<p>The group follows parliamentary life.</p>",
    )
    _save(client, group, counterpart_fr="Diète")
    senator = make_senator(last_name="Valmorel")
    _save(
        client,
        group,
        description_fr="<p>Le groupe suit la vie économique.</p>",
        description_en="<p>The group follows economic life.</p>",
        **{"memberships-0-senator": str(senator.pk), "memberships-0-role": "member"},
    )
    history = client.get(f"/admin/groups/friendshipgroup/{group.pk}/history/").content.decode()
    links = re.findall(r'href="([^"]+/compare/)" class="comparelink"', history)
    assert len(links) == 2, history  # three versions: the first has none before it
    newest = max(links, key=lambda link: int(link.split("/")[-3]))
    page = client.get(newest)  # the newest version beside the one before it
    assert page.status_code == 200
    html = page.content.decode()
    row = re.search(r"Description \[fr\].*?</tr>", html, re.S).group(0)
    before, after = re.findall(r'<td class="diff-(?:before|after)">(.*?)</td>', row, re.S)
    assert "vie" in before and '<del class="diff-removed">parlementaire.</del>' in before
    assert '<ins class="diff-added">économique.</ins>' in after
    assert "Description [en]" in html and "economic" in html
    assert "Valmorel" in html and "diff-added" in html  # the membership added
    assert "Diète" not in row  # unchanged in this step: not listed


def test_comparing_any_two_versions_and_wrong_ids(editor, client):
    group = make_group(name_fr="France-Atlantide", counterpart_fr="Un")
    _save(client, group, counterpart_fr="Deux")
    _save(client, group, counterpart_fr="Trois")
    from reversion.models import Version

    first, *_middle, last = Version.objects.get_for_object(group).order_by("pk")
    base = f"/admin/groups/friendshipgroup/{group.pk}/history/"
    html = client.get(f"{base}{last.pk}/compare/?with={first.pk}").content.decode()
    assert "Un" in html and "Trois" in html and "Deux" not in html
    assert client.get(f"{base}{last.pk}/compare/?with=abc").status_code == 404
    assert client.get(f"{base}999999/compare/").status_code == 404
    other = make_group(name_fr="France-Autre")
    _save(client, other, counterpart_fr="Autre")
    foreign = Version.objects.get_for_object(other).latest("pk")
    assert client.get(f"{base}{foreign.pk}/compare/").status_code == 404  # not this record's


def test_the_history_names_an_added_membership_in_correct_french(editor, client):
    group = make_group(name_fr="France-Atlantide")
    senator = make_senator(first_name="Hélène", last_name="Valmorel", civility="MME")
    page = client.get(_url(group), headers={"Accept-Language": "fr"})
    data = form_data(
        page, **{"memberships-0-senator": str(senator.pk), "memberships-0-role": "member"}
    )
    assert client.post(_url(group), data, headers={"Accept-Language": "fr"}).status_code == 302
    history = client.get(
        f"/admin/groups/friendshipgroup/{group.pk}/history/", headers={"Accept-Language": "fr"}
    ).content.decode()
    assert "Ajout de l’appartenance « " in history
    assert "Ajout de appartenance" not in history


def test_a_revert_is_logged_as_what_it_did(editor, client):
    from reversion.models import Revision
    from reversion.models import Version

    group = make_group(name_fr="France-Atlantide", description_fr="<p>Texte d’origine</p>")
    _save(client, group, counterpart_fr="Diète")  # the first version, and a change
    original = Version.objects.get_for_object(group).order_by("pk").first()
    senator = make_senator(last_name="Valmorel")
    _save(
        client,
        group,
        description_fr="<p>Texte changé</p>",
        **{"memberships-0-senator": str(senator.pk), "memberships-0-role": "member"},
    )
    url = f"/admin/groups/friendshipgroup/{group.pk}/history/{original.pk}/"
    assert client.post(url, form_data(client.get(url))).status_code == 302
    comment = log_message(Revision.objects.latest("pk").comment)
    assert "Aucun champ" not in comment
    assert "description [fr]" in comment and "homologue" in comment
    assert "Suppression de l’appartenance" in comment and "Valmorel" in comment
