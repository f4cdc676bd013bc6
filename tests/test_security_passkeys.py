"""Passkeys (WebAuthn) as a second factor (issue 10 §6), on the server side: who may
register one, the verification endpoint, django-axes, the reset command.

The browser's half is in tests/test_e2e_passkeys.py (Chromium's virtual authenticator);
here a software authenticator (an EC key, signing as the WebAuthn spec says) answers the
server's challenges.
"""

import base64
import hashlib
import json
import re

import cbor2
import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.admin_helpers import TWO_FACTOR_URL
from tests.admin_helpers import login_verified
from tests.admin_helpers import make_two_factor_editor
from tests.admin_helpers import password_step

pytestmark = pytest.mark.django_db
ORIGIN = "https://groupes.example.org"
BEGIN = "/admin/two-factor/passkeys/verify/begin/"
COMPLETE = "/admin/two-factor/passkeys/verify/complete/"
REGISTER_BEGIN = "/admin/two-factor/passkeys/register/begin/"
PASSKEYS = "/admin/two-factor/passkeys/"


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture(autouse=True)
def _rp(settings):
    settings.OTP_WEBAUTHN_RP_ID = "groupes.example.org"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


class Authenticator:
    """A passkey: an EC P-256 key registered for ``user`` (as the browser would have)."""

    def __init__(self, user):
        self.key = ec.generate_private_key(ec.SECP256R1())
        numbers = self.key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        self.credential_id = hashlib.sha256(repr(numbers).encode()).digest()
        self.device = WebAuthnCredential.objects.create(
            user=user,
            name="laptop",
            credential_id=self.credential_id,
            public_key=cbor2.dumps(cose),
            aaguid="00000000-0000-0000-0000-000000000000",
            confirmed=True,
        )
        self.sign_count = 0

    def assertion(self, challenge, rp_id="groupes.example.org", origin=ORIGIN):
        """The browser's answer to navigator.credentials.get() for ``challenge``."""
        self.sign_count += 1
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": challenge, "origin": origin}
        ).encode()
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([0x05])  # user present, user verified
            + self.sign_count.to_bytes(4)
        )
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": _b64(self.credential_id),
            "rawId": _b64(self.credential_id),
            "type": "public-key",
            "response": {
                "authenticatorData": _b64(auth_data),
                "clientDataJSON": _b64(client_data),
                "signature": _b64(signature),
            },
            "clientExtensionResults": {},
        }


def _begin(client):
    response = client.post(BEGIN)
    assert response.status_code == 200, response.content
    return response.json()


def _complete(client, assertion, next_url="", **kwargs):
    url = f"{COMPLETE}?next={next_url}" if next_url else COMPLETE
    return client.post(url, assertion, content_type="application/json", **kwargs)


# --- Verification -------------------------------------------------------------------------


def test_password_and_passkey_open_the_admin(client):
    user = make_two_factor_editor()
    passkey = Authenticator(user)
    password_step(client)
    options = _begin(client)
    assert [c["id"] for c in options["allowCredentials"]] == [_b64(passkey.credential_id)]
    response = _complete(client, passkey.assertion(options["challenge"]), "/admin/groups/")
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"] == "/admin/groups/"
    assert client.get("/admin/groups/").status_code == 200
    passkey.device.refresh_from_db()
    assert passkey.device.sign_count == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda passkey, challenge: passkey.assertion("another-challenge"),
        lambda passkey, challenge: passkey.assertion(challenge, origin="https://evil.example"),
        lambda passkey, challenge: passkey.assertion(challenge, rp_id="evil.example"),
        lambda passkey, challenge: {**passkey.assertion(challenge), "response": {"x": 1}},
        lambda passkey, challenge: Authenticator(make_two_factor_editor("other")).assertion(
            challenge
        ),
    ],
    ids=["stale-challenge", "other-origin", "other-rp-id", "malformed", "colleagues-passkey"],
)
def test_a_bad_assertion_is_refused(client, forge):
    passkey = Authenticator(make_two_factor_editor())
    password_step(client)
    challenge = _begin(client)["challenge"]
    response = _complete(client, forge(passkey, challenge), headers={"Accept-Language": "en"})
    assert response.status_code in (403, 404, 422)
    assert response.json()["detail"] == "This passkey was not accepted."
    assert client.get("/admin/").status_code == 302
    # One failed login for django-axes, as for a wrong code.
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 1


def test_an_assertion_is_used_once(client):
    passkey = Authenticator(make_two_factor_editor())
    password_step(client)
    assertion = passkey.assertion(_begin(client)["challenge"])
    assert _complete(client, assertion).status_code == 200
    client.logout()
    password_step(client)
    _begin(client)
    assert _complete(client, assertion).status_code == 422  # the challenge has changed


def test_refused_passkeys_count_as_failed_logins(client, settings):
    """django-axes throttles the passkey like the code: 5 refusals lock the account."""
    passkey = Authenticator(make_two_factor_editor())
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _begin(client)
        assert _complete(client, passkey.assertion("stale")).status_code == 422
    _begin(client)
    assert _complete(client, passkey.assertion("stale")).status_code == 429  # axes' page
    # Locked: no more passkey ceremonies, and the code step shows the lockout page.
    response = client.post(BEGIN, headers={"Accept-Language": "fr"})
    assert response.status_code == 403
    assert response.json()["code"] == "locked"
    assert response.json()["detail"] == "Trop d’échecs de connexion : réessayez plus tard."
    assert client.get(TWO_FACTOR_URL).status_code == 429
    assert client.get("/admin/").status_code == 302


def test_a_good_passkey_forgets_earlier_failures(client, settings):
    passkey = Authenticator(make_two_factor_editor())
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _begin(client)
        _complete(client, passkey.assertion("stale"))
    assert _complete(client, passkey.assertion(_begin(client)["challenge"])).status_code == 200
    client.logout()
    # Had the failures been kept, this one would lock the account.
    client.post("/admin/login/", {"username": "editor", "password": "wrong password!"})
    password_step(client)
    _begin(client)
    _complete(client, passkey.assertion("stale"))
    assert client.post(BEGIN).status_code == 200


def test_no_passwordless_login(client):
    passkey = Authenticator(make_two_factor_editor())
    response = client.post(BEGIN)
    assert response.status_code == 403
    assert _complete(client, passkey.assertion("x")).status_code == 403
    assert client.get("/admin/").status_code == 302


# --- Registration -------------------------------------------------------------------------


def test_only_a_verified_session_may_register_a_passkey(client):
    # The password alone, with or without the app: no passkey (the library itself lets a
    # user with no device register one, which would skip the app's enrolment).
    for username, device in [("with-app", True), ("without-app", False)]:
        make_two_factor_editor(username, device=device)
        password_step(client, username)
        response = client.post(REGISTER_BEGIN)
        assert response.status_code == 403, username
        assert client.get(PASSKEYS).status_code == 302, username
        client.logout()
    login_verified(client, make_two_factor_editor("verified"))
    options = client.post(REGISTER_BEGIN).json()
    assert options["rp"] == {"id": "groupes.example.org", "name": "Sénat — groupes d'amitié"}
    assert options["authenticatorSelection"]["residentKey"] == "preferred"  # not passwordless
    assert client.get(PASSKEYS).status_code == 200


# --- Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,label", [("fr", "Utiliser une clé d’accès"), ("en", "Use a passkey")]
)
def test_the_code_step_offers_the_passkey_without_inline_script(client, lang, label):
    user = make_two_factor_editor()
    password_step(client, lang=lang)
    html = client.get(TWO_FACTOR_URL, headers={"Accept-Language": lang}).content.decode()
    assert "passkey-verification-button" not in html  # no passkey yet: no button
    Authenticator(user)
    html = client.get(TWO_FACTOR_URL, headers={"Accept-Language": lang}).content.decode()
    assert label in html
    assert 'id="otp_webauthn_config" type="application/json"' in html
    assert "otp_webauthn_auth" in html
    assert re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", html) == []
    assert re.search(r"<[^>]+\son[a-z]+=", html) is None


def test_the_front_ends_messages_are_in_french(client):
    response = client.get("/admin/two-factor/passkeys/jsi18n/", headers={"Accept-Language": "fr"})
    assert '"Registration aborted.": "Enregistrement interrompu."' in response.content.decode()


# --- Reset -------------------------------------------------------------------------------


def test_the_reset_command_removes_the_passkeys_too(client, capsys):
    user = make_two_factor_editor()
    Authenticator(user)
    call_command("reset_two_factor", "editor")
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "2 device(s) removed" in capsys.readouterr().out
