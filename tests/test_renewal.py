"""« Renouveler le bureau » (issue 21 §3): the triennial renewal of a group's bureau in one
screen, terms closed and opened in one transaction with a history entry."""

import datetime

import pytest
from django.utils import timezone
from reversion.models import Version

from groups.models import Membership
from groups.periods import triennial_period
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

pytestmark = pytest.mark.django_db
# The first day of today's triennial term: the renewal just made, so the new bureau is
# today's and the old one a past term, whatever day the tests run.
ON = triennial_period(timezone.localdate())[0]
START = ON.replace(year=ON.year - 3)
EVE = ON - datetime.timedelta(days=1)
R = Membership.Role


@pytest.fixture
def group():
    japan = make_country(name_fr="Japon")
    group = make_group(name_fr="France-Japon", slug="france-japon", countries=[japan])
    start = START
    make_membership(
        group=group, senator=make_senator(last_name="Ancien"), role=R.PRESIDENT, start_date=start
    )
    make_membership(
        group=group, senator=make_senator(last_name="Reste"), role=R.MEMBER, start_date=start
    )
    make_membership(
        group=group, senator=make_senator(last_name="Sortant"), role=R.SECRETARY, start_date=start
    )
    # Edges: a term that ended the day before, one begun on the renewal date itself.
    make_membership(
        group=group,
        senator=make_senator(last_name="Parti"),
        role=R.VICE_PRESIDENT,
        start_date=start,
        end_date=EVE,
    )
    make_membership(
        group=group, senator=make_senator(last_name="Nouveau"), role=R.MEMBER, start_date=ON
    )
    return group


def _url(group):
    return f"/admin/groups/friendshipgroup/{group.pk}/renew/"


def _post(group, rows):
    """The renewal form as posted: rows = {last name: (stays, role, rank)}."""
    shown = Membership.objects.filter(group=group, end_date__isnull=True).exclude(start_date=ON)
    shown = sorted(shown, key=lambda m: m.senator.last_name)
    data = {
        "on": ON.isoformat(),
        "form-TOTAL_FORMS": str(len(shown)),
        "form-INITIAL_FORMS": str(len(shown)),
    }
    for i, m in enumerate(shown):
        stays, role, rank = rows[m.senator.last_name]
        data[f"form-{i}-membership"] = str(m.pk)
        if stays:
            data[f"form-{i}-stays"] = "on"
        data[f"form-{i}-role"] = role
        data[f"form-{i}-rank"] = str(rank or "")
        data[f"form-{i}-country"] = ""
    return data


# The renewal most tests post: « Reste » becomes president, « Ancien » stays as a member,
# « Sortant » leaves.
RESTE_PRESIDES = {
    "Ancien": (True, R.MEMBER, None),
    "Reste": (True, R.PRESIDENT, None),
    "Sortant": (False, R.SECRETARY, None),
}


def _renew(client, group, rows):
    return client.post(_url(group), _post(group, rows))


def current_terms():
    """{(group, last name, role)} of every term running today (no end date)."""
    return {
        (m.group.name_fr, m.senator.last_name, m.role)
        for m in Membership.objects.filter(end_date__isnull=True).select_related("group", "senator")
    }


def test_the_page_lists_the_terms_running_on_the_date_only(editor, client, group):
    page = client.get(_url(group), {"on": ON.isoformat()}).content.decode()
    for name in ("Ancien", "Reste", "Sortant"):
        assert name in page
    assert "Parti" not in page  # ended the day before
    assert "Nouveau" not in page  # begun on the renewal date: already the new term


def test_a_renewal_closes_and_opens_terms_in_one_history_entry(editor, client, group):
    response = _renew(client, group, RESTE_PRESIDES)
    assert response.status_code == 302
    terms = {
        (m.senator.last_name, m.role, m.start_date, m.end_date)
        for m in Membership.objects.filter(group=group).select_related("senator")
    }
    start = START
    assert terms == {
        ("Ancien", R.PRESIDENT, start, EVE),
        ("Ancien", R.MEMBER, ON, None),
        ("Reste", R.MEMBER, start, EVE),
        ("Reste", R.PRESIDENT, ON, None),
        ("Sortant", R.SECRETARY, start, EVE),
        ("Parti", R.VICE_PRESIDENT, start, EVE),
        ("Nouveau", R.MEMBER, ON, None),
    }
    revision = Version.objects.get_for_object(group).latest("pk").revision
    assert "renouvelé" in revision.comment.lower() or "renewed" in revision.comment.lower()
    # The group and all its terms (the group's history follows its memberships).
    assert revision.version_set.count() == 1 + 7
    assert revision.user.username == "redactrice"


def test_the_public_page_shows_the_new_bureau_and_the_old_one_under_previous_bureaux(
    editor, client, group
):
    _renew(client, group, RESTE_PRESIDES)
    response = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    bureau = [(m.senator.last_name, m.role) for m in response.context["bureau"]]
    assert bureau == [("Reste", R.PRESIDENT)]
    past = {
        (m.senator.last_name, m.role)
        for _period, rows in response.context["past_bureaux"]
        for m in rows
    }
    assert {("Ancien", R.PRESIDENT), ("Sortant", R.SECRETARY)} <= past
    assert "Bureaux précédents" in response.content.decode()


def test_two_presidents_are_refused_and_nothing_is_written(editor, client, group):
    response = _renew(client, group, {**RESTE_PRESIDES, "Ancien": (True, R.PRESIDENT, None)})
    assert response.status_code == 200
    assert "Un groupe a un seul président" in response.content.decode()
    assert Membership.objects.filter(group=group, end_date=EVE).count() == 1  # only « Parti »


def test_a_dissolved_group_is_not_offered(editor, client, group):
    assert (
        "renewlink"
        in client.get(f"/admin/groups/friendshipgroup/{group.pk}/change/").content.decode()
    )
    group.dissolved_on = datetime.date(2025, 1, 1)
    group.save()
    assert client.get(_url(group)).status_code == 404
    page = client.get(f"/admin/groups/friendshipgroup/{group.pk}/change/").content.decode()
    assert "renewlink" not in page


def test_the_all_groups_renewal_keeps_senators_in_office_as_members(group):
    from django.core.management import call_command

    other = make_group(name_fr="France-Chili")
    make_membership(group=other, senator=make_senator(last_name="Battu", is_active=False))
    dissolved = make_group(name_fr="France-URSS", dissolved_on=START)
    make_membership(group=dissolved, senator=make_senator(last_name="Dissous"), end_date=None)
    call_command("renew_bureaux", on=ON.isoformat())
    assert current_terms() == {
        ("France-Japon", "Ancien", R.MEMBER),
        ("France-Japon", "Reste", R.MEMBER),
        ("France-Japon", "Sortant", R.MEMBER),
        ("France-Japon", "Nouveau", R.MEMBER),
        ("France-URSS", "Dissous", R.MEMBER),  # a dissolved group is not renewed
    }
    assert Membership.objects.get(senator__last_name="Battu").end_date == EVE


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_editor_renews_a_bureau_in_chromium_and_the_public_page_shows_both(
    live_server, live_editor, french_page
):
    from tests.helpers.browser import log_in

    group = make_group(name_fr="France-Japon", slug="france-japon")
    make_membership(
        group=group, senator=make_senator(last_name="Ancien"), role=R.PRESIDENT, start_date=START
    )
    make_membership(group=group, senator=make_senator(last_name="Reste"), start_date=START)
    page, base = french_page, live_server.url
    log_in(page, base)
    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    page.click("a.renewlink")
    page.fill("#id_on", ON.isoformat())
    page.click(".renewal-date input[type=submit]")
    rows = page.locator("tr.renewal-row")
    assert rows.count() == 2
    ancien, reste = rows.filter(has_text="Ancien"), rows.filter(has_text="Reste")
    ancien.locator("select[name$=-role]").select_option("member")
    reste.locator("select[name$=-role]").select_option("president")
    page.click("#renewal-form input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "Bureau renouvelé le" in page.locator(".messagelist").inner_text()

    page.goto(f"{base}{group.get_absolute_url()}")
    main = page.locator("main").inner_text()
    assert "Bureaux précédents" in main
    current, _sep, past = main.partition("Bureaux précédents")
    assert "Reste" in current and "Président" in current
    assert "Ancien" in past
