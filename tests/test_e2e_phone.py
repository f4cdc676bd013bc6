"""On a phone (375 px wide), no public page scrolls sideways: every page type of
tests/helpers/public_urls.py, in French and English, plus a comparison and a partners
page with content. Measured in Chromium as document.scrollWidth against the viewport."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_country
from tests.factories import make_partner
from tests.helpers.public_urls import LANGUAGES
from tests.helpers.public_urls import make_public_rows
from tests.helpers.public_urls import real_urls

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def html_pages(page, base, urls):
    """The URLs that answer an HTML page (feeds, calendars, CSV, PDF and images are not
    laid out), each once."""
    pages = []
    for url in dict.fromkeys(urls):
        response = page.request.get(base + url)
        if response.headers.get("content-type", "").startswith("text/html"):
            pages.append(url)
    return pages


def test_no_public_page_scrolls_sideways_on_a_375_px_phone(live_server, browser):
    rows = make_public_rows()
    make_country(code="CL", name_fr="Chili", name_en="Chile")
    partner = make_partner(
        status="published",
        name_fr="Institut français des relations internationales (nom long pour l’essai)",
        acronym="IFRI",
        website="https://www.ifri.org/une/adresse/assez/longue/pour/deborder/",
    )
    partner.colloquia.set(partner.colloquia.model.objects.all())
    urls = real_urls(rows)
    for lang in LANGUAGES:
        with translation.override(lang):
            urls += [
                reverse("portal:compare") + "?country=jp&country=cl",
                reverse("portal:compare") + f"?group={rows['slug'][0]}",
            ]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    pages = html_pages(page, live_server.url, urls)
    assert any("/fr/comparer/?country=jp" in url for url in pages)
    assert any(url.startswith("/en/partners/") for url in pages)
    too_wide = {}
    for url in pages:
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[url] = width
    context.close()
    assert len(pages) > 60, pages
    assert too_wide == {}, too_wide
