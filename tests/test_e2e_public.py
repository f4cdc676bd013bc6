"""The public site in Chromium: language switch, map, filters, accessibility, screenshots."""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import translation

from groups.models import Membership
from groups.models import Senator
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_local_authority
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_partner
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import make_zone
from tests.helpers.browser import AXE
from tests.helpers.browser import E2E_MODULE
from tests.helpers.browser import axe_violations

pytestmark = E2E_MODULE

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"  # git-ignored, for review


@pytest.fixture
def site(live_server):
    """A small but complete site: two zones, groups, a senator and related items."""
    # The legal pages come from a data migration, which an earlier transactional test's
    # flush may have emptied: put them back as the migration writes them.
    import importlib

    from django.apps import apps

    importlib.import_module("legal.migrations.0002_initial_pages").create_pages(apps, None)
    europe = make_zone(slug="europe", name_fr="Europe", name_en="Europe", position=1)
    americas = make_zone(slug="ameriques", name_fr="Amériques", name_en="Americas", position=2)
    brazil = make_country(
        code="BR", name_fr="Brésil", name_en="Brazil", zone=americas, latitude=-10, longitude=-55
    )
    italy = make_country(
        code="IT", name_fr="Italie", name_en="Italy", zone=europe, latitude=42, longitude=12.5
    )
    make_country(code="ES", name_fr="Espagne", name_en="Spain", zone=europe)
    make_country(code="MC", name_fr="Monaco", name_en="Monaco", zone=europe, latitude=43.7)
    group = make_group(
        countries=[brazil],
        slug="france-bresil",
        name_fr="France-Brésil",
        name_en="France-Brazil",
        description_fr="<p>Le groupe d'amitié France-Brésil.</p>",
    )
    italy_group = make_group(
        countries=[italy], slug="france-italie", name_fr="France-Italie", name_en="France-Italy"
    )
    senator = make_senator(
        slug="claire-dupont", first_name="Claire", last_name="Dupont", civility=Senator.Civility.MRS
    )
    make_membership(group=group, senator=senator, role=Membership.Role.PRESIDENT)
    make_membership(group=italy_group, senator=senator)
    mission = make_mission(
        group=group,
        slug="mission-brasilia",
        title_fr="Mission à Brasília",
        title_en="Mission to Brasília",
        start_date=datetime.date.today() - datetime.timedelta(days=40),
        participants=[senator],
    )
    make_reception(group=group, country=brazil)
    make_colloquium(
        slug="forum-bresil",
        countries=[brazil],
        groups=[group],
        partners=[make_partner(status="published", acronym="IFRI", website="https://ifri.org/")],
    )
    make_news(slug="actu-bresil", groups=[group], countries=[brazil], is_featured=True)
    make_report(slug="rapport-bresil", group=group, mission=mission, authors=[senator])
    make_agreement(
        slug="jumelage-bresil",
        french=[make_local_authority(slug="bourg-exemple", name="Bourg-Exemple (fictif)")],
        foreign=[make_foreign_authority(name_fr="Ville fictive", country=brazil)],
        themes=["culture", "youth"],
    )
    return {"url": live_server.url, "group": group, "senator": senator}


def paths(lang):
    """One URL of every public page type, in `lang`."""
    return {
        "fr": [
            "/fr/",
            "/fr/groupes/",
            "/fr/groupes/france-bresil/",
            "/fr/pays/",
            "/fr/pays/br/",
            "/fr/senateurs/",
            "/fr/senateurs/claire-dupont/",
            "/fr/donnees/",
            "/fr/carte/",
            "/fr/missions/",
            "/fr/missions/mission-brasilia/",
            "/fr/colloques/",
            "/fr/colloques/forum-bresil/",
            "/fr/actualites/",
            "/fr/actualites/actu-bresil/",
            "/fr/rapports/",
            "/fr/rapports/rapport-bresil/",
            "/fr/recherche/?q=bresil",
            "/fr/agenda/",
            "/fr/cooperation/",
            "/fr/cooperation/jumelage-bresil/",
            "/fr/cooperation/collectivites/bourg-exemple/",
            "/fr/cooperation/carte/",
            "/fr/pays/br/dossier/",
            "/fr/groupes/france-bresil/dossier/",
            "/fr/pays/br/chronologie/",
            "/fr/groupes/france-bresil/chronologie/?kind=mission&year=x",
            "/fr/comparer/?country=br&country=it",
            "/fr/partenaires/",
            "/fr/comparer/?group=france-bresil&group=atlantide",
            "/fr/accessibilite/",
            "/fr/cooperation/declarer/",
            "/fr/cooperation/declarer/envoyee/",
            "/fr/pas-de-page/",
        ],
        "en": [
            "/en/",
            "/en/groups/",
            "/en/groups/france-bresil/",
            "/en/countries/",
            "/en/countries/br/",
            "/en/senators/",
            "/en/senators/claire-dupont/",
            "/en/data/",
            "/en/map/",
            "/en/missions/",
            "/en/missions/mission-brasilia/",
            "/en/colloquia/",
            "/en/colloquia/forum-bresil/",
            "/en/news/",
            "/en/news/actu-bresil/",
            "/en/reports/",
            "/en/reports/rapport-bresil/",
            "/en/search/?q=brazil",
            "/en/agenda/",
            "/en/cooperation/",
            "/en/cooperation/jumelage-bresil/",
            "/en/cooperation/authorities/bourg-exemple/",
            "/en/cooperation/map/",
            "/en/countries/br/dossier/",
            "/en/groups/france-bresil/dossier/",
            "/en/countries/br/timeline/",
            "/en/groups/france-bresil/timeline/?kind=mission&year=x",
            "/en/compare/?group=france-bresil&group=france-italie",
            "/en/compare/?country=br",
            "/en/partners/",
            "/en/accessibility/",
            "/en/cooperation/declare/",
            "/en/cooperation/declare/sent/",
            "/en/no-such-page/",
        ],
    }[lang]


def test_language_switch_on_a_group_page_lands_on_the_same_group(site, page):
    page.goto(site["url"] + "/fr/groupes/france-bresil/")
    assert page.locator("h1").inner_text() == "France-Brésil"
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/groups/france-bresil/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "France-Brazil"
    page.get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/groupes/france-bresil/")


def test_clicking_a_country_on_the_map_opens_its_country_page(site, page):
    page.goto(site["url"] + "/en/map/")
    page.locator('svg.world-map a[aria-label="Brazil"]').click()
    page.wait_for_url("**/en/countries/br/")
    assert page.locator("h1").inner_text() == "Brazil"


def test_map_countries_are_reachable_by_keyboard(site, page):
    page.goto(site["url"] + "/en/map/")
    link = page.locator('svg.world-map a[aria-label="Brazil"]')
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Brazil"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/countries/br/")


def assert_all_groups_makeup(page, lang):
    """The groups list's make-up of every friendship group: Claire Dupont, in both groups,
    counted once; a bar drawn without JavaScript and its table, named by its caption."""
    bar = page.locator("#makeup svg.makeup-bar")
    assert bar.bounding_box()["width"] > 200 and bar.locator("rect").count() == 1
    caption = {
        "fr": "Le sénateur (1) membre d’un groupe d’amitié, par groupe politique",
        "en": "The 1 senator who belongs to a friendship group, by political group"
        " (each counted once)",
    }[lang]
    row = page.get_by_role("table", name=caption).locator("tbody tr")
    nobody = {"fr": "Sans groupe politique", "en": "No political group"}[lang]
    assert row.locator("th").inner_text().strip() == nobody
    assert row.locator("td").all_inner_texts() == ["1", {"fr": "100\xa0%", "en": "100%"}[lang]]


def test_filtering_groups_by_zone_shows_only_that_zone(site, page):
    page.goto(site["url"] + "/fr/groupes/")
    titles = page.locator(".group-card h2")
    assert sorted(titles.all_inner_texts()) == ["France-Brésil", "France-Italie"]
    assert_all_groups_makeup(page, "fr")
    page.get_by_label("Zone").select_option(label="Europe")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/fr/groupes/?*zone=europe*")
    assert titles.all_inner_texts() == ["France-Italie"]
    # The language link keeps the filter.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/groups/?*zone=europe*")
    assert titles.all_inner_texts() == ["France-Italy"]
    assert_all_groups_makeup(page, "en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_page_draws_the_political_makeup_bar_with_its_table(site, page, lang):
    page.goto(
        site["url"] + {"fr": "/fr/groupes/france-bresil/", "en": "/en/groups/france-bresil/"}[lang]
    )
    bar = page.locator("#makeup svg.makeup-bar")
    box = bar.bounding_box()
    assert box["width"] > 200 and box["height"] > 10  # drawn, without JavaScript
    assert bar.locator("rect").count() == 1
    # Claire Dupont has no political group: the one row says so, 100 %.
    row = page.locator("#makeup tbody tr")
    nobody = {"fr": "Sans groupe politique", "en": "No political group"}[lang]
    assert row.locator("th").inner_text().strip() == nobody
    assert row.locator("td").all_inner_texts() == ["1", {"fr": "100\xa0%", "en": "100%"}[lang]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_timeline_filters_by_kind_without_javascript(site, browser, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["url"] + {"fr": "/fr/pays/br/", "en": "/en/countries/br/"}[lang])
    whole = {"fr": "Toute la chronologie, année par année", "en": "The whole timeline, by year"}
    page.get_by_role("link", name=whole[lang]).click()
    page.wait_for_url(
        {"fr": "**/fr/pays/br/chronologie/", "en": "**/en/countries/br/timeline/"}[lang]
    )
    kinds = page.locator(".timeline-kind")
    assert kinds.count() >= 5
    page.get_by_label({"fr": "Missions", "en": "Missions"}[lang], exact=True).check()
    page.get_by_role("button", name={"fr": "Filtrer", "en": "Filter"}[lang]).click()
    page.wait_for_url("**?kind=mission*")
    assert kinds.all_inner_texts() == ["Mission"]
    title = {"fr": "Mission à Brasília", "en": "Mission to Brasília"}[lang]
    assert page.locator(".timeline-entry a").all_inner_texts() == [title]
    context.close()


def test_senator_page_lists_their_groups(site, page):
    page.goto(site["url"] + "/fr/groupes/france-bresil/")
    page.locator("#bureau-title + ul").get_by_role("link", name="Claire Dupont").click()
    page.wait_for_url("**/fr/senateurs/claire-dupont/")
    groups = page.locator(".senator-groups li").all_inner_texts()
    assert any("France-Brésil" in text and "Présidente" in text for text in groups)
    assert any("France-Italie" in text for text in groups)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_accessibility_violation_on_any_page_type(site, browser, lang):
    assert AXE.exists(), "run `npm ci` (make node_modules) to install axe-core"
    # bypass_csp: the site's Content-Security-Policy rightly refuses injected scripts.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    failures = {}
    for path in paths(lang):
        page.goto(site["url"] + path)
        if result := axe_violations(page):
            failures[path] = result
    context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("width", [360, 1280])
def test_no_page_scrolls_sideways_at_small_and_large_widths(site, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in paths("fr")[:-1]:
        page.goto(site["url"] + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    page.close()


def test_screenshots_of_home_group_and_map_in_both_languages(site, browser):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for lang in ["fr", "en"]:
        with translation.override(lang):
            pages = {"home": "/", "group": site["group"].get_absolute_url(), "map": "/map/"}
        for name, path in pages.items():
            url = f"/{lang}{path}" if name != "group" else path
            if name == "map":
                url = "/fr/carte/" if lang == "fr" else "/en/map/"
            page.goto(site["url"] + url)
            target = SCREENSHOTS / f"{name}-{lang}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
    page.close()
