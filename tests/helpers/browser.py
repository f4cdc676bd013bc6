"""What the browser tests (Playwright driving Debian's Chromium) share: the staff login
steps, the language tabs of the admin's forms, the CSP violations a page saw, axe-core's
accessibility check."""

from pathlib import Path

import pytest

from tests.admin_helpers import current_code

PASSWORD = "un mot de passe de test assez long"

# The marks of a module of browser tests: e2e, and a database whose rows are committed, so
# that the live server's thread sees them.
E2E_MODULE = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# Collects every violation the browser reports, from the first byte of each page.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def log_in(page, base):
    """Password, then the code from the editor's authenticator app (two-factor login)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username="redactrice")
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "redactrice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/two-factor/**")
    page.fill("#id_code", current_code(device))
    page.click("#two-factor-form input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def fill_tab(page, field, lang, value):
    """Open the field's language tab (modeltranslation) and type into it."""
    tabs = page.locator(".ui-tabs").filter(has=page.locator(f"#id_{field}_{lang}"))
    tabs.locator(".ui-tabs-nav [role=tab]", has_text=lang).click()
    page.fill(f"#id_{field}_{lang}", value)


AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
RUN_AXE = (
    "() => axe.run(document, {resultTypes: ['violations']})"
    ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)})))"
)


def axe_violations(page):
    """What axe-core finds on the page: [{id, nodes}], empty when nothing. Its source is
    evaluated, not added as a <script> tag, which the site's CSP rightly refuses."""
    page.evaluate(AXE.read_text())
    return page.evaluate(RUN_AXE)


def violations(page):
    """Violations seen by the page's listener, plus those Chromium logs to the console."""
    seen = page.evaluate("window.__cspViolations || []")
    logged = [m for m in page.console_messages if "Content Security Policy" in m]
    return seen + logged


def fill_new_group(page, base):
    """The add form of a group: France-Japon, with its names in both language tabs and
    Japan chosen by autocomplete (not saved)."""
    page.goto(f"{base}/admin/groups/friendshipgroup/add/")
    fill_tab(page, "name", "fr", "France-Japon")
    fill_tab(page, "name", "en", "France-Japan")
    page.fill("#id_slug", "france-japon")
    page.select_option("#id_kind", "country")
    page.locator("#id_countries ~ .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill("Jap")
    page.locator(".select2-results__option", has_text="Japon").click()


def assert_no_admin_page_opens(page, base, group, shown, also=()):
    """Without the second factor, every admin page leads back to its step, where ``shown``
    (a selector) is visible and no admin form is."""
    change = f"/admin/groups/friendshipgroup/{group.pk}/change/"
    for url in ["/admin/", "/admin/groups/friendshipgroup/", change, "/admin/auth/user/", *also]:
        page.goto(f"{base}{url}")
        assert page.url.startswith(f"{base}/admin/two-factor/?"), url
        assert page.locator(shown).is_visible()
        assert page.locator("#changelist-form, #friendshipgroup_form").count() == 0
