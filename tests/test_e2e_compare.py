"""The comparison in Chromium, FR and EN: two countries typed into the form (the
<datalist> suggests them, no JavaScript of ours), the table, the make-up bars, the CSV,
and the language switch keeping the comparison."""

import csv
import io

import pytest

from tests.helpers.browser import E2E_MODULE
from tests.test_e2e_public import site  # noqa: F401 (the small but complete site)

pytestmark = E2E_MODULE

CASES = {
    "fr": {
        "start": "/fr/pays/br/",
        "link": "Comparer avec…",
        "second": "Italie",
        "button": "Comparer",
        "members": "Membres actuels",
        "csv": "Télécharger la comparaison (CSV)",
        "switch": "English",
        "other": "/en/compare/",
    },
    "en": {
        "start": "/en/countries/br/",
        "link": "Compare with…",
        "second": "Italy",
        "button": "Compare",
        "members": "Current members",
        "csv": "Download the comparison (CSV)",
        "switch": "Français",
        "other": "/fr/comparer/",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_compare_two_countries_from_a_country_page(site, browser, lang):  # noqa: F811
    case = CASES[lang]
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(site["url"] + case["start"])
    page.get_by_role("link", name=case["link"]).click()
    # The country page's country is already in the first box.
    first = page.locator("#compare-country-1")
    assert first.input_value() in ("Brésil", "Brazil")
    page.fill("#compare-country-2", case["second"])
    page.locator("form:has(#compare-country-1)").get_by_role("button", name=case["button"]).click()
    assert "country=" in page.url
    headers = page.locator(".compare-table").first.locator("thead th").all_inner_texts()
    assert len(headers) == 2
    members = page.locator("tr", has=page.locator(f"th:text-is('{case['members']}')"))
    assert members.locator("td").all_inner_texts() == ["1", "1"]
    assert page.locator(".makeup-bar").count() == 2
    with page.expect_download() as download:
        page.get_by_role("link", name=case["csv"]).click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    # A French page's file has semicolons, an English page's commas.
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))
    assert rows[0][1:] == headers
    page.get_by_role("link", name=case["switch"]).click()
    assert case["other"] in page.url and "country=" in page.url
    assert page.locator(".compare-table").first.locator("thead th").count() == 2
    context.close()
