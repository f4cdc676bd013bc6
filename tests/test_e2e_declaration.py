"""« Déclarer une coopération » end to end, in Chromium against a real SMTP server: a
declarant fills the form, confirms through the link that arrived, staff accept it in the
back office, and the agreement appears on the authority page, the country page and the
cooperation map, and in the next digest of a reader who follows the country; before that,
and for a bot, nothing is public."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from cooperation.models import Declaration
from cooperation.models import Department
from tests.factories import ensure_cog
from tests.factories import make_country
from tests.factories import make_declaration
from tests.factories import make_local_authority
from tests.helpers.browser import AXE
from tests.helpers.browser import E2E_MODULE
from tests.helpers.browser import axe_violations
from tests.helpers.browser import log_in

pytestmark = E2E_MODULE

EMAIL = "camille.martin@saint-etienne.fr"
READER = "lea.reader@example.org"


@pytest.fixture
def places():
    ensure_cog()
    loire = Department.objects.get(code="42")
    st_etienne = make_local_authority(
        name="Saint-Étienne", slug="saint-etienne", insee_code="42218", department=loire
    )
    make_local_authority(
        name="Saint-Étienne-le-Molard", slug="molard", insee_code="42225", department=loire
    )
    germany = make_country(code="DE", name_fr="Allemagne", name_en="Germany")
    return st_etienne, germany


# The declaration typed into the form (#id_<field>) in the end-to-end journey.
WUPPERTAL = {
    "authority": "Saint-Étienne (42218)",
    "partner_name": "Wuppertal",
    "signed_on": "1960-05-01",
    "description": "Jumelage entre Saint-Étienne et Wuppertal depuis 1960.",
    "link": "https://www.saint-etienne.fr/jumelages",
    "declarant_name": "Camille Martin",
    "declarant_role": "Chargée des relations internationales",
    "declarant_email": EMAIL,
}


def fill_declaration(page, partner_country, fields):
    """Type ``fields`` into the declaration form and choose the partner's country."""
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.select_option("#id_partner_country", str(partner_country.pk))


def deliver(smtp_server, address):
    """Flush the outbox (as cron does) and return the text of what reached ``address``."""
    call_command("send_mail_outbox")
    return [m.get_body(("plain",)).get_content() for m in smtp_server.to(address)]


def test_declared_confirmed_accepted_then_public(
    live_server, live_editor, french_page, smtp_server, places, settings
):
    st_etienne, germany = places
    page, base = french_page, live_server.url
    settings.SITE_URL = base  # the address the alerts' messages link to (no request there)

    # 0. A reader follows Germany from its page and confirms from the mailbox.
    page.goto(f"{base}/fr/pays/de/")
    page.fill("#follow-email", READER)
    page.click(".follow-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Consultez votre messagerie"
    [invitation] = deliver(smtp_server, READER)
    page.goto(re.search(r"https?://\S+", invitation).group(0))
    call_command("send_digest")  # nothing published yet: no digest
    assert deliver(smtp_server, READER) == [invitation]

    # 1. The declarant: the authority from the suggestions (typed without accents).
    page.goto(f"{base}/fr/cooperation/declarer/")
    page.fill("#id_authority", "st etienne")
    suggestion = "#authority-suggestions option[value='Saint-Étienne (42218)']"
    page.locator(suggestion).wait_for(state="attached")
    fill_declaration(page, germany, WUPPERTAL)  # the authority as picking the suggestion types it
    page.select_option("#id_partner_kind", "city")
    page.select_option("#id_kind", "twinning")
    page.check("input[name=themes][value=culture]")
    page.click(".declaration-form button[type=submit]")
    page.wait_for_url(f"{base}/fr/cooperation/declarer/envoyee/")
    assert page.locator("h1").inner_text() == "Consultez votre messagerie"

    # Unconfirmed: nowhere public.
    assert page.goto(base + st_etienne.get_absolute_url()).status == 404
    assert "Wuppertal" not in page.goto(f"{base}/fr/pays/de/").text()

    # 2. The link read from the SMTP server's mailbox.
    [mail] = deliver(smtp_server, EMAIL)
    link = re.search(r"https?://\S+", mail).group(0)
    assert link.startswith(f"{base}/fr/cooperation/declarer/confirmer/")
    page.goto(link)
    assert page.locator("h1").inner_text() == "Déclaration confirmée"
    assert Declaration.objects.get().status == Declaration.Status.CONFIRMED
    assert "Wuppertal" not in page.goto(f"{base}/fr/pays/de/").text()

    # 3. Staff: « À valider » on the dashboard, then accept.
    log_in(page, base)
    block = page.locator("section", has=page.locator("#to-validate"))
    assert "1 déclaration de coopération" in block.inner_text()
    block.get_by_role("link", name="Saint-Étienne – Wuppertal").click()
    page.check("input[name=decision][value=accept]")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert Declaration.objects.get().status == Declaration.Status.ACCEPTED
    told = deliver(smtp_server, EMAIL)
    assert len(told) == 2
    assert "est maintenant publiée" in told[1]

    # 4. Public: the authority page, the country page, the cooperation map.
    page.goto(base + st_etienne.get_absolute_url())
    assert page.url.endswith("/fr/cooperation/collectivites/commune/42218/")
    assert "Wuppertal" in page.locator("main").inner_text()
    page.goto(f"{base}/fr/pays/de/")
    assert "Wuppertal" in page.locator("main").inner_text()
    page.goto(f"{base}/fr/cooperation/carte/")
    assert page.locator("#map-list ~ ul li", has_text="Allemagne").inner_text().endswith("1 accord")

    # 5. The follower's next digest brings it, in French, as they followed in French.
    call_command("send_digest")
    [_, digest] = deliver(smtp_server, READER)
    assert "Saint-Étienne" in digest and "Wuppertal" in digest


def test_a_bot_filling_the_honeypot_is_refused(live_server, french_page, smtp_server, places):
    st_etienne, germany = places
    page, base = french_page, live_server.url
    page.goto(f"{base}/fr/cooperation/declarer/")
    assert not page.locator("#id_website").is_visible()  # people do not see it
    # A bot fills in every field, the hidden one too (the rest of the form is valid).
    fill_declaration(page, germany, {**WUPPERTAL, "declarant_email": "bot@spam.example"})
    page.eval_on_selector("#id_website", "el => el.value = 'https://spam.example/'")
    response_status = []
    page.on("response", lambda r: r.request.method == "POST" and response_status.append(r.status))
    page.click(".declaration-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Déclaration non envoyée')")
    assert response_status == [400]
    assert not Declaration.objects.exists()
    assert deliver(smtp_server, "bot@spam.example") == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_violation_on_the_declaration_pages(
    live_server, live_editor, browser, smtp_server, places, lang
):
    assert AXE.exists(), "run `npm ci` (make node_modules) to install axe-core"
    st_etienne, germany = places
    base = live_server.url
    context = browser.new_context(
        locale=f"{lang}-{lang.upper()}", extra_http_headers={"Accept-Language": lang}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    with translation.override(lang):
        declare = reverse("cooperation:declare")
        bad_link = reverse("cooperation:declare-confirm", kwargs={"token": "x"})
    failures = {}

    def check(name):
        if result := axe_violations(page):
            failures[name] = result

    page.goto(base + declare)
    check("form")
    page.fill("#id_authority", "etienne")  # two authorities: the choice without JavaScript
    page.click(".declaration-form button[type=submit]")
    page.wait_for_selector("input[name=authority_choice]")
    check("form with errors and choices")
    page.goto(base + bad_link)
    check("invalid link")
    page.goto(base + declare)
    page.eval_on_selector("#id_website", "el => el.value = 'x'")
    page.click(".declaration-form button[type=submit]")
    page.wait_for_selector("main h1")
    check("refused")
    declaration = make_declaration(
        st_etienne,
        germany,
        partner_name="Wuppertal",
        signed_on="1960-05-01",
        status=Declaration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    log_in(page, base)
    check("dashboard")
    page.goto(f"{base}/admin/cooperation/declaration/{declaration.pk}/change/")
    check("change form")
    context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
