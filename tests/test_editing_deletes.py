"""Deletes in the back office (issue 10 §2): never a 500, and recoverable from history.

One object of every model the admin offers, each with the relations it can have, is
deleted through the admin, alone and with the bulk action. Objects that others still
need (PROTECT) are refused with Django's page naming them, never a server error.
"""

import datetime

import pytest
from django.contrib import admin
from reversion.models import Version

from core.history import note
from groups.models import FriendshipGroup
from groups.models import Membership
from tests.admin_helpers import form_data
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_partner
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import make_zone

pytestmark = pytest.mark.django_db
DELEGATE = Membership.Role.DELEGATE_PRESIDENT
PRESIDENT = Membership.Role.PRESIDENT


def regional_group_with_delegate():
    """The case that gave a 500: a regional group whose country has a délégué."""
    japan, korea = make_country(name_fr="Japon"), make_country(name_fr="Corée")
    group = make_group(kind=FriendshipGroup.Kind.REGIONAL, name_fr="France-Asie du Nord-Est")
    group.countries.set([japan, korea])
    make_membership(group=group, role=PRESIDENT, senator=make_senator(last_name="Durand"))
    make_membership(group=group, role=DELEGATE, country=japan, senator=make_senator())
    make_membership(group=group, start_date=datetime.date(2020, 1, 1))
    return group


def country_in_a_group():
    country = make_country()
    make_group().countries.add(country)
    return country


def senator_with_roles():
    senator = make_senator()
    make_membership(senator=senator, role=PRESIDENT)
    make_membership(senator=senator)
    return senator


def delegate_membership():
    return regional_group_with_delegate().memberships.get(role=DELEGATE)


def partner_of_a_colloquium():
    partner = make_partner()
    make_colloquium(partners=[partner])
    return partner


def mission_with_delegation():
    country = make_country()
    return make_mission(countries=[country], participants=[make_senator(), make_senator()])


def colloquium_with_links():
    return make_colloquium(
        countries=[make_country()], groups=[make_group()], partners=[make_partner()]
    )


def report_with_links():
    mission = make_mission()
    return make_report(
        countries=[make_country()], authors=[make_senator()], group=mission.group, mission=mission
    )


def news_with_links():
    return make_news(groups=[make_group()], countries=[make_country()])


_codes = iter(range(1, 10**6))


def political_group():
    from groups.models import PoliticalGroup

    n = next(_codes)
    return PoliticalGroup.objects.create(senate_code=f"PG{n}", name=f"Groupe {n} (fictif)")


DELETABLE = {
    "groups.politicalgroup": political_group,
    "groups.zone": make_zone,
    "groups.country": country_in_a_group,
    "groups.friendshipgroup": regional_group_with_delegate,
    "groups.senator": senator_with_roles,
    "groups.membership": delegate_membership,
    "missions.partner": partner_of_a_colloquium,
    "missions.mission": mission_with_delegation,
    "missions.reception": make_reception,
    "missions.colloquium": colloquium_with_links,
    "reports.report": report_with_links,
    "reports.newsitem": news_with_links,
}


def _admin_url(obj, view):
    meta = obj._meta
    if view == "changelist":
        return f"/admin/{meta.app_label}/{meta.model_name}/"
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/{view}/"


def test_every_model_in_the_admin_is_covered():
    registered = {
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in ("groups", "missions", "reports")
    }
    assert registered == set(DELETABLE)


@pytest.mark.parametrize("label", list(DELETABLE))
def test_deleting_one_object_through_the_admin(admin_client, label):
    obj = DELETABLE[label]()
    model = type(obj)
    assert admin_client.get(_admin_url(obj, "delete")).status_code == 200
    response = admin_client.post(_admin_url(obj, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
    # Kept in the history, so that "Recover deleted" can bring it back.
    assert Version.objects.get_deleted(model).filter(object_id=str(obj.pk)).exists()


@pytest.mark.parametrize("label", list(DELETABLE))
def test_deleting_objects_with_the_bulk_action(admin_client, label):
    first, second = DELETABLE[label](), DELETABLE[label]()
    model = type(first)
    data = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}
    url = _admin_url(first, "changelist")
    assert admin_client.post(url, data).status_code == 200  # the confirmation page
    response = admin_client.post(url, {**data, "post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk__in=[first.pk, second.pk]).exists()
    # Kept in the history like a single delete: reversion's change list view holds a
    # revision for the whole request, saved after the delete, which dropped them.
    before_deletion = note("State before deletion")  # « État avant suppression »
    deleted = Version.objects.get_deleted(model).filter(revision__comment=before_deletion)
    assert set(deleted.values_list("object_id", flat=True)) == {str(first.pk), str(second.pk)}


def test_an_object_others_need_is_refused_with_a_message(admin_client):
    group = make_group()
    make_mission(group=group)
    response = admin_client.post(_admin_url(group, "delete"), {"post": "yes"})
    assert response.status_code == 200
    assert "Mission" in response.content.decode()
    assert FriendshipGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize("bulk", [False, True], ids=["single", "bulk"])
def test_a_deleted_group_comes_back_with_its_countries_and_memberships(admin_client, bulk):
    group = regional_group_with_delegate()
    countries = set(group.countries.values_list("pk", flat=True))
    memberships = set(
        group.memberships.values_list("pk", "senator_id", "role", "country_id", "end_date")
    )
    pk = group.pk
    if bulk:
        data = {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        response = admin_client.post(_admin_url(group, "changelist"), data)
    else:
        response = admin_client.post(_admin_url(group, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(group_id=pk).exists()

    deleted = Version.objects.get_deleted(FriendshipGroup).get(object_id=str(pk))
    recover_url = f"/admin/groups/friendshipgroup/recover/{deleted.pk}/"
    response = admin_client.post(recover_url, form_data(admin_client.get(recover_url)))
    assert response.status_code == 302

    group = FriendshipGroup.objects.get(pk=pk)
    assert set(group.countries.values_list("pk", flat=True)) == countries
    assert (
        set(group.memberships.values_list("pk", "senator_id", "role", "country_id", "end_date"))
        == memberships
    )


@pytest.fixture
def mission_added_during_the_delete(monkeypatch):
    """Another editor attaches a mission to the group between the confirmation page and
    the delete: the real delete then meets a real ProtectedError."""
    import core.editing

    real = core.editing.delete_objects

    def racing(*, objs):
        for obj in objs:
            make_mission(group=obj)
        return real(objs=objs)

    monkeypatch.setattr(core.editing, "delete_objects", racing)


def test_a_delete_that_loses_a_race_is_refused_with_a_message(
    admin_client, mission_added_during_the_delete
):
    group = make_group()
    url = _admin_url(group, "delete")
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Rien n’a été supprimé" in response.content.decode()
    assert FriendshipGroup.objects.filter(pk=group.pk).exists()

    changelist = _admin_url(group, "changelist")
    data = {"action": "delete_selected", "_selected_action": [group.pk], "post": "yes"}
    response = admin_client.post(changelist, data, follow=True)
    assert response.status_code == 200
    assert "Rien n’a été supprimé" in response.content.decode()
    assert FriendshipGroup.objects.filter(pk=group.pk).exists()
    # The refused deletes left no « state before deletion » in the history either.
    assert not Version.objects.get_for_object(group).filter(
        revision__comment=note("State before deletion")  # « État avant suppression »
    )
