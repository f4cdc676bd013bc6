"""The public site and the back office work in Chromium under the strict CSP."""

import pytest
from django.contrib.auth.models import User

from tests.factories import make_group

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "un mot de passe de test assez long"

# Collects every violation the browser reports, from the first byte of each page.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def chromium_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        console = []
        page.on("console", lambda msg: console.append(msg.text))
        page.console_messages = console
        # A script or style sheet that fails to load would hide a policy problem.
        page.on(
            "response",
            lambda r: (
                "/static/" in r.url
                and r.status >= 400
                and console.append(f"Content Security Policy check: {r.url} answered {r.status}")
            ),
        )
        yield page
        browser.close()


def violations(page):
    """Violations seen by the page's listener, plus those Chromium logs to the console."""
    seen = page.evaluate("window.__cspViolations || []")
    logged = [m for m in page.console_messages if "Content Security Policy" in m]
    return seen + logged


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_public_page_and_admin_run_without_csp_violations(live_server, chromium_page, settings):
    # live_server serves static files from the apps' folders, under their plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    page = chromium_page
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    User.objects.create_superuser("drip", "drip@example.org", PASSWORD)

    for url in ("/fr/", "/en/", group.get_absolute_url()):
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert violations(page) == [], url

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "drip")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert violations(page) == []

    page.goto(f"{live_server.url}/admin/groups/friendshipgroup/{group.pk}/change/")
    # modeltranslation's FR/EN tabs and the admin's autocomplete are built by scripts:
    # they exist only if the scripts ran under the policy.
    page.wait_for_selector(".ui-tabs-nav", timeout=10_000)
    page.wait_for_selector(".select2-container", timeout=10_000)
    page.click("text=Add another Membership >> visible=true", timeout=5_000)
    assert violations(page) == []

    # The detector itself: an inline script added now must be reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0", timeout=5_000)
    assert page.evaluate("window.ran") is None
