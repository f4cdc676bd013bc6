"""A group's memberships stay readable: today's term first, past terms grouped."""

import datetime

import pytest
from django.utils import timezone

from groups.models import Membership
from groups.models import triennial_period
from groups.templatetags.groups_admin import group_terms
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (D(2026, 12, 1), (D(2026, 10, 1), D(2029, 9, 30))),
        (D(2026, 9, 30), (D(2023, 10, 1), D(2026, 9, 30))),
        (D(2026, 10, 1), (D(2026, 10, 1), D(2029, 9, 30))),
        (D(2021, 3, 15), (D(2020, 10, 1), D(2023, 9, 30))),
        (D(2011, 10, 1), (D(2011, 10, 1), D(2014, 9, 30))),
        (D(2008, 1, 1), (D(2005, 10, 1), D(2008, 9, 30))),
    ],
)
def test_term_of_a_day_follows_the_senates_triennial_renewals(day, term):
    assert triennial_period(day) == term


def test_past_memberships_are_grouped_by_term_newest_first():
    group = make_group()
    old = make_membership(group=group, start_date=D(2017, 10, 1), end_date=D(2020, 9, 30))
    president = make_membership(
        group=group,
        role=Membership.Role.PRESIDENT,
        start_date=D(2020, 10, 1),
        end_date=D(2023, 9, 30),
    )
    member = make_membership(
        group=group,
        senator=make_senator(last_name="Zorn"),
        start_date=D(2021, 2, 1),
        end_date=D(2023, 9, 30),
    )
    accented = make_membership(
        group=group,
        senator=make_senator(last_name="Écuyer"),
        start_date=D(2021, 2, 1),
        end_date=D(2023, 9, 30),
    )
    terms = group_terms(group.memberships.in_bureau_order())
    assert terms == [
        # The bureau first, then the members A–Z in French order: « Écuyer » before « Zorn ».
        (D(2020, 10, 1), D(2023, 9, 30), [president, accented, member]),
        (D(2017, 10, 1), D(2020, 9, 30), [old]),
    ]


def test_change_form_edits_todays_term_and_shows_past_terms_collapsed(admin_client):
    group = make_group()
    current = make_membership(group=group, senator=make_senator(last_name="Actuelle"))
    for i in range(15):  # a regional group's former term
        make_membership(
            group=group,
            senator=make_senator(last_name=f"Ancien{i:02d}"),
            start_date=D(2020, 10, 1),
            end_date=D(2023, 9, 30),
        )
    response = admin_client.get(f"/admin/groups/friendshipgroup/{group.pk}/change/")
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in formset.initial_forms] == [current]
    page = response.content.decode()
    today_term = triennial_period(timezone.localdate())
    assert f"Mandat en cours ({today_term[0].year}–{today_term[1].year})" in page
    assert '<details class="membership-past-term">' in page  # closed: no "open"
    assert "2020–2023 : 15 appartenances" in page
    assert page.count("/admin/groups/membership/") >= 15
    # A new row starts with today's term.
    assert formset.extra_forms[0].initial["start_date"] == today_term[0]
    assert formset.empty_form.initial["start_date"] == today_term[0]


def test_saving_the_group_keeps_the_past_terms(admin_client):
    from tests.admin_helpers import group_post

    group = make_group(slug="france-pays")
    make_membership(group=group, start_date=D(2020, 10, 1), end_date=D(2023, 9, 30))
    current = make_membership(group=group)
    data = group_post(group=None, countries=group.countries.all())
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "seen_version": group.version,
            "memberships-0-id": current.pk,
            "memberships-0-seen_version": current.version,
            "memberships-0-group": group.pk,
            "memberships-0-senator": current.senator_id,
            "memberships-0-role": current.role,
            "memberships-0-start_date": current.start_date.isoformat(),
        }
    )
    response = admin_client.post(f"/admin/groups/friendshipgroup/{group.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert group.memberships.count() == 2
