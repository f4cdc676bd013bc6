"""The comparison of two or three countries or groups (portal/compare.py): its facts in FR
and EN, drafts left out, the choice's errors, the CSV, the links from the country and group
pages, and its query count."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from groups.models import Membership
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import query_counts
from tests.helpers.chile import make_chile

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=1)


def day(y, m, d):
    return datetime.date(y, m, d)


def add_comparison_rows(group, country, i):
    """The ``i``-th row of each fact the comparison counts, for ``group`` and ``country``: a
    member of political group « Groupe i », a mission and a reception in 1990 + i, a report
    and an agreement."""
    make_membership(group=group, senator=make_senator(political_group=f"Groupe {i}"))
    make_mission(group=group, countries=[country], start_date=day(1990 + i, 1, 1))
    make_reception(group=group, country=country, date=day(1990 + i, 2, 1))
    make_report(group=group, countries=[country])
    make_agreement(foreign=[make_foreign_authority(country=country)])


@pytest.fixture
def two_countries():
    """Chile (a group with a president and two members, missions in two periods, a
    reception, a report, an agreement) and Japan (a smaller group), plus drafts of every
    kind that must not count."""
    chile, chile_group = make_chile()  # and the mission to Santiago, in March 2024
    japan = make_country(code="JP", name_fr="Japon", name_en="Japan")
    japan_group = make_group(
        countries=[japan], slug="france-japon", name_fr="France-Japon", name_en="France-Japan"
    )
    draft_group = make_group(countries=[chile], status="draft", slug="brouillon-chili")
    president = make_senator(
        first_name="Anne", last_name="Durand", political_group="Groupe Alpha (fictif)"
    )
    make_membership(group=chile_group, senator=president, role=Membership.Role.PRESIDENT)
    make_membership(
        group=chile_group, senator=make_senator(political_group="Groupe Alpha (fictif)")
    )
    make_membership(group=chile_group, senator=make_senator(political_group="Groupe Beta (fictif)"))
    make_membership(group=draft_group, senator=make_senator(last_name="Cachée"))
    make_membership(group=draft_group, role=Membership.Role.PRESIDENT)
    make_membership(group=japan_group, senator=make_senator(political_group="Groupe Beta (fictif)"))
    make_mission(group=chile_group, countries=[chile], start_date=day(2019, 3, 4))
    make_mission(group=chile_group, countries=[chile], status="draft", start_date=day(2025, 1, 1))
    make_mission(group=japan_group, countries=[japan], start_date=day(2022, 5, 1))
    make_reception(
        group=chile_group,
        country=chile,
        title_fr="Délégation chilienne",
        title_en="Chilean delegation",
        date=day(2023, 11, 2),
    )
    make_reception(group=chile_group, country=chile, status="draft", date=day(2024, 1, 1))
    make_report(group=chile_group, countries=[chile])
    make_report(group=chile_group, countries=[chile], status="draft")
    make_report(group=chile_group, countries=[chile], published_at=LATER)
    make_agreement(foreign=[make_foreign_authority(country=chile)])
    make_agreement(foreign=[make_foreign_authority(country=chile)], status="draft")
    return chile, japan


def cells(html, row_title):
    """The cells' text of the row whose header is ``row_title``."""
    row = re.search(rf'<th scope="row">{re.escape(row_title)}</th>(.*?)</tr>', html, re.S)
    assert row, row_title
    found = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in found]


@pytest.mark.parametrize(
    ("url", "titles"),
    [
        ("/fr/comparer/?country=cl&country=jp", {
            "groups": "Groupes d’amitié et leurs bureaux",
            "members": "Membres actuels",
            "reports": "Rapports",
            "agreements": "Accords de coopération",
            "mission": "Dernière mission de sénateurs",
            "reception": "Dernière délégation reçue",
        }),
        ("/en/compare/?country=Chile&country=japon", {
            "groups": "Friendship groups and their bureaux",
            "members": "Current members",
            "reports": "Reports",
            "agreements": "Cooperation agreements",
            "mission": "Last mission of senators",
            "reception": "Last delegation received",
        }),
    ],
)  # fmt: skip
def test_two_countries_side_by_side_published_only(client, two_countries, url, titles):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    french = url.startswith("/fr/")
    groups = cells(html, titles["groups"])
    assert groups[0].startswith("France-Chili" if french else "France-Chile")
    assert "Anne Durand" in groups[0]
    assert "brouillon" not in html and "Cachée" not in html
    assert cells(html, titles["members"]) == ["3", "1"]
    assert cells(html, titles["reports"]) == ["1", "0"]
    assert cells(html, titles["agreements"]) == ["1", "0"]
    mission = cells(html, titles["mission"])
    assert mission[0].startswith("Mission à Santiago" if french else "Mission to Santiago")
    reception = cells(html, titles["reception"])
    assert reception[0].startswith("Délégation chilienne" if french else "Chilean delegation")
    assert reception[1] == ("Aucune" if french else "None")
    # By triennial period, newest first: 2023–2026, 2020–2023 (Japan), 2017–2020.
    periods = re.findall(r'<tr><th scope="row">(\w+ \d{4} – \w+ \d{4})</th>', html)
    assert [p[-4:] for p in periods] == ["2026", "2023", "2020"]
    # Each subject's make-up: Chile's three members in two political groups.
    assert html.count('class="makeup-bar"') == 2
    assert 'lang="fr">Groupe Alpha (fictif)</span></th><td class="number">2</td>' in html


def test_groups_side_by_side_and_the_links_from_their_pages(client, two_countries):
    html = client.get("/en/compare/?group=france-chili&group=France-Japon").content.decode()
    assert cells(html, "Current members") == ["3", "1"]
    assert cells(html, "Reports") == ["1", "0"]
    # The language switch keeps the comparison.
    assert 'href="/fr/comparer/?group=france-chili&amp;group=France-Japon"' in html
    group_page = client.get("/fr/groupes/france-chili/").content.decode()
    assert 'href="/fr/comparer/?group=france-chili">Comparer avec…</a>' in group_page
    country_page = client.get("/en/countries/cl/").content.decode()
    assert 'href="/en/compare/?country=cl">Compare with…</a>' in country_page
    # From there, the form shows the subject chosen, ready for a second one.
    html = client.get("/en/compare/?country=cl").content.decode()
    assert 'name="country" value="Chile"' in html
    assert "makeup-bar" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?country=cl&country=atlantide", "No country is called « atlantide »."),
        ("?group=france-chili&group=brouillon-chili", "No friendship group is called"),
        ("?country=cl&group=france-japon", "Compare countries or groups, not both at once."),
        ("?country=cl&country=jp&country=fr&country=de", "Compare at most 3 at a time."),
    ],
)
def test_a_bad_choice_says_why_and_compares_nothing(client, two_countries, query, message):
    response = client.get("/en/compare/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="field-error"' in html
    assert "Side by side" not in html
    csv_response = client.get("/en/compare/" + query + "&format=csv")
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_the_comparison_as_csv(client, two_countries):
    response = client.get("/fr/comparer/?country=cl&country=jp&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="comparison-cl-jp-' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Donnée", "Chili", "Japon"]
    by_fact = {row[0]: row[1:] for row in rows[1:]}
    assert by_fact["Groupes d’amitié"] == ["France-Chili", "France-Japon"]
    assert by_fact["Membres actuels"] == ["3", "1"]
    assert by_fact["Rapports"] == ["1", "0"]
    assert by_fact["Missions, octobre 2023 – septembre 2026"] == ["1", "0"]
    assert by_fact["Missions, octobre 2020 – septembre 2023"] == ["0", "1"]
    assert by_fact["Délégations reçues, octobre 2023 – septembre 2026"] == ["1", "0"]
    assert by_fact["Dernière mission"][0] == "2024-03-04 Mission à Santiago"


def test_comparison_query_count(client, two_countries):
    chile, japan = two_countries
    group = chile.groups.get(slug="france-chili")

    def add_rows(n):
        for i in range(n):
            other = make_group(countries=[chile])
            make_membership(group=other, role=Membership.Role.PRESIDENT)
            add_comparison_rows(group, chile, i)

    # 1 the countries named  2 the colours of the political groups  3-4 the datalists'
    # names; each country: 5 its groups  6 their bureaux  7 the members' political groups
    # 8 missions by period  9 receptions by period  10 reports  11 agreements
    # 12 last mission  13 last reception
    assert query_counts(client, "/fr/comparer/?country=cl&country=jp", add_rows) == (22, 22)
