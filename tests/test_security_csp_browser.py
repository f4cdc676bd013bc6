"""The public site and the back office work in Chromium under the strict CSP."""

import re

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.admin_helpers import current_code
from tests.factories import make_group
from tests.helpers.browser import PASSWORD
from tests.helpers.browser import violations


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_public_page_and_admin_run_without_csp_violations(live_server, chromium_page):
    # Static files under their plain names: tests/conftest.py's _e2e_static_files.
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
    # First login: the two-factor enrolment (QR code as a data: image), then the codes.
    page.wait_for_url(f"{live_server.url}/admin/two-factor/enrol/**")
    assert page.locator("#two-factor-qr").evaluate("img => img.naturalWidth") > 0
    # Before the second factor exists, no menu: no link to any model's pages.
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.pathname)")
    assert links and not [link for link in links if re.match(r"/admin/\w+/\w+/", link)]
    device = TOTPDevice.objects.get(user__username="drip")
    page.fill("#id_code", current_code(device))
    page.click("#two-factor-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/two-factor/recovery-codes/**")
    assert page.locator("#recovery-codes li").count() == 10
    assert violations(page) == []
    page.click("text=Continue to the back office")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert violations(page) == []
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.pathname)")
    assert [link for link in links if re.match(r"/admin/\w+/\w+/", link)]  # the menu now

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
