"""Two editors on one record (issue 10 §1): nothing is lost silently, nothing ends in a 500.

Each test opens the same change page in two sessions, A and B, as two editors would,
and posts what each browser would post (tests/admin_helpers.form_data).
"""

import datetime

import pytest

from groups.models import FriendshipGroup
from groups.models import Membership
from missions.models import MissionParticipant
from tests.admin_helpers import form_data
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_senator

pytestmark = pytest.mark.django_db
PRESIDENT = Membership.Role.PRESIDENT


def _url(group):
    return f"/admin/groups/friendshipgroup/{group.pk}/change/"


def _rows(data, prefix="memberships"):
    """{row index: {field: value}} of an inline's existing rows in a posted form."""
    rows = {}
    for key, values in data.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            rows.setdefault(int(parts[1]), {})[parts[2]] = values[0]
    return rows


def _saved(response):
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def _refused(response):
    assert response.status_code == 200  # the form again, not a 500 and not a redirect
    return response.content.decode()


def _group():
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    group.countries.add(make_country(name_fr="Corée"))
    make_membership(group=group, role=PRESIDENT, senator=make_senator(last_name="Durand"))
    return group


def test_a_stale_save_does_not_undo_a_rename(alice, bruno):
    group = _group()
    page_a, page_b = alice.get(_url(group)), bruno.get(_url(group))
    _saved(alice.post(_url(group), form_data(page_a, name_fr="France-Japon-Corée")))

    page = _refused(
        bruno.post(_url(group), form_data(page_b, description_fr="<p>Texte de Bruno</p>"))
    )
    group.refresh_from_db()
    assert group.name_fr == "France-Japon-Corée"  # A's name is kept
    assert "Alice" in page and "nom" in page.lower()  # who, and what changed
    assert "Texte de Bruno" in page  # B's input is still on the form
    assert group.description_fr == ""

    # Having read the message, B saves again: that save is deliberate and goes through.
    again = form_data(bruno.post(_url(group), form_data(page_b, description_fr="<p>B</p>")))
    _saved(bruno.post(_url(group), again))
    group.refresh_from_db()
    assert group.description_fr == "<p>B</p>"


def test_the_refusal_speaks_the_editors_language(alice, bruno):
    group = _group()
    page_a, page_b = alice.get(_url(group)), bruno.get(_url(group))
    _saved(alice.post(_url(group), form_data(page_a, name_fr="Nouveau nom")))
    response = bruno.post(
        _url(group), form_data(page_b, counterpart_fr="Diète"), headers={"Accept-Language": "en"}
    )
    page = _refused(response)
    assert "Not saved: Alice changed this friendship group" in page
    assert "Changed: name" in page


def test_a_stale_save_does_not_bring_back_a_removed_country(alice, bruno):
    group = _group()
    kept = make_country(name_fr="Japon")
    group.countries.add(kept)
    page_a, page_b = alice.get(_url(group)), bruno.get(_url(group))
    data = form_data(page_a)
    data["countries"] = [str(kept.pk)]
    _saved(alice.post(_url(group), data))

    page = _refused(bruno.post(_url(group), form_data(page_b, counterpart_fr="Diète")))
    assert list(group.countries.all()) == [kept]
    assert "pays suivis" in page.lower()
    assert "Diète" in page


def _replace_president(page, senator):
    """The form data that ends the current président's term and names another."""
    data = form_data(page)
    rows = _rows(data)
    (index,) = [i for i, row in rows.items() if row["role"] == PRESIDENT]
    data[f"memberships-{index}-end_date"] = ["2024-06-30"]
    new = len(rows)
    data["memberships-TOTAL_FORMS"] = [str(new + 1)]
    for field, value in {
        "senator": senator.pk,
        "role": PRESIDENT,
        "start_date": "2024-07-01",
        "end_date": "",
        "country": "",
    }.items():
        data[f"memberships-{new}-{field}"] = [str(value)]
    return data


def test_two_editors_replacing_the_president_get_a_message_not_a_500(alice, bruno):
    group = _group()
    page_a, page_b = alice.get(_url(group)), bruno.get(_url(group))
    _saved(alice.post(_url(group), _replace_president(page_a, make_senator(last_name="Martin"))))

    data = _replace_president(page_b, make_senator(last_name="Petit"))
    response = bruno.post(_url(group), data)
    page = _refused(response)
    assert "Alice" in page
    assert "appartenances" in page.lower()  # the memberships changed
    current = Membership.objects.current().get(group=group, role=PRESIDENT)
    assert current.senator.last_name == "Martin"


def test_a_constraint_race_becomes_a_form_error(bruno):
    """Another writer (a second tab, an import) adds a président between B's check and
    B's save: PostgreSQL refuses B's président; B gets the rule, not a 500."""
    group = make_group()
    page_b = bruno.get(_url(group))
    make_membership(group=group, role=PRESIDENT)  # written without touching the group
    data = form_data(page_b)
    data["memberships-TOTAL_FORMS"] = ["1"]
    data.update(
        {
            "memberships-0-senator": [str(make_senator().pk)],
            "memberships-0-role": [PRESIDENT],
            "memberships-0-start_date": ["2024-07-01"],
        }
    )
    response = bruno.post(_url(group), data)
    page = _refused(response)
    assert "Ce groupe a déjà un président en fonction." in page
    assert Membership.objects.filter(group=group).count() == 1


def test_a_membership_deleted_meanwhile_is_named_in_the_refusal(alice, bruno):
    group = _group()
    member = make_membership(group=group, senator=make_senator(last_name="Lefèvre"))
    page_a, page_b = alice.get(_url(group)), bruno.get(_url(group))
    data = form_data(page_a)
    (index,) = [i for i, row in _rows(data).items() if row["id"] == str(member.pk)]
    data[f"memberships-{index}-DELETE"] = ["on"]
    _saved(alice.post(_url(group), data))
    assert not Membership.objects.filter(pk=member.pk).exists()

    page = _refused(bruno.post(_url(group), form_data(page_b, counterpart_fr="Diète")))
    assert "Corrigez l" in page
    assert "Alice" in page
    assert "a été supprimé" in page  # the row's own message, visible on the row
    assert "Diète" in page


def test_a_membership_deleted_from_its_own_page_is_named_on_the_group_form(alice, bruno):
    group = _group()
    member = make_membership(group=group, senator=make_senator(last_name="Lefèvre"))
    page_b = bruno.get(_url(group))
    response = alice.post(f"/admin/groups/membership/{member.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302

    page = _refused(bruno.post(_url(group), form_data(page_b, counterpart_fr="Diète")))
    assert "Alice" in page and "a été supprimé" in page


def test_a_row_changed_on_its_own_page_is_not_overwritten_by_the_inline(alice, bruno):
    group = _group()
    member = make_membership(group=group, senator=make_senator(last_name="Lefèvre"))
    page_b = bruno.get(_url(group))
    url = f"/admin/groups/membership/{member.pk}/change/"
    _saved(alice.post(url, form_data(alice.get(url), end_date="2024-12-31")))

    _refused(bruno.post(_url(group), form_data(page_b, counterpart_fr="Diète")))
    member.refresh_from_db()
    assert member.end_date == datetime.date(2024, 12, 31)


def test_the_delegation_inline_is_checked_too(alice, bruno):
    mission = make_mission()
    url = f"/admin/missions/mission/{mission.pk}/change/"
    page_a, page_b = alice.get(url), bruno.get(url)
    data = form_data(page_a)
    data["delegation-TOTAL_FORMS"] = ["1"]
    data["delegation-0-senator"] = [str(make_senator().pk)]
    _saved(alice.post(url, data))

    data = form_data(page_b)
    data["delegation-TOTAL_FORMS"] = ["1"]
    data["delegation-0-senator"] = [str(make_senator().pk)]
    page = _refused(bruno.post(url, data))
    assert "Alice" in page
    assert MissionParticipant.objects.filter(mission=mission).count() == 1


def test_an_untouched_form_saved_twice_by_one_editor_goes_through(alice):
    group = _group()
    _saved(alice.post(_url(group), form_data(alice.get(_url(group)))))
    _saved(alice.post(_url(group), form_data(alice.get(_url(group)), name_fr="Encore")))
    assert FriendshipGroup.objects.get(pk=group.pk).name_fr == "Encore"


def test_deleting_a_row_someone_else_deleted_is_no_error(alice, bruno):
    group = _group()
    member = make_membership(group=group, senator=make_senator(last_name="Lefèvre"))
    page_b = bruno.get(_url(group))
    alice.post(f"/admin/groups/membership/{member.pk}/delete/", {"post": "yes"})
    data = form_data(page_b)
    (index,) = [i for i, row in _rows(data).items() if row["id"] == str(member.pk)]
    data[f"memberships-{index}-DELETE"] = ["on"]
    _saved(bruno.post(_url(group), data))
    assert group.memberships.count() == 1


def test_a_group_deleted_while_edited_keeps_the_editors_input(alice, bruno):
    group = _group()
    countries = sorted(group.countries.values_list("name_fr", flat=True))
    page_b = bruno.get(_url(group))
    alice.post(f"/admin/groups/friendshipgroup/{group.pk}/delete/", {"post": "yes"})
    data = form_data(page_b, name_fr="France-Japon-Corée", description_fr="Texte de Bruno")

    response = bruno.post(_url(group), data)
    page = _refused(response)
    assert "Alice a supprimé cet objet (groupe d’amitié) après que vous l’avez ouvert" in page
    assert "France-Japon-Corée" in page and "Texte de Bruno" in page
    assert 'action="/admin/groups/friendshipgroup/add/"' in page
    assert not FriendshipGroup.objects.exists()  # nothing saved yet

    # Saving again creates it anew with Bruno's input, its countries and bureau.
    _saved(bruno.post("/admin/groups/friendshipgroup/add/", form_data(response)))
    new = FriendshipGroup.objects.get()
    assert (new.name_fr, new.description_fr) == ("France-Japon-Corée", "Texte de Bruno")
    assert sorted(new.countries.values_list("name_fr", flat=True)) == countries
    assert [m.senator.last_name for m in new.memberships.all()] == ["Durand"]


def test_a_form_without_its_version_is_refused_then_saved_on_purpose(bruno):
    group = _group()
    data = form_data(bruno.get(_url(group)), name_fr="Sans version")
    data.pop("seen_version")  # a page from before versions, or a script's POST

    response = bruno.post(_url(group), data)
    page = _refused(response)
    assert "ce formulaire n’indiquait pas sur quelle version" in page
    assert "Sans version" in page  # the input is kept
    assert FriendshipGroup.objects.get(pk=group.pk).name_fr == "France-Japon"

    _saved(bruno.post(_url(group), form_data(response)))
    assert FriendshipGroup.objects.get(pk=group.pk).name_fr == "Sans version"


def test_an_inline_row_without_its_version_is_refused(bruno):
    group = _group()
    member = group.memberships.get()
    data = form_data(bruno.get(_url(group)))
    (index,) = [i for i, row in _rows(data).items() if row["id"] == str(member.pk)]
    data.pop(f"memberships-{index}-seen_version")
    data[f"memberships-{index}-end_date"] = ["2026-01-31"]

    assert "ce formulaire n’indiquait pas sur quelle version" in _refused(
        bruno.post(_url(group), data)
    )
    assert group.memberships.get().end_date is None
