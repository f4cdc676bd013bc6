"""One definition of a current membership: the last day of a term is still in office."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Membership
from groups.models import triennial_period
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

PRESIDENT = Membership.Role.PRESIDENT


@pytest.fixture
def president_whose_term_ends(db):
    def make(end_date):
        group = make_group()
        senator = make_senator(first_name="Claire", last_name="Boundary")
        make_membership(group=group, senator=senator, role=PRESIDENT, end_date=end_date)
        return group, senator

    return make


def _admin_member_count(admin_client):
    """The « current members » column of the groups' change list, for its one group."""
    response = admin_client.get("/admin/groups/friendshipgroup/")
    return response.context["cl"].result_list[0].member_count


def test_a_president_on_the_last_day_of_term_is_current_everywhere(
    client, admin_client, president_whose_term_ends
):
    group, senator = president_whose_term_ends(timezone.localdate())

    assert Membership.objects.current().filter(group=group).count() == 1
    listed = client.get(reverse("groups:list"))
    assert listed.context["page"].object_list[0].current_presidents[0].senator == senator
    page = client.get(group.get_absolute_url())
    assert [m.senator for m in page.context["bureau"]] == [senator]
    # Not a past bureau of today's period (earlier periods it overlaps list it: issue 20.2).
    today_period = triennial_period(timezone.localdate())
    assert all(period != today_period for period, _rows in page.context["past_bureaux"])
    senator_page = client.get(senator.get_absolute_url())
    assert [m.group for m in senator_page.context["current"]] == [group]
    assert _admin_member_count(admin_client) == 1


def test_a_president_whose_term_ended_yesterday_is_past_everywhere(
    client, admin_client, president_whose_term_ends
):
    group, senator = president_whose_term_ends(timezone.localdate() - datetime.timedelta(days=1))

    assert not Membership.objects.current().filter(group=group).exists()
    listed = client.get(reverse("groups:list"))
    assert listed.context["page"].object_list[0].current_presidents == []
    page = client.get(group.get_absolute_url())
    assert page.context["bureau"] == []
    # In each period the term overlaps, today's included.
    past = page.context["past_bureaux"]
    assert [m.senator for _, rows in past for m in rows] == [senator] * len(past)
    assert past[0][0] == triennial_period(timezone.localdate())
    senator_page = client.get(senator.get_absolute_url())
    assert senator_page.context["current"] == []
    assert [m.group for m in senator_page.context["past"]] == [group]
    assert _admin_member_count(admin_client) == 0
