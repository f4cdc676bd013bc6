"""Passkeys as a second factor in Chromium (issue 10 §6), with Chromium's virtual
authenticator (DevTools' WebAuthn domain) in place of a fingerprint reader: an editor
registers a passkey, then logs in with password + passkey; the password alone still
opens no admin page."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from groups.models import FriendshipGroup
from tests.factories import make_group
from tests.helpers.browser import PASSWORD
from tests.helpers.browser import assert_no_admin_page_opens
from tests.helpers.browser import log_in


@pytest.fixture
def passkey_site(settings, live_server):
    """The RP ID and origin of the live server (http://localhost:PORT)."""
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")
    return live_server.url


def _virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    return cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})["authenticatorId"]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_editor_registers_a_passkey_then_logs_in_with_it(passkey_site, live_editor, french_page):
    page, base = french_page, passkey_site
    csp_errors = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    _virtual_authenticator(page)
    group = make_group(name_fr="France-Japon", name_en="France-Japan")

    # Password + the app's code, then the passkeys page (linked from the dashboard).
    log_in(page, base)
    page.click("#passkeys-link")
    page.wait_for_url(f"{base}/admin/two-factor/passkeys/")
    assert page.locator("h1").inner_text() == "Clés d’accès"
    button = page.locator("#passkey-register-button")
    assert button.inner_text() == "Enregistrer une clé d’accès"
    button.click()
    page.wait_for_selector("#passkey-list tbody tr")  # the page reloads with the new passkey
    assert WebAuthnCredential.objects.filter(user=live_editor, confirmed=True).count() == 1

    # Log out, then the password again: the code step, now with a passkey button.
    page.goto(f"{base}/admin/")
    page.click("#logout-form button")
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "redactrice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/two-factor/**")

    # Without the passkey (or a code), every admin page leads back to the second factor.
    assert_no_admin_page_opens(
        page, base, group, "#passkey-verification-button", also=["/admin/two-factor/passkeys/"]
    )

    # The passkey, then the page the editor asked for.
    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    button = page.locator("#passkey-verification-button")
    assert button.inner_text() == "Utiliser une clé d’accès"
    button.click()
    page.wait_for_url(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    page.fill("#id_counterpart_fr", "Diète du Japon")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert FriendshipGroup.objects.get(pk=group.pk).counterpart_fr == "Diète du Japon"
    assert WebAuthnCredential.objects.get(user=live_editor).last_used_at is not None
    assert csp_errors == []
