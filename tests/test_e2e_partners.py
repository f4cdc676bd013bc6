"""The partners page in Chromium, FR and EN: reached from the menu, each partner with its
uploaded logo (drawn, served by the site), its website and its colloquia, which link to
the colloquium page; the language switch lands on the other language's partners page."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from missions.models import Partner
from tests.helpers.browser import E2E_MODULE
from tests.test_e2e_public import site  # noqa: F401 (the small but complete site)

pytestmark = E2E_MODULE

CASES = {
    "fr": {
        "home": "/fr/",
        "menu": "Partenaires",
        "url": "**/fr/partenaires/",
        "name": "Institut français des relations internationales (IFRI)",
        "logo": "Logo de Institut français des relations internationales",
        "website": "Site internet de IFRI",
        "colloquium": "Forum Brésil",
        "switch": "English",
        "other": "**/en/partners/",
        "other_name": "French Institute of International Relations (IFRI)",
    },
    "en": {
        "home": "/en/",
        "menu": "Partners",
        "url": "**/en/partners/",
        "name": "French Institute of International Relations (IFRI)",
        "logo": "Logo of French Institute of International Relations",
        "website": "Website of IFRI",
        "colloquium": "Brazil forum",
        "switch": "Français",
        "other": "**/fr/partenaires/",
        "other_name": "Institut français des relations internationales (IFRI)",
    },
}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#003366").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_partners_page_from_the_menu_with_logo_website_and_colloquia(site, browser, lang):  # noqa: F811
    case = CASES[lang]
    partner = Partner.objects.get(acronym="IFRI")
    partner.name_fr = "Institut français des relations internationales"
    partner.name_en = "French Institute of International Relations"
    partner.save()
    partner.logo.save("ifri.png", ContentFile(png_bytes()))
    colloquium = partner.colloquia.get()
    colloquium.title_fr, colloquium.title_en = "Forum Brésil", "Brazil forum"
    colloquium.save()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["url"] + case["home"])
    page.locator("header .site-nav").get_by_role("link", name=case["menu"], exact=True).click()
    page.wait_for_url(case["url"])
    section = page.locator("section.partner")
    assert section.count() == 1
    assert section.locator("h2").inner_text() == case["name"]
    logo = section.get_by_role("img", name=case["logo"])
    # Served by the site (never hot-linked) and drawn: the browser decoded the PNG.
    assert logo.get_attribute("src").startswith("/")
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 40
    website = section.get_by_role("link", name=case["website"])
    assert website.get_attribute("href") == "https://ifri.org/"
    section.get_by_role("link", name=case["colloquium"]).click()
    page.wait_for_url("**/forum-bresil/")
    assert page.locator("h1").inner_text() == case["colloquium"]
    partners = page.locator("section[aria-labelledby=partners-title] li")
    assert partners.all_inner_texts() == [case["name"].removesuffix(" (IFRI)")]
    page.go_back()
    page.wait_for_url(case["url"])
    page.get_by_role("link", name=case["switch"]).click()
    page.wait_for_url(case["other"])
    assert page.locator("section.partner h2").inner_text() == case["other_name"]
    context.close()
