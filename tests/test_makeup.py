"""The political make-up bars (groups/makeup.py): a group's page, its dossier, the groups list."""

import datetime
import re

import pytest
from django.utils import timezone

from groups.makeup import NO_GROUP_COLOUR
from groups.makeup import PALETTE
from groups.makeup import makeup
from groups.models import FriendshipGroup
from groups.models import Membership
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_political_group
from tests.factories import make_political_membership
from tests.factories import make_senator
from tests.factories import query_counts

pytestmark = pytest.mark.django_db


def pg(code, name=None):
    return {"id": code, "name": name or f"Groupe {code}", "short_name": code, "kind": "membre"}


def table_rows(html, section_id="makeup"):
    """[(political group, senators, share)] of the make-up table in section ``section_id``."""
    section = re.search(rf'<section id="{section_id}".*?</section>', html, re.S).group(0)
    body = section.split("<tbody>")[1]
    rows = re.findall(r"<tr><th[^>]*>(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", body)
    return [(re.sub(r"<[^>]+>", "", name).strip(), int(n), share) for name, n, share in rows]


# --- the figures -------------------------------------------------------------------------


def test_makeup_counts_each_political_group_in_the_senates_order_none_last():
    colour_of = {"B": PALETTE[0], "A": PALETTE[1]}  # B is the larger in the Senate
    shares = makeup([pg("A"), None, pg("B"), pg("A"), pg("C")], colour_of)
    assert [(s.code, s.count) for s in shares] == [("B", 1), ("A", 2), ("C", 1), (None, 1)]
    assert [s.colour for s in shares][:2] == [PALETTE[0], PALETTE[1]]
    assert shares[-1].colour == NO_GROUP_COLOUR
    assert [s.percent for s in shares] == [20, 40, 20, 20]
    # Segments follow each other and fill the bar; coordinates are never localised.
    assert [s.start for s in shares] == ["0.000", "20.000", "60.000", "80.000"]
    assert sum(float(s.width) for s in shares) == pytest.approx(100)


def test_makeup_of_nobody_is_empty():
    assert makeup([], {}) == []


# --- the group page and its dossier ------------------------------------------------------


@pytest.fixture
def senate():
    """Two political groups: « Majorité » (3 senators, the larger) and « Minorité » (1)."""
    major = make_political_group(senate_code="MAJ", name="Groupe Majorité (fictif)")
    minor = make_political_group(senate_code="MIN", name="Groupe Minorité (fictif)")
    senators = [make_senator(political_group=major) for _ in range(3)]
    senators.append(make_senator(political_group=minor))
    return major, minor, senators


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_page_shows_its_current_members_by_political_group(client, senate, lang):
    major, minor, (a, b, c, d) = senate
    group = make_group(slug="france-x")
    make_membership(group=group, senator=a, role=Membership.Role.PRESIDENT)
    make_membership(group=group, senator=d)
    # Counted: a term ending today is still current (MembershipQuerySet.current_condition).
    make_membership(group=group, senator=b, end_date=timezone.localdate())
    # Not counted: a term that ended yesterday.
    make_membership(
        group=group, senator=c, end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    # A senator with no political group today (theirs ended).
    gone = make_senator()
    make_political_membership(
        senator=gone, political_group=minor, end_date=datetime.date(2024, 1, 1)
    )
    make_membership(group=group, senator=gone)

    html = client.get(f"/{lang}/{'groupes' if lang == 'fr' else 'groups'}/france-x/").content
    html = html.decode()
    nobody = {"fr": "Sans groupe politique", "en": "No political group"}[lang]
    assert table_rows(html) == [
        ("Groupe Majorité (fictif)", 2, "50\xa0%" if lang == "fr" else "50%"),
        ("Groupe Minorité (fictif)", 1, "25\xa0%" if lang == "fr" else "25%"),
        (nobody, 1, "25\xa0%" if lang == "fr" else "25%"),
    ]
    title = {"fr": "Composition politique", "en": "Political make-up"}[lang]
    assert f'<h2 id="makeup-title">{title}</h2>' in html
    # The bar: one segment per row, in the same order, drawn by the server.
    bar = re.search(r'<svg class="makeup-bar".*?</svg>', html, re.S).group(0)
    assert re.findall(r'<rect x="([\d.]+)" y="0" width="([\d.]+)"', bar) == [
        ("0.000", "50.000"),
        ("50.000", "25.000"),
        ("75.000", "25.000"),
    ]
    assert f'fill="{PALETTE[0]}"' in bar and f'fill="{NO_GROUP_COLOUR}"' in bar


def test_a_group_without_current_members_shows_no_bar(client, senate):
    group = make_group(slug="dissous", dissolved_on=datetime.date(2024, 1, 1))
    make_membership(group=group, senator=senate[2][0])
    html = client.get("/fr/groupes/dissous/").content.decode()
    assert "makeup-bar" not in html
    assert "<h1" in html  # the page itself answers


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_dossier_shows_the_makeup_and_lists_it_in_the_contents(client, senate, lang):
    _, _, (a, b, _, d) = senate
    group = make_group(slug="france-x")
    for senator in (a, b, d):
        make_membership(group=group, senator=senator)
    path = {"fr": "/fr/groupes/france-x/dossier/", "en": "/en/groups/france-x/dossier/"}[lang]
    html = client.get(path).content.decode()
    assert [(name, n) for name, n, _ in table_rows(html, "d-makeup")] == [
        ("Groupe Majorité (fictif)", 2),
        ("Groupe Minorité (fictif)", 1),
    ]
    assert '<a href="#d-makeup">' in html


def test_group_page_query_count_with_makeup(client, senate):
    group = make_group()
    major, minor, _ = senate

    def add_rows(n):
        for i in range(n):
            make_membership(
                group=group, senator=make_senator(political_group=(major, minor)[i % 2])
            )

    # 1 group  2 countries  3 memberships (+ senator, country, political group)  4 missions
    # 5 receptions  6 colloquia  7 reports  8 news  9 political groups by size (colours)
    # 10 latest timeline entries
    assert query_counts(client, group.get_absolute_url(), add_rows) == (10, 10)


# --- all the groups together -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_groups_list_shows_every_member_of_active_groups_once(client, senate, lang):
    _, _, (a, b, c, d) = senate
    one, two = make_group(), make_group()
    make_membership(group=one, senator=a)
    make_membership(group=two, senator=a)  # counted once
    make_membership(group=two, senator=d)
    # Not counted: a draft group's member, a dissolved group's, a past member.
    make_membership(group=make_group(status="draft"), senator=b)
    make_membership(group=make_group(dissolved_on=datetime.date(2024, 1, 1)), senator=b)
    make_membership(group=one, senator=c, end_date=datetime.date(2024, 1, 1))
    path = {"fr": "/fr/groupes/", "en": "/en/groups/"}[lang]
    html = client.get(path).content.decode()
    assert [(name, n) for name, n, _ in table_rows(html)] == [
        ("Groupe Majorité (fictif)", 1),
        ("Groupe Minorité (fictif)", 1),
    ]
    caption = {
        "fr": "Les 2 sénateurs membres d'un groupe d'amitié",
        "en": "The 2 senators who belong to a friendship group",
    }[lang]
    assert caption in html.replace("\u2019", "'")  # French typography: d’un


def test_groups_list_query_count_with_makeup(client, senate):
    major, minor, _ = senate

    def add_rows(n):
        for i in range(n):
            make_membership(senator=make_senator(political_group=(major, minor)[i % 2]))

    # 1 count  2 page of groups  3 their countries  4 their current presidents (+ senator)
    # 5 senators of active groups (+ political group)  6 political groups by size
    # 7 zones (filter's choices)  8 countries (filter's choices)
    assert query_counts(client, "/en/groups/", add_rows) == (8, 8)
    assert FriendshipGroup.objects.active().count() == 30
