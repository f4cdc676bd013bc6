"""The site-wide search: every public kind, grouped and counted, drafts never shown."""

import datetime

import pytest
from django.utils import timezone

from core.search import highlight
from groups.models import GroupName
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_ile_de_france
from tests.factories import make_local_authority
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import query_counts

SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}
DRAFT = "draft"


def search(client, lang, query):
    response = client.get(SEARCH[lang], {"q": query})
    assert response.status_code == 200
    return response


@pytest.fixture
def armenia(db):
    """One published row of each kind, about Armenia, and a draft twin of each."""
    country = make_country(code="AM", name_fr="Arménie", name_en="Armenia")
    group = make_group(
        countries=[country], name_fr="France-Arménie", name_en="France-Armenia", slug="fr-am"
    )
    GroupName.objects.create(
        group=group, name="Groupe interparlementaire d'amitié France-Caucase", short_name="Caucase"
    )
    erevan = make_foreign_authority(name_fr="Erevan", name_en="Yerevan", country=country)
    idf = make_ile_de_france(slug="ile-de-france")
    rows = {
        "groups": group,
        "countries": country,
        "agreements": make_agreement(french=[idf], foreign=[erevan], slug="idf-erevan"),
        "authorities": idf,
        "colloquia": make_colloquium(
            title_fr="Forum Asie centrale", title_en="Central Asia forum", slug="forum-asie"
        ),
        "missions": make_mission(
            group=group, title_fr="Mission en Arménie", title_en="Mission to Armenia"
        ),
        "receptions": make_reception(
            group=group, country=country, title_fr="Réception du président arménien",
            title_en="Reception of the Armenian president",
        ),
        "news": make_news(title_fr="Forum Asie centrale annoncé", title_en="Forum announced"),
    }  # fmt: skip
    # Drafts with the same words: never shown.
    make_group(countries=[country], name_fr="France-Arménie brouillon", status=DRAFT)
    make_agreement(french=[idf], foreign=[erevan], slug="draft-erevan", status=DRAFT)
    make_colloquium(title_fr="Forum Asie centrale brouillon", status=DRAFT)
    make_mission(group=group, title_fr="Mission en Arménie brouillon", status=DRAFT)
    make_reception(group=group, country=country, title_fr="Réception arménienne", status=DRAFT)
    make_news(title_fr="Forum Asie centrale brouillon", status=DRAFT)
    # An authority party to a draft agreement only is not public.
    make_agreement(french=[make_local_authority(name="Erevan-sur-Loire")], status=DRAFT)
    return rows


# Each public kind, and the queries that must find its row, in French and in English.
FINDS = {
    "agreements": ["Erevan", "erevan", "Yerevan", "Île-de-France"],
    "authorities": ["ile de france"],
    "colloquia": ["forum Asie centrale"],
    "countries": ["armenie"],
    "groups": ["armenie", "Caucase", "interparlementaire amitié Caucase"],
    "missions": ["mission armenie"],
    "news": ["forum Asie centrale"],
    "receptions": ["président arménien"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "query,kind", [(query, kind) for kind, queries in FINDS.items() for query in queries]
)
def test_site_search_finds_every_public_kind(client, armenia, lang, query, kind):
    results = search(client, lang, query).context["results"]
    assert armenia[kind] in results[kind]
    assert results["counts"][kind] == len(results[kind]) >= 1


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_site_search_shows_kinds_with_counts_and_highlights(client, armenia, lang):
    name = {"fr": "Erevan", "en": "Yerevan"}[lang]  # the foreign authority's name
    html = search(client, lang, name).content.decode()
    assert 'id="results-agreements"' in html
    assert 'href="#results-agreements"' in html  # the summary of kinds
    assert armenia["agreements"].get_absolute_url() in html
    assert f"Île-de-France – <mark>{name}</mark>" in html
    assert 'id="results-missions"' not in html  # an empty kind is not shown
    html = search(client, lang, "forum Asie centrale").content.decode()
    marked = {
        "fr": "<mark>Forum</mark> <mark>Asie</mark> <mark>centrale</mark>",
        "en": "Central Asia <mark>forum</mark>",  # the English title, found through the French
    }
    assert marked[lang] in html
    assert armenia["colloquia"].get_absolute_url() in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "query", ["Erevan", "forum Asie centrale", "Arménie", "arménien", "brouillon"]
)
def test_site_search_never_shows_drafts(client, armenia, lang, query):
    results = search(client, lang, query).context["results"]
    html = search(client, lang, query).content.decode()
    for kind in armenia:
        assert all(getattr(row, "status", "published") == "published" for row in results[kind])
    assert "brouillon" not in html.split("<main", 1)[-1].replace('value="brouillon"', "")
    assert "Erevan-sur-Loire" not in html


@pytest.mark.django_db
def test_see_all_leads_to_the_kinds_own_list_with_the_same_rows(client):
    group = make_group()
    for n in range(12):
        make_mission(group=group, title_fr=f"Hydroliennes {n}")
        make_news(title_fr=f"Hydroliennes {n}")
        make_colloquium(title_fr=f"Hydroliennes {n}")
        make_agreement(summary_fr=f"Hydroliennes {n}")
    make_mission(group=group, title_fr="Hydroliennes brouillon", status=DRAFT)
    html = search(client, "fr", "hydroliennes").content.decode()
    for url, kind in [
        ("/fr/missions/", "missions"),
        ("/fr/actualites/", "news"),
        ("/fr/colloques/", "colloquia"),
        ("/fr/cooperation/", "agreements"),
    ]:
        link = f'href="{url}?q=hydroliennes"'
        assert link in html, kind
        listed = client.get(url, {"q": "hydroliennes"}).context
        count = listed["page"].paginator.count
        if kind == "colloquia":  # upcoming ones are listed above the past ones' pages
            count += len(listed["upcoming"])
        assert count == 12, kind


@pytest.mark.django_db
def test_site_search_query_count_is_fixed_whatever_the_number_of_results(client):
    group = make_group(name_fr="France-Océanie")

    def make_rows(count):
        for _ in range(count):
            country = make_country(name_fr=f"Océanie {_}")
            make_membership(senator=make_senator(last_name="Océanie"), group=group)
            make_group(countries=[country], name_fr="France-Océanie bis")
            make_mission(group=group, title_fr="Mission Océanie")
            make_reception(group=group, country=country, title_fr="Réception Océanie")
            make_colloquium(title_fr="Forum Océanie")
            make_agreement(
                french=[make_local_authority(name="Océanie-les-Bains")],
                foreign=[make_foreign_authority(country=country)],
            )
            make_report(title_fr="Rapport Océanie")
            make_news(title_fr="Actualité Océanie")

    # 1. every kind's count and the capped report counts  2. senators  3. their groups
    # 4. report ids  5. reports + group + headlines  6. their countries  7. groups
    # 8. countries  9. missions + group  10. receptions + group + country  11. colloquia
    # 12. agreements  13. their French authorities  14. their foreign authorities
    # 15. authorities  16. news
    few, many = query_counts(client, "/fr/recherche/?q=oceanie", make_rows)
    assert few == many == 16
    results = client.get("/fr/recherche/?q=oceanie").context["results"]
    assert all(count >= 3 for count in results["counts"].values()), results["counts"]


@pytest.mark.django_db
def test_nothing_found_still_suggests(client):
    make_country(name_fr="Japon", name_en="Japan")
    make_report(title_fr="Mission au Japon")
    response = search(client, "fr", "japn")
    assert response.context["suggestion"] == "Japon"
    assert "?q=Japon" in response.content.decode()
    assert not response.context["results"]["found"]


@pytest.mark.django_db
def test_lists_search_box_finds_what_the_site_search_finds(client):
    make_colloquium(
        title_fr="Forum Asie centrale", start_at=timezone.now() - datetime.timedelta(days=40)
    )
    make_colloquium(title_fr="Autre colloque")
    page = client.get("/fr/colloques/", {"q": "forum asie centrale"}).context["page"]
    assert [c.title_fr for c in page] == ["Forum Asie centrale"]
    page = client.get("/en/colloquia/", {"q": "forum asie centrale"}).context["page"]
    assert [c.title_fr for c in page] == ["Forum Asie centrale"]


@pytest.mark.parametrize(
    "text,query,html",
    [
        ("Île-de-France – Erevan", "erevan", "Île-de-France – <mark>Erevan</mark>"),
        ("Île-de-France", "ile", "<mark>Île</mark>-de-France"),
        ("Agreements & <pacts>", "agreement", "<mark>Agreements</mark> &amp; &lt;pacts&gt;"),
        ("Forum Asie", "forum -asie", "<mark>Forum</mark> Asie"),
        ("Forum OR Asie", "forum OR asie", "<mark>Forum</mark> OR <mark>Asie</mark>"),
        ("Mission", "", "Mission"),
        ("Mission <b>", "zz", "Mission &lt;b&gt;"),
    ],
)
def test_highlight_marks_the_words_found(text, query, html):
    assert highlight(text, query) == html
