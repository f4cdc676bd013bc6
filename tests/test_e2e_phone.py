"""On a phone (375 px wide), no public page scrolls sideways: every page type of
tests/helpers/public_urls.py, in French and English, plus a comparison and a partners
page with content. Measured in Chromium as document.scrollWidth against the viewport."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_partner
from tests.factories import make_zone
from tests.helpers.browser import E2E_MODULE
from tests.helpers.public_urls import LANGUAGES
from tests.helpers.public_urls import make_public_rows
from tests.helpers.public_urls import real_urls

pytestmark = E2E_MODULE

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


PHONE_390 = {"width": 390, "height": 844}
# A link a finger can hit: WCAG 2.2's target size (2.5.8), 24 × 24 CSS pixels.
TARGET = 24


def make_map_countries():
    """Covered countries a 358 px map draws as specks (Luxembourg, Qatar, Kuwait), as a
    pin (Bahrain has no shape), and a large one (Brazil), each with its group."""
    europe = make_zone(slug="europe", name_fr="Europe", name_en="Europe", position=1)
    gulf = make_zone(slug="moyen-orient", name_fr="Moyen-Orient", name_en="Middle East", position=2)
    americas = make_zone(slug="ameriques", name_fr="Amériques", name_en="Americas", position=3)
    countries = [
        ("LU", "Luxembourg", "Luxembourg", europe, 49.8, 6.1),
        ("BE", "Belgique", "Belgium", europe, 50.6, 4.5),
        ("QA", "Qatar", "Qatar", gulf, 25.3, 51.2),
        ("KW", "Koweït", "Kuwait", gulf, 29.3, 47.6),
        ("BH", "Bahreïn", "Bahrain", gulf, 26.0, 50.5),
        ("BR", "Brésil", "Brazil", americas, -10, -55),
    ]
    for code, fr, en, zone, lat, lon in countries:
        country = make_country(
            code=code, name_fr=fr, name_en=en, zone=zone, latitude=lat, longitude=lon
        )
        make_group(countries=[country], slug=f"france-{code.lower()}")


def box(locator):
    found = locator.bounding_box()
    return (found["width"], found["height"]) if found else (0, 0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_390_px_phone_the_menu_folds_and_every_map_country_has_a_tap_target(
    live_server, browser, lang
):
    """The header stays within 120 px with the menu closed, the menu opens and its links
    work, and every country the map links to has a target at least 24 px square: its
    shape or pin, else its link in the list by zone. The desktop menu stays open."""
    make_map_countries()
    with translation.override(lang):
        map_url, countries_url = reverse("portal:map"), reverse("groups:country-list")
    context = browser.new_context(viewport=PHONE_390, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + map_url)
    header = page.locator("header.site-header")
    menu = page.locator("header .site-nav")
    assert box(header)[1] <= 120, box(header)
    assert not menu.is_visible()

    page.locator("header summary").tap()
    assert menu.is_visible()
    assert page.locator("header .site-search input").is_visible()
    for link in menu.locator("a").all():
        assert min(box(link)) >= TARGET, (link.inner_text(), box(link))
    label = {"fr": "Pays", "en": "Countries"}[lang]
    menu.get_by_role("link", name=label, exact=True).tap()
    page.wait_for_url(f"**{countries_url}")
    assert box(header)[1] <= 120, box(header)
    page.go_back()
    page.wait_for_url(f"**{map_url}")

    targets = page.locator("svg.world-map a").all()
    assert len(targets) == 6  # 5 shapes and Bahrain's pin
    unreachable = {}
    for target in targets:
        href = target.get_attribute("href")
        in_list = page.locator(f'.map-list a[href="{href}"]')
        sizes = [box(target)] + [box(link) for link in in_list.all() if link.is_visible()]
        if not any(min(size) >= TARGET for size in sizes):
            unreachable[href] = sizes
    assert unreachable == {}, unreachable
    zones = page.locator("nav.zone-index a")
    assert zones.count() == 3
    assert all(min(box(link)) >= TARGET for link in zones.all())
    gulf = {"fr": "Moyen-Orient", "en": "Middle East"}[lang]
    page.locator("nav.zone-index").get_by_role("link", name=gulf).tap()
    page.wait_for_url("**#map-zone-moyen-orient")
    name = {"fr": "Bahreïn", "en": "Bahrain"}[lang]
    page.locator(".map-list").get_by_role("link", name=name, exact=True).tap()
    page.wait_for_url("**/bh/")
    assert page.locator("h1").inner_text() == name

    # On a desktop screen, no « Menu » button: the menu and the search form are in view.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert menu.is_visible()
    assert not page.locator("header summary").is_visible()
    context.close()
