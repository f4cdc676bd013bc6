"""One definition each, the same everywhere: a bureau's order, a group's terms by triennial
period, a current membership, a dissolved group (issues 19 and 20)."""

import datetime

import pytest
from django.utils import timezone

from core.generation import bump_generation
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import triennial_period
from groups.templatetags.groups_admin import membership_terms
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator
from tests.helpers.downloads import read_csv

pytestmark = pytest.mark.django_db
Role = Membership.Role
DAY = datetime.timedelta(days=1)
API = "/api/v1/"


def period_before(period, n=1):
    """The triennial period ``n`` renewals before ``period``."""
    return triennial_period(datetime.date(period[0].year - 3 * n, 11, 1))


TODAY = timezone.localdate()
CURRENT = triennial_period(TODAY)
PREVIOUS = period_before(CURRENT)
EARLIER = period_before(CURRENT, 2)


def names_by_period(terms):
    return {period: [m.senator.last_name for m in rows] for period, rows in terms}


def rendered(client, url):
    """The page rendered for this request, with its context: not the body kept from an
    earlier request of the same test (core.generation: a new generation, as an edit makes)."""
    bump_generation()
    return client.get(url)


def public_past(client, group):
    return names_by_period(rendered(client, group.get_absolute_url()).context["past_bureaux"])


def dossier_past(client, group):
    ((_group, _bureau, past),) = client.get(f"{group.get_absolute_url()}dossier/").context["groups"]
    return names_by_period(past)


def admin_past(group):
    return names_by_period(membership_terms(group)["past"])


# --- terms by triennial period (20.2) ------------------------------------------------------


def test_officers_whose_rows_run_across_renewals_are_in_each_periods_bureau(client):
    """A présidente and a présidente déléguée, one row each since a November two renewals
    ago, are in the bureau of both past periods: on the page, in the dossier, in the admin."""
    country = make_country()
    group = make_group(countries=[country, make_country()], kind="regional")
    since = EARLIER[0] + datetime.timedelta(days=40)
    make_membership(
        group=group, role=Role.PRESIDENT, senator=make_senator(last_name="Présidente"),
        start_date=since,
    )  # fmt: skip
    make_membership(
        group=group, role=Role.DELEGATE_PRESIDENT, country=country,
        senator=make_senator(last_name="Déléguée"), start_date=since,
    )  # fmt: skip
    expected = {EARLIER: ["Présidente", "Déléguée"], PREVIOUS: ["Présidente", "Déléguée"]}
    assert public_past(client, group) == expected
    assert dossier_past(client, group) == expected
    assert admin_past(group) == expected
    # Today's bureau has them too, once.
    page = rendered(client, group.get_absolute_url())
    assert [m.senator.last_name for m in page.context["bureau"]] == ["Présidente", "Déléguée"]


def test_a_term_ending_on_the_last_day_of_a_period_is_in_that_period_only(client):
    group = make_group()
    for name, start, end in [
        ("Dernier-jour", EARLIER[0], EARLIER[1]),  # ends on the period's last day
        ("Premier-jour", PREVIOUS[0], PREVIOUS[0] + 100 * DAY),  # starts on the next one's first
        ("Chevauche", EARLIER[0] + 10 * DAY, PREVIOUS[0]),  # one day into the next period
    ]:
        make_membership(
            group=group, role=Role.SECRETARY, senator=make_senator(last_name=name),
            start_date=start, end_date=end,
        )  # fmt: skip
    expected = {
        EARLIER: ["Chevauche", "Dernier-jour"],
        PREVIOUS: ["Chevauche", "Premier-jour"],
    }
    assert public_past(client, group) == expected
    assert dossier_past(client, group) == expected
    assert admin_past(group) == expected


def test_closed_and_reopened_rows_and_one_running_row_give_the_same_history(client):
    """Both ways the Senate writes a continuous term."""
    running, reopened = make_group(), make_group()
    make_membership(
        group=running, role=Role.PRESIDENT, senator=make_senator(last_name="Continue"),
        start_date=EARLIER[0] + 40 * DAY,
    )  # fmt: skip
    senator = make_senator(last_name="Continue")
    for start, end in [(EARLIER[0] + 40 * DAY, EARLIER[1]), (PREVIOUS[0], PREVIOUS[1])]:
        make_membership(
            group=reopened, role=Role.PRESIDENT, senator=senator, start_date=start, end_date=end
        )
    make_membership(group=reopened, role=Role.PRESIDENT, senator=senator, start_date=CURRENT[0])
    assert public_past(client, running) == public_past(client, reopened)


# --- the bureau order (19.4) -----------------------------------------------------------------


@pytest.fixture
def vice_presidents():
    """A président and three vice-présidents: ranks 1 and 2, then one without a rank. By
    name alone « Écuyer » would come first; by rank « Zorn » does."""
    group = make_group(slug="ordre")
    make_membership(
        group=group, role=Role.MEMBER, senator=make_senator(last_name="Abel"),
        start_date=CURRENT[0],
    )  # fmt: skip
    for name, role, rank in [
        ("Martin", Role.VICE_PRESIDENT, None),
        ("Écuyer", Role.VICE_PRESIDENT, 2),
        ("Zorn", Role.VICE_PRESIDENT, 1),
        ("Dupont", Role.PRESIDENT, None),
    ]:
        make_membership(
            group=group, role=role, rank=rank, senator=make_senator(last_name=name),
            start_date=CURRENT[0],
        )  # fmt: skip
        # The same bureau in the past period.
        make_membership(
            group=group, role=role, rank=rank, senator=make_senator(last_name=name),
            start_date=PREVIOUS[0], end_date=PREVIOUS[1],
        )  # fmt: skip
    return group


ORDER = ["Dupont", "Zorn", "Écuyer", "Martin"]


def test_vice_presidents_are_in_one_order_everywhere(client, admin_client, vice_presidents):
    group = vice_presidents
    page = rendered(client, group.get_absolute_url())
    assert [m.senator.last_name for m in page.context["bureau"]] == ORDER
    assert public_past(client, group)[PREVIOUS] == ORDER
    # The dossier.
    ((_group, bureau, _past),) = client.get("/fr/groupes/ordre/dossier/").context["groups"]
    assert [m.senator.last_name for m in bureau] == ORDER
    # The CSV: the bureau in its order, then the members.
    rows = read_csv(client.get(f"{group.get_absolute_url()}?format=csv"))
    assert [row[0] for row in rows[1:]] == [*ORDER, "Abel"]
    # The back office: today's rows, then the past term.
    change = admin_client.get(f"/admin/groups/friendshipgroup/{group.pk}/change/")
    formset = change.context["inline_admin_formsets"][0].formset
    assert [f.instance.senator.last_name for f in formset.initial_forms] == [*ORDER, "Abel"]
    assert admin_past(group)[PREVIOUS] == ORDER
    # The API.
    data = client.get(f"{API}memberships/?organization=ordre&current=true").json()
    slugs = {m.senator.slug: m.senator.last_name for m in group.memberships.all()}
    assert [slugs[m["person_id"]] for m in data["results"]] == [*ORDER, "Abel"]


# --- current membership and a dissolved group (19.4) ------------------------------------------


@pytest.fixture
def dissolved():
    group = make_group(slug="dissous", dissolved_on=TODAY - 10 * DAY)
    senator = make_senator(slug="ancien-membre", last_name="Ancien")
    make_membership(group=group, senator=senator, role=Role.PRESIDENT)
    return group


def test_nobody_is_current_in_a_dissolved_group_anywhere(client, dissolved):
    assert not Membership.objects.current().exists()
    # The senator page lists the role among the past ones.
    page = client.get("/fr/senateurs/ancien-membre/")
    assert page.context["current"] == []
    assert [m.group for m in page.context["past"]] == [dissolved]
    # The API's current memberships, and its person's current organizations.
    data = client.get(f"{API}memberships/?organization=dissous&current=true").json()
    assert data["results"] == []
    data = client.get(f"{API}memberships/?organization=dissous&current=false").json()
    assert [m["person_id"] for m in data["results"]] == ["ancien-membre"]


def test_a_group_is_dissolved_by_its_dissolution_date_alone(client):
    make_group(name_fr="Groupe dissous", dissolved_on=TODAY - DAY)
    make_group(name_fr="Groupe qui sera dissous", dissolved_on=TODAY + DAY)
    make_group(name_fr="Groupe actif")
    assert "is_active" not in {f.name for f in FriendshipGroup._meta.get_fields()}
    assert sorted(FriendshipGroup.objects.active().values_list("name", flat=True)) == [
        "Groupe actif",
        "Groupe qui sera dissous",
    ]
    organizations = client.get(f"{API}organizations/").json()["results"]
    assert {o["name"]: o["active"] for o in organizations if "Groupe" in o["name"]} == {
        "Groupe actif": True,
        "Groupe qui sera dissous": True,
        "Groupe dissous": False,
    }


# --- dissolved groups can be found (20.4) ------------------------------------------------


@pytest.fixture
def france_ruritanie():
    """A group followed a country for 25 years, then was dissolved, with its last bureau."""
    country = make_country(code="RU", name_fr="Ruritanie", name_en="Ruritania")
    group = make_group(
        name_fr="France-Ruritanie", slug="france-ruritanie", countries=[country],
        created_on=datetime.date(1998, 3, 1), dissolved_on=datetime.date(2023, 7, 1),
    )  # fmt: skip
    make_membership(
        group=group, role=Role.PRESIDENT, senator=make_senator(last_name="Dernière"),
        start_date=datetime.date(2020, 10, 5), end_date=datetime.date(2023, 7, 1),
    )  # fmt: skip
    make_membership(
        group=group, senator=make_senator(last_name="Membre"),
        start_date=datetime.date(2021, 1, 5),
    )  # fmt: skip
    make_membership(  # left before the dissolution
        group=group, senator=make_senator(last_name="Partie"),
        start_date=datetime.date(2017, 10, 5), end_date=datetime.date(2022, 1, 1),
    )  # fmt: skip
    return country, group


def test_dissolved_groups_are_a_filter_of_the_groups_list(client, france_ruritanie):
    make_group(name_fr="France-Actif")
    listed = client.get("/fr/groupes/").content.decode()
    assert "France-Actif" in listed and "France-Ruritanie" not in listed
    assert "?state=dissolved" in listed  # the way to them
    dissolved = client.get("/fr/groupes/?state=dissolved").content.decode()
    assert "France-Ruritanie" in dissolved and "France-Actif" not in dissolved
    assert "1998–2023" in dissolved


def test_a_country_page_names_its_former_group(client, france_ruritanie):
    html = client.get("/fr/pays/ru/").content.decode()
    assert "Ancien groupe\u00a0:" in html  # French typography: a non-breaking space
    assert "France-Ruritanie</a> (1998–2023)" in html


def test_a_dissolved_group_shows_its_last_bureau_and_members(client, france_ruritanie):
    _country, group = france_ruritanie
    page = rendered(client, group.get_absolute_url())
    assert [m.senator.last_name for m in page.context["bureau"]] == ["Dernière"]
    assert sorted(m.senator.last_name for m in page.context["members"]) == ["Dernière", "Membre"]
    html = page.content.decode()
    assert "Bureau à la dissolution (30 juin 2023)" in html
    assert "Membres à la dissolution (2)" in html
    ((_group, bureau, _past),) = client.get(f"{group.get_absolute_url()}dossier/").context["groups"]
    assert bureau == page.context["bureau"]
    dossier = client.get(f"{group.get_absolute_url()}dossier/").content.decode()
    assert "Dissous le 1 juillet 2023" in dossier or "Dissous le 1er juillet 2023" in dossier


# --- a senator's terms, merged for display (20.5) ------------------------------------------


def test_a_senators_terms_closed_and_reopened_at_a_renewal_read_as_one(client):
    senator = make_senator(slug="fidele")
    today_group, old_group = (
        make_group(name_fr="France-Actuel"),
        make_group(name_fr="France-Ancien"),
    )
    for start, end in [(PREVIOUS[0], PREVIOUS[1]), (CURRENT[0], None)]:
        make_membership(group=today_group, senator=senator, start_date=start, end_date=end)
    for start, end in [
        (EARLIER[0] + 5 * DAY, EARLIER[1]),
        (PREVIOUS[0], PREVIOUS[0] + 200 * DAY),
        (PREVIOUS[0] + 100 * DAY, PREVIOUS[1] - DAY),  # overlapping: the Senate's records
    ]:
        make_membership(group=old_group, senator=senator, start_date=start, end_date=end)
    make_membership(  # another role in the same group stays apart
        group=old_group, senator=senator, role=Role.SECRETARY,
        start_date=PREVIOUS[0], end_date=PREVIOUS[1],
    )  # fmt: skip
    page = client.get("/fr/senateurs/fidele/")
    assert [(m.group.name, m.start_date) for m in page.context["current"]] == [
        ("France-Actuel", PREVIOUS[0])
    ]
    past = sorted((m.group.name, m.role, m.start_date, m.end_date) for m in page.context["past"])
    assert past == [
        ("France-Ancien", Role.MEMBER, EARLIER[0] + 5 * DAY, PREVIOUS[1] - DAY),
        ("France-Ancien", Role.SECRETARY, PREVIOUS[0], PREVIOUS[1]),
    ]
    html = page.content.decode()
    assert f"{EARLIER[0].year}–{PREVIOUS[1].year}" in html
    # The data stays as imported.
    assert Membership.objects.filter(senator=senator).count() == 6
