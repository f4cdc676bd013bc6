"""The senators index, senators in the site-wide search, and the CSV of every list."""

import datetime

import pytest
from django.utils import translation

from groups.models import Membership
from groups.models import Senator
from tests.factories import count_queries
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_political_group
from tests.factories import make_political_membership
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import query_counts
from tests.helpers.downloads import read_csv


def names(response):
    return [s.last_name for s in response.context["page"]]


# --- senators index ---------------------------------------------------------------------


@pytest.mark.django_db
def test_senators_index_in_french_order_in_both_languages(client):
    for last_name in ("Zola", "Eymard", "Éluard", "Dupont", "Émery"):
        make_senator(last_name=last_name)
    fr = client.get("/fr/senateurs/")
    en = client.get("/en/senators/")
    assert fr.status_code == en.status_code == 200
    assert names(fr) == names(en) == ["Dupont", "Éluard", "Émery", "Eymard", "Zola"]
    assert fr["Content-Language"] == "fr" and en["Content-Language"] == "en"


@pytest.mark.django_db
def test_senators_index_filters(client):
    group = make_group(slug="france-japon")
    group_a = make_political_group(senate_code="GA", name="Groupe A")
    alice = make_senator(last_name="Alpha", constituency_fr="Finistère", political_group=group_a)
    make_senator(last_name="Bravo", is_active=False, political_group="Groupe B")
    # A former member of Groupe A, now in another group: not listed under Groupe A.
    delta = make_senator(last_name="Delta", political_group="Groupe D")
    make_political_membership(
        senator=delta, political_group=group_a, start_date=datetime.date(2017, 10, 1),
        end_date=datetime.date(2020, 9, 30),
    )  # fmt: skip
    charlie = make_senator(last_name="Charlie", constituency_fr="Finistère")
    make_membership(group=group, senator=alice)
    make_membership(  # a past member is not a member
        group=group,
        senator=charlie,
        start_date=datetime.date(2017, 10, 1),
        end_date=datetime.date(2020, 9, 30),
    )

    def listed(query):
        return names(client.get(f"/fr/senateurs/?{query}"))

    assert listed("in_office=no") == ["Bravo"]
    assert listed("in_office=yes") == ["Alpha", "Charlie", "Delta"]
    assert listed("political_group=GA") == ["Alpha"]  # by Senate code, the current group
    assert listed("political_group=GA&constituency=Paris") == []
    assert listed("constituency=Finist%C3%A8re") == ["Alpha", "Charlie"]
    assert listed("group=france-japon") == ["Alpha"]
    assert listed("q=charl") == ["Charlie"]
    page = client.get("/fr/senateurs/?group=nulle-part")
    assert page.status_code == 200 and "field-error" in page.content.decode()


@pytest.mark.django_db
def test_senators_index_shows_current_groups_but_not_draft_ones(client):
    senator = make_senator(last_name="Alpha")
    make_membership(senator=senator, group=make_group(name_fr="France-Japon"))
    make_membership(senator=senator, group=make_group(name_fr="Secret", status="draft"))
    html = client.get("/fr/senateurs/").content.decode()
    assert "France-Japon" in html
    assert "Secret" not in html


@pytest.mark.django_db
def test_senators_index_query_count(client):
    def make(n):
        for _ in range(n):
            # Each senator with a past and a current political group.
            senator = make_senator(political_group="Groupe actuel (fictif)")
            make_political_membership(senator=senator, end_date=datetime.date(2020, 9, 30))
            make_membership(senator=senator, role=Membership.Role.PRESIDENT)

    # 1 count  2 page of senators  3 their current memberships (+ group)
    # 4 letters in use (the letter bar)  5 political groups  6 constituencies
    # 7 published groups (the filter menus)
    assert query_counts(client, "/fr/senateurs/", make) == (7, 7)


def letter_bar(response):
    """{letter: its link or None (disabled)} of the senators index's letter bar."""
    return dict(response.context["letters"]["links"])


@pytest.mark.django_db
@pytest.mark.parametrize("lang,path", [("fr", "/fr/senateurs/"), ("en", "/en/senators/")])
def test_senators_letter_bar_in_french_order(client, lang, path):
    for last_name in ("Éluard", "Eymard", "d'Ornano", "Zola", "Émery"):
        make_senator(last_name=last_name)
    make_senator(last_name="Ancien", is_active=False)
    response = client.get(path)
    bar = letter_bar(response)
    assert list(bar) == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert {letter for letter, url in bar.items() if url} == {"A", "D", "E", "Z"}
    html = response.content.decode()
    assert '<a href="?letter=E">E</a>' in html
    assert 'aria-disabled="true" title="' in html and ">B</span>" in html
    assert names(client.get(path, {"letter": "E"})) == ["Éluard", "Émery", "Eymard"]
    assert names(client.get(path, {"letter": "D"})) == ["d'Ornano"]
    # The other filters are kept, and the letters follow them.
    response = client.get(path, {"in_office": "no", "letter": "A", "page": "1"})
    assert names(response) == ["Ancien"]
    bar = letter_bar(response)
    assert {letter for letter, url in bar.items() if url} == {"A"}
    assert bar["A"] == "?in_office=no&letter=A"
    assert response.context["letters"]["all"] == "?in_office=no"
    # A letter that is not one is ignored, not an error.
    assert client.get(path, {"letter": "é1"}).status_code == 200


@pytest.mark.django_db
def test_pages_show_the_current_political_group_not_a_past_one(client):
    group = make_group(slug="france-japon")
    senator = make_senator(last_name="Valmorel", political_group="Groupe Horizon (fictif)")
    make_political_membership(
        senator=senator,
        political_group=make_political_group(name="Groupe Ancien (fictif)"),
        start_date=datetime.date(2014, 10, 1),
        end_date=datetime.date(2020, 9, 30),
    )
    make_membership(group=group, senator=senator)
    for url in ("/fr/senateurs/", "/en/senators/", group.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Groupe Horizon (fictif)" in html, url
        assert "Groupe Ancien (fictif)" not in html, url
    html = client.get(senator.get_absolute_url()).content.decode()
    top = html[: html.index("Groupe Ancien (fictif)")]  # the history lists the past group
    assert "Groupe Horizon (fictif)" in top
    header, row = read_csv(client.get("/fr/senateurs/?format=csv"))
    assert row[header.index("Groupe politique")] == "Groupe Horizon (fictif)"


# --- a senator's page ------------------------------------------------------------------


def detail_header(html):
    return html.split('<header class="detail-header">')[1].split("</header>")[0]


@pytest.mark.django_db
def test_former_senator_is_no_current_member_of_a_political_group(client):
    group = make_political_group(name="Groupe Horizon (fictif)")
    senator = make_senator(last_name="Ancien", is_active=False, political_group=group)
    html = client.get(senator.get_absolute_url()).content.decode()
    assert "Groupe Horizon (fictif)" not in detail_header(html)
    assert "depuis le" not in html  # listed among the past groups, not as « since »
    assert "Groupe Horizon (fictif)" in html
    # Nor in the API.
    person = client.get(f"/api/v1/persons/{senator.slug}/").json()
    assert person["political_group"] is None
    # In office, the same senator is a current member.
    senator.is_active = True
    senator.save()
    html = client.get(senator.get_absolute_url()).content.decode()
    assert "Groupe Horizon (fictif)" in detail_header(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,since",
    [("fr", "(membre) <span class=\"meta\">depuis le 1er octobre 2023</span>"),
     ("en", "(member) <span class=\"meta\">since Oct. 1, 2023</span>")],
)  # fmt: skip
def test_senator_page_political_group_in_the_pages_language(client, lang, since):
    senator = make_senator(political_group="Groupe Horizon (fictif)")
    with translation.override(lang):
        url = senator.get_absolute_url()
    assert since in client.get(url).content.decode()


@pytest.mark.django_db
def test_no_stray_separator_without_constituency(client):
    senator = make_senator(last_name="Sansplace", constituency_fr="", political_group="Groupe G")
    html = client.get(senator.get_absolute_url()).content.decode()
    assert '<p><span lang="fr">Groupe G</span></p>' in html
    html = client.get("/fr/senateurs/").content.decode()
    assert '<span class="meta"><span lang="fr">Groupe G</span></span>' in html


# --- site-wide search ---------------------------------------------------------------------


@pytest.mark.django_db
def test_site_search_finds_a_senator_by_name_first(client):
    senator = make_senator(first_name="Hélène", last_name="Valmorel")
    make_membership(senator=senator, group=make_group(name_fr="France-Japon"))
    make_report(title_fr="Rapport de Mme Valmorel sur le Japon", authors=[senator])
    for query in ("valmorel", "Hélène Valmorel", "helene VALMOREL"):
        html = client.get("/fr/recherche/", {"q": query}).content.decode()
        assert 'id="results-senators"' in html, query
        assert senator.get_absolute_url() in html
        # Senators come before the reports that mention them.
        assert html.index('id="results-senators"') < html.index('id="results-reports"')
        assert "France-Japon" in html
    html = client.get("/fr/recherche/", {"q": "japon"}).content.decode()
    assert 'id="results-senators"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_site_search_query_count_with_matching_senators(client, rows):
    for n in range(rows):
        make_membership(senator=make_senator(last_name=f"Valmorel{n}"))
    # 1. every kind's count and the capped report counts  2. senators by name  3. their
    # current groups (no other kind matches: a kind without matches costs no query)
    assert count_queries(client, "/fr/recherche/?q=valmorel") == 3


@pytest.fixture
def named_senators(db):
    return {
        "roquebrou": make_senator(
            first_name="Noël", last_name="Roquebrou", slug="noel-roquebrou", constituency_fr="Var"
        ),
        "nerac": make_senator(
            first_name="Anne", last_name="Nérac-Fabre", slug="anne-nerac-fabre",
            constituency_fr="Lot-et-Garonne",
        ),
        "ornano": make_senator(
            first_name="Paul", last_name="d'Ornano", slug="paul-d-ornano",
            constituency_fr="Corse-du-Sud",
        ),
        "martin": make_senator(
            first_name="Zoé", last_name="Martin", slug="zoe-martin", constituency_fr="Côte-d'Or",
            constituency_en="Cote-d'Or",
        ),
    }  # fmt: skip


# The senators that each query must find, and no other: accents, case, hyphens and
# apostrophes aside, constituencies too, and a misspelt name finds the nearest one.
FOUND_BY = [
    (["roquebrou"], ["noel", "NOËL roquebrou", "Roquebrout", "Noel Rocquebrou"]),
    (["nerac"], ["nerac", "Nerac Fabre", "neracfabre", "Nérac-Fabre", "lot et garonne"]),
    (["ornano"], ["dornano", "d’Ornano"]),
    (["martin"], ["cote d'or"]),
    ([], ["zzzzzz"]),
]
NAME_SEARCHES = [(query, expected) for expected, queries in FOUND_BY for query in queries]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,index,search", [("fr", "senateurs", "recherche"), ("en", "senators", "search")]
)
@pytest.mark.parametrize("query,expected", NAME_SEARCHES)
def test_senator_name_search_ignores_accents_hyphens_and_typos(
    client, named_senators, lang, index, search, query, expected
):
    slugs = {key: named_senators[key].slug for key in expected}
    wanted = sorted(slugs.values())
    # The senators index
    found = client.get(f"/{lang}/{index}/", {"q": query}).context["page"]
    assert sorted(s.slug for s in found) == wanted
    # The site-wide search
    found = client.get(f"/{lang}/{search}/", {"q": query}).context["results"]["senators"]
    assert sorted(s.slug for s in found) == wanted
    # The API's persons
    data = client.get("/api/v1/persons/", {"q": query}, HTTP_ACCEPT_LANGUAGE=lang).json()
    assert sorted(person["id"] for person in data["results"]) == wanted


@pytest.mark.django_db
def test_misspelt_name_is_not_offered_when_a_name_holds_every_word(named_senators):
    make_senator(first_name="Jean", last_name="Roquebrout", slug="jean-roquebrout")
    # « Roquebrout » exists: the near « Roquebrou » is not added to it.
    assert [s.slug for s in Senator.objects.matching_name("roquebrout")] == ["jean-roquebrout"]


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_holds_exactly_the_filtered_rows_of_every_page(client):
    japan = make_country(code="JP")
    for n in range(25):  # more than one page (20)
        make_mission(title_fr=f"Japon {n}", countries=[japan], start_date=datetime.date(2024, 1, 1))
    make_mission(title_fr="Autre année", countries=[japan], start_date=datetime.date(2023, 1, 1))
    make_mission(title_fr="Autre pays", start_date=datetime.date(2024, 1, 1))
    page = client.get("/fr/missions/?year=2024&country=JP")
    assert page.context["page"].paginator.count == 25
    rows = read_csv(client.get("/fr/missions/?year=2024&country=JP&format=csv&page=2"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Titre", "Groupe", "Pays", "Date de début"]
    assert sorted(r[0] for r in body) == sorted(f"Japon {n}" for n in range(25))
    assert {r[3] for r in body} == {"2024-01-01"}  # ISO dates
    page_column = header.index("Page web")  # before the join keys (id, organization_id)
    assert {r[page_column].split("/missions/")[0] for r in body} == {"http://testserver/fr"}


@pytest.mark.django_db
def test_csv_header_is_in_the_pages_language(client):
    make_group()
    assert read_csv(client.get("/fr/groupes/?format=csv"))[0][0] == "Nom"
    assert read_csv(client.get("/en/groups/?format=csv"))[0][0] == "Name"


@pytest.mark.django_db
def test_report_title_with_semicolon_quotes_and_newline_round_trips(client):
    title = 'Énergie ; « hydroliennes » et "marées"\nsecond line'
    make_report(title_fr=title, number="GA 1")
    rows = read_csv(client.get("/fr/rapports/?format=csv"))
    (report,) = rows[1:]
    assert report[0] == "GA 1"
    assert report[1] == title


@pytest.mark.django_db
def test_csv_never_shows_draft_rows(client):
    make_report(title_fr="Publié", group=make_group(name_fr="Groupe public"))
    make_report(title_fr="D'un groupe en préparation", group=make_group(status="draft"))
    make_report(title_fr="Brouillon", status="draft")
    rows = read_csv(client.get("/fr/rapports/?format=csv"))
    assert sorted((r[1], r[4]) for r in rows[1:]) == [
        ("D'un groupe en préparation", ""),  # the draft group's name stays hidden
        ("Publié", "Groupe public"),
    ]


@pytest.mark.django_db
def test_english_csv_falls_back_to_french_text(client):
    make_report(title_fr="Seulement en français", title_en="")
    make_report(title_fr="Les deux", title_en="Both", countries=[make_country(name_en="Japan")])
    rows = read_csv(client.get("/en/reports/?format=csv"))
    assert rows[0][1] == "Title"
    assert sorted((r[1], r[5]) for r in rows[1:]) == [
        ("Both", "Japan"),
        ("Seulement en français", ""),
    ]


@pytest.mark.django_db
def test_report_search_csv_is_the_searched_rows(client):
    make_report(title_fr="Les hydroliennes")
    make_report(title_fr="Agriculture")
    rows = read_csv(client.get("/fr/rapports/?q=hydrolienne&format=csv"))
    assert [r[1] for r in rows[1:]] == ["Les hydroliennes"]


@pytest.mark.django_db
def test_group_members_csv_lists_bureau_then_members(client):
    group = make_group(slug="france-japon")
    make_membership(group=group, senator=make_senator(last_name="Membre"))
    make_membership(group=group, senator=make_senator(last_name="Présidente"), role="president")
    rows = read_csv(client.get("/fr/groupes/france-japon/?format=csv"))
    assert [r[0] for r in rows[1:]] == ["Présidente", "Membre"]


LIST_PAGES = [
    "/fr/groupes/",
    "/fr/pays/",
    "/fr/senateurs/",
    "/fr/missions/",
    "/fr/colloques/",
    "/fr/rapports/",
    "/fr/actualites/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LIST_PAGES)
def test_every_list_page_links_its_csv_keeping_the_filters(client, url):
    group = make_group(slug="france-japon")
    make_mission(group=group)
    make_colloquium(groups=[group])
    make_news(groups=[group])
    make_report(group=group)
    make_membership(group=group)
    html = client.get(f"{url}?group=france-japon&page=1").content.decode()
    assert "Télécharger (CSV)" in html
    assert "?group=france-japon&amp;format=csv" in html
    rows = read_csv(client.get(f"{url}?group=france-japon&format=csv"))
    assert len(rows) >= 2  # header and at least one row
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Télécharger (CSV)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, headings, answers",
    [
        ("/fr/senateurs/?format=csv", ["Matricule", "En fonctions"], ["oui", "non"]),
        ("/en/senators/?format=csv", ["Senate identifier", "In office"], ["yes", "no"]),
    ],
)
def test_senators_csv_says_yes_or_no_under_sentence_case_headings(client, url, headings, answers):
    make_senator(last_name="Actif", is_active=True)
    make_senator(last_name="Ancien", is_active=False)
    header, *rows = read_csv(client.get(url))
    assert all(heading in header for heading in headings), header
    in_office = header.index(headings[1])
    assert [row[in_office] for row in sorted(rows)] == answers


@pytest.mark.django_db
def test_countries_csv_headings_start_with_a_capital(client):
    make_country(code="JP")
    header = read_csv(client.get("/fr/pays/?format=csv"))[0]
    assert header[0] == "Code ISO"
    # The join keys at the end are the API's names (id, parent_id), as in the bulk files.
    headings = header[: header.index("id")]
    assert headings and all(heading[0].isupper() for heading in headings), header
