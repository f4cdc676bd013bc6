"""Every page of the URL contract, in both languages; odd input; 404s; sitemap."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from tests.factories import count_queries
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_news
from tests.factories import query_counts
from tests.helpers.public_urls import contract_urls

EXPECTED = {
    "fr": [
        "/fr/",
        "/fr/groupes/",
        "/fr/groupes/france-japon/",
        "/fr/pays/",
        "/fr/pays/jp/",
        "/fr/senateurs/jeanne-martin/",
        "/fr/missions/",
        "/fr/missions/mission-tokyo/",
        "/fr/colloques/",
        "/fr/colloques/colloque-tokyo/",
        "/fr/actualites/",
        "/fr/actualites/actu-japon/",
        "/fr/carte/",
    ],
    "en": [
        "/en/",
        "/en/groups/",
        "/en/groups/france-japon/",
        "/en/countries/",
        "/en/countries/jp/",
        "/en/senators/jeanne-martin/",
        "/en/missions/",
        "/en/missions/mission-tokyo/",
        "/en/colloquia/",
        "/en/colloquia/colloque-tokyo/",
        "/en/news/",
        "/en/news/actu-japon/",
        "/en/map/",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_contract_urls_are_the_ones_of_the_issue(site_data, lang):
    with translation.override(lang):
        assert contract_urls(site_data) == EXPECTED[lang]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_contract_url_answers_200_in_its_language(client, site_data, lang):
    for url in EXPECTED[lang]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == lang, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html, url


def test_report_and_search_path_words_are_translated():
    with translation.override("fr"):
        assert reverse("reports:list") == "/fr/rapports/"
        assert reverse("portal:search") == "/fr/recherche/"
    with translation.override("en"):
        assert reverse("reports:list") == "/en/reports/"
        assert reverse("portal:search") == "/en/search/"


def test_every_page_links_to_itself_in_the_other_language_keeping_filters(client, site_data):
    response = client.get("/fr/groupes/?zone=asie&kind=country")
    html = response.content.decode()
    assert 'href="/en/groups/?zone=asie&amp;kind=country" hreflang="en" lang="en"' in html
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/groups/?zone=asie' in html
    )
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/groupes/?zone=asie' in html
    )
    assert '<link rel="canonical" href="http://testserver/fr/groupes/">' in html


def test_group_page_links_to_the_same_group_in_english(client, site_data):
    html = client.get("/fr/groupes/france-japon/").content.decode()
    assert 'href="/en/groups/france-japon/" hreflang="en"' in html


def test_public_pages_carry_no_csrf_token_and_set_no_cookie(client, site_data):
    for url in EXPECTED["fr"] + EXPECTED["en"]:
        response = client.get(url)
        assert b"csrfmiddlewaretoken" not in response.content, url
        assert not response.cookies, url


def test_header_has_search_form_to_the_search_page(client, site_data):
    html = client.get("/en/").content.decode()
    assert 'role="search" aria-label="Search the site" action="/en/search/" method="get">' in html
    assert 'name="q"' in html


@pytest.mark.parametrize("accept, target", [("en-GB,en;q=0.9", "/en/"), ("fr-FR,fr", "/fr/")])
def test_root_redirects_by_browser_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_unknown_slug_gives_the_bilingual_404_page(client, db):
    response = client.get("/en/groups/no-such-group/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Page introuvable" in html
    assert '<section lang="fr">' in html
    # The heading in the page's language, the other language after it.
    assert "<h1>Page not found</h1>" in html and "<h2>Page introuvable</h2>" in html
    assert html.index('<section lang="en">') < html.index('<section lang="fr">')
    html = client.get("/fr/groupes/pas-de-groupe/").content.decode()
    assert "<h1>Page introuvable</h1>" in html and "<h2>Page not found</h2>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/fr/pays/JP/",  # codes are lower case in URLs
        "/fr/pays/zz/",
        "/fr/pays/%00/",  # PostgreSQL refuses NUL bytes: must not reach the query
        "/fr/pays/j%C3%A9/",
        "/fr/pays/jpn/",
        "/en/senators/nobody/",
        "/en/missions/nothing/",
        "/en/colloquia/nothing/",
        "/en/news/nothing/",
        "/en/groupes/",  # a French path word under /en/
    ],
)
def test_unknown_pages_are_404(client, db, url):
    assert client.get(url).status_code == 404


ODD_QUERIES = [
    "zone=atlantis",
    "kind=<script>alert(1)</script>",
    "country=<b>x</b>",
    "page=-1",
    "page=abc",
    "page=99999",
    "year=abc",
    "year=-5",
    "group=%00",
    "q=" + "x" * 10_000,
    "q=<script>alert(1)</script>",
    "zone=asie&zone=<i>",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize(
    "url",
    ["/fr/groupes/", "/en/missions/", "/en/colloquia/", "/fr/actualites/", "/en/map/", "/en/"],
)
def test_odd_query_parameters_give_a_normal_page_never_echoed_raw(client, site_data, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400, 404)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>x</b>" not in html
    assert "<i>" not in html


def test_unknown_zone_shows_an_error_not_a_crash(client, site_data):
    response = client.get("/en/groups/?zone=atlantis")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_unpublished_group_is_404(client, db):
    group = make_group(status="draft")
    assert client.get(group.get_absolute_url()).status_code == 404


def test_english_page_marks_french_fallback_text(client, db):
    make_group(slug="sans-anglais", name_fr="France-Zambie", name_en="")
    html = client.get("/en/groups/sans-anglais/").content.decode()
    assert '<h1 lang="fr">France-Zambie</h1>' in html
    html = client.get("/fr/groupes/sans-anglais/").content.decode()
    assert "<h1>France-Zambie</h1>" in html


def test_sitemap_lists_every_page_with_its_alternate(client, site_data):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for url in EXPECTED["fr"] + EXPECTED["en"]:
        assert f"<loc>http://testserver{url}</loc>" in xml, url
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/groups/france-japon/"'
        in xml
    )
    assert "/fr/rapports/rapport-japon/" in xml


def test_upcoming_colloquium_is_on_the_home_page_past_one_is_not(client, db):
    make_colloquium(title_fr="Colloque futur", start_at=timezone.now() + datetime.timedelta(days=9))
    make_colloquium(title_fr="Colloque passé", start_at=timezone.now() - datetime.timedelta(days=9))
    html = client.get("/fr/").content.decode()
    assert "Colloque futur" in html
    assert "Colloque passé" not in html


def make_news_items(n):
    for _ in range(n):
        make_news(groups=[make_group()], countries=[make_country()])


@pytest.mark.django_db
def test_news_list_query_count(client):
    # 1 count  2 page of news  3 countries (filter's choices)  4 groups (filter's choices)
    assert query_counts(client, "/fr/actualites/", make_news_items) == (4, 4)


@pytest.mark.django_db
def test_news_detail_query_count(client):
    item = make_news(
        groups=[make_group() for _ in range(3)], countries=[make_country() for _ in range(3)]
    )
    # 1 news item  2 groups  3 countries
    assert count_queries(client, item.get_absolute_url()) == 3


@pytest.mark.django_db
def test_news_list_filters_by_group(client):
    group = make_group(slug="france-japon")
    make_news(title_fr="Nouvelles du Japon", groups=[group])
    make_news(title_fr="Autre nouvelle")
    html = client.get("/fr/actualites/?group=france-japon").content.decode()
    assert "Nouvelles du Japon" in html
    assert "Autre nouvelle" not in html


def test_home_page_with_its_assets_stays_light(client, site_data):
    """Home ≤ 150 KB with everything it loads, ≤ 20 KB of JavaScript (uncompressed)."""
    response = client.get("/fr/")
    html = response.content.decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any("site" in url and url.endswith(".css") for url in assets)
    sizes = {}
    for url in assets:
        asset = client.get(url)
        assert asset.status_code == 200, url
        sizes[url] = len(b"".join(asset.streaming_content))
    total = len(response.content) + sum(sizes.values())
    javascript = sum(size for url, size in sizes.items() if url.endswith(".js"))
    assert total <= 150_000, sizes
    assert javascript <= 20_000


@pytest.mark.parametrize(
    "template, fr, en, explanation_fr, explanation_en",
    [
        ("400.html", "Requête incorrecte", "Bad request", "n’est pas valide", "is not valid"),
        ("500.html", "Erreur du serveur", "Server error", "de notre côté", "on our side"),
    ],
)
def test_error_pages_render_in_both_languages_without_a_request(
    template, fr, en, explanation_fr, explanation_en
):
    html = render_to_string(template)  # as Django's default handlers do: no request
    assert fr in html
    assert en in html
    assert explanation_fr in html
    assert explanation_en in html
    assert '<section lang="en">' in html


def test_bad_request_gives_the_400_page(client, db):
    response = client.get("/fr/", HTTP_HOST="not-an-allowed-host.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.django_db
def test_nav_marks_the_current_section(client):
    group = make_group()
    groups_link = 'href="/fr/groupes/"'

    html = client.get("/fr/groupes/").content.decode()
    assert f'{groups_link} aria-current="page"' in html
    html = client.get(group.get_absolute_url()).content.decode()
    assert f'{groups_link} aria-current="true"' in html
    html = client.get("/fr/carte/").content.decode()
    assert 'aria-current="page">Carte<' in html
    assert f"{groups_link} aria-current" not in html
    assert html.count("aria-current") == 1
