"""Mentions légales, accessibility statement and personal data: bilingual, in every
page's footer and in the sitemap, edited by staff with FR/EN tabs."""

import pytest
from django.urls import reverse
from django.utils import translation

from legal.models import LegalPage
from tests.factories import make_group

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "legal-notice": ("/fr/mentions-legales/", "/en/legal-notice/"),
    "accessibility": ("/fr/accessibilite/", "/en/accessibility/"),
    "personal-data": ("/fr/donnees-personnelles/", "/en/personal-data/"),
}


@pytest.mark.parametrize("kind", list(ADDRESSES))
def test_each_page_exists_in_french_and_english(client, kind, django_assert_num_queries):
    fr_url, en_url = ADDRESSES[kind]
    with translation.override("fr"):
        assert reverse(f"legal:{kind}") == fr_url
    with translation.override("en"):
        assert reverse(f"legal:{kind}") == en_url
    page = LegalPage.objects.get(kind=kind)
    # 1. the page (no session, no other row: the footer links need no query)
    with django_assert_num_queries(1):
        fr = client.get(fr_url)
    en = client.get(en_url)
    assert fr.status_code == en.status_code == 200
    assert fr["Content-Language"] == "fr" and en["Content-Language"] == "en"
    assert f"<h1>{page.title_fr}</h1>" in fr.content.decode()
    assert f"<h1>{page.title_en}</h1>" in en.content.decode()
    assert page.title_fr != page.title_en


# What the accessibility statement must say, in each language.
ACCESSIBILITY_STATEMENT = {
    "/fr/accessibilite/": [
        "RGAA",
        "partiellement conforme",
        "auto-évaluation faite le 1<sup>er</sup> décembre 2026",
        "Défenseur des droits",
        "formulaire.defenseurdesdroits.fr",
    ],
    "/en/accessibility/": [
        "RGAA",
        "partially compliant",
        "self-assessment made on 1 December 2026",
        "Défenseur des droits",
    ],
}


@pytest.mark.parametrize(("url", "texts"), ACCESSIBILITY_STATEMENT.items())
def test_the_accessibility_statement_says_what_rgaa_asks(client, url, texts):
    html = client.get(url).content.decode()
    for text in texts:
        assert text in html, text


def test_the_personal_data_page_says_what_is_logged_and_that_no_tracking_cookie_is_set(client):
    fr = client.get("/fr/donnees-personnelles/").content.decode()
    assert "journalise" in fr and "aucun cookie de suivi" in fr
    en = client.get("/en/personal-data/").content.decode()
    assert "logs the date and time" in en and "no tracking or audience-measurement cookie" in en


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_public_page_links_the_three_pages_in_its_footer(client, lang):
    group = make_group()
    with translation.override(lang):
        urls = [
            reverse("portal:home"),
            reverse("groups:list"),
            group.get_absolute_url(),
            reverse("missions:list"),
            reverse("reports:list"),
            reverse("portal:search") + "?q=x",
            reverse("legal:accessibility"),
            f"/{lang}/no-such-page/",
        ]
        links = [reverse(f"legal:{kind}") for kind in ADDRESSES]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for link in links:
            assert f'href="{link}"' in footer, (url, link)


def test_the_error_page_links_them_in_both_languages(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    for fr_url, en_url in ADDRESSES.values():
        assert f'href="{fr_url}"' in html and f'href="{en_url}"' in html


def test_the_sitemap_lists_them_in_both_languages(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for fr_url, en_url in ADDRESSES.values():
        assert f"{fr_url}</loc>" in sitemap and f"{en_url}</loc>" in sitemap


def test_an_editor_changes_a_page_with_fr_and_en_tabs(client, editor):
    page = LegalPage.objects.get(kind="legal-notice")
    url = reverse("admin:legal_legalpage_change", args=[page.pk])
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="title_fr"' in html and 'name="title_en"' in html
    assert 'name="body_fr"' in html and 'name="body_en"' in html
    response = client.post(
        url,
        {
            "title_fr": "Mentions légales",
            "title_en": "Legal notice",
            "body_fr": "<p>Éditeur : le Sénat.</p><script>alert(1)</script>",
            "body_en": "<p>Publisher: the Senate.</p>",
            "seen_version": page.version,  # as the change form a browser posts
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Éditeur\u00a0: le Sénat." in client.get("/fr/mentions-legales/").content.decode()
    page.refresh_from_db()
    assert "<script>" not in page.body_fr  # sanitised like every rich text


def test_pages_cannot_be_added_or_deleted(client, editor, admin_client):
    page = LegalPage.objects.first()
    for c in (client, admin_client):
        assert c.get(reverse("admin:legal_legalpage_add")).status_code == 403
        assert c.get(reverse("admin:legal_legalpage_delete", args=[page.pk])).status_code == 403
    changelist = admin_client.get(reverse("admin:legal_legalpage_changelist"))
    assert changelist.status_code == 200
    assert LegalPage.objects.count() == 3


def test_changelist_query_count(admin_client, django_assert_num_queries):
    # The three pages, always three rows (no add, no delete).
    # 1. session  2. user  3. the session's verified two-factor device (django-otp)
    # 4. SAVEPOINT (reversion)  5. count  6. full count  7. rows  8. RELEASE SAVEPOINT
    with django_assert_num_queries(8):
        response = admin_client.get(reverse("admin:legal_legalpage_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
