"""Two-factor login for staff (issue 10 §6): password, then a TOTP or recovery code.

Tests that only need a logged-in editor use ``tests.admin_helpers.login_verified``;
these tests go through the real steps.
"""

import base64
import re

import pytest
from django.core.management import CommandError
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.admin_helpers import TWO_FACTOR_PASSWORD
from tests.admin_helpers import TWO_FACTOR_URL
from tests.admin_helpers import current_code
from tests.admin_helpers import make_two_factor_editor
from tests.admin_helpers import password_step
from tests.factories import make_group
from tests.servers import redis_caches

pytestmark = pytest.mark.django_db
ENROL = "/admin/two-factor/enrol/"


def _admin_pages():
    group = make_group()
    return [
        "/admin/",
        "/admin/groups/",
        "/admin/groups/friendshipgroup/",
        "/admin/groups/friendshipgroup/add/",
        f"/admin/groups/friendshipgroup/{group.pk}/change/",
        f"/admin/groups/friendshipgroup/{group.pk}/history/",
        f"/admin/groups/friendshipgroup/{group.pk}/delete/",
        "/admin/groups/friendshipgroup/recover/",
        "/admin/auth/user/",
        "/admin/otp_totp/totpdevice/",
    ]


@pytest.mark.parametrize("has_device", [True, False])
def test_a_password_alone_opens_no_admin_page(client, has_device):
    make_two_factor_editor(device=has_device)
    password_step(client)
    for url in _admin_pages():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    # The login page sends the half-logged-in editor on to the code (or enrolment) step.
    response = client.get("/admin/login/?next=/admin/groups/")
    assert response.status_code == 302
    assert response["Location"] == f"{TWO_FACTOR_URL}?next=%2Fadmin%2Fgroups%2F"
    response = client.get(response["Location"])
    if has_device:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL)


def test_password_and_code_open_the_admin(client):
    device = make_two_factor_editor().totpdevice_set.get()
    password_step(client)
    response = client.post(TWO_FACTOR_URL, {"code": current_code(device), "next": "/admin/groups/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/groups/"
    for url in _admin_pages()[:-2]:
        assert client.get(url).status_code == 200, url


def test_a_wrong_code_is_refused_with_a_message(client):
    device = make_two_factor_editor().totpdevice_set.get()
    password_step(client)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR_URL, {"code": wrong}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "This code is wrong or has expired" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client):
    user = make_two_factor_editor()
    static = StaticDevice.objects.create(user=user, name="recovery codes")
    StaticToken.objects.create(device=static, token="abcd2345")
    password_step(client)
    assert client.post(TWO_FACTOR_URL, {"code": "abcd 2345"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    password_step(client)
    assert client.post(TWO_FACTOR_URL, {"code": "abcd2345"}).status_code == 200  # used up
    assert client.get("/admin/").status_code == 302


def test_recovery_code_logins_do_not_throttle_the_apps_codes(client):
    # django_otp.match_token tried each recovery code against the app's device too, and
    # each such "failure" throttled that device: after a few recovery-code logins the
    # app's good code was refused (found by the cluster's tests).
    user = make_two_factor_editor()
    device = user.totpdevice_set.get()
    static = StaticDevice.objects.create(user=user, name="recovery codes")
    for token in ("abcd2345", "efgh2345", "ijkm2345"):
        StaticToken.objects.create(device=static, token=token)
        password_step(client)
        assert client.post(TWO_FACTOR_URL, {"code": token}).status_code == 302
        client.logout()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    password_step(client)
    assert client.post(TWO_FACTOR_URL, {"code": current_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_offsite_next_is_not_followed(client):
    device = make_two_factor_editor().totpdevice_set.get()
    password_step(client)
    response = client.post(
        TWO_FACTOR_URL, {"code": current_code(device), "next": "https://evil.test/"}
    )
    assert response["Location"] == "/admin/"


def test_wrong_codes_count_as_failed_logins(client, settings):
    """django-axes throttles the code step like the password: 5 wrong codes lock."""
    device = make_two_factor_editor().totpdevice_set.get()
    password_step(client)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(TWO_FACTOR_URL, {"code": wrong}).status_code == 200
    assert client.post(TWO_FACTOR_URL, {"code": wrong}).status_code == 429
    # Locked: even the right code, or a fresh password, gets the lockout page.
    device.throttle_reset()
    assert client.post(TWO_FACTOR_URL, {"code": current_code(device)}).status_code == 429
    client.logout()
    response = client.post("/admin/login/", {"username": "editor", "password": TWO_FACTOR_PASSWORD})
    assert response.status_code == 429


def test_a_good_code_forgets_earlier_failures(client, settings):
    device = make_two_factor_editor().totpdevice_set.get()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": "editor", "password": "wrong password!"})
    password_step(client)
    assert client.post(TWO_FACTOR_URL, {"code": current_code(device)}).status_code == 302
    client.logout()
    # Had the failures been kept, this one would lock the account.
    client.post("/admin/login/", {"username": "editor", "password": "wrong password!"})
    password_step(client)


# --- Enrolment -------------------------------------------------------------------------


def test_a_new_editor_enrols_then_reaches_the_admin(client):
    user = make_two_factor_editor(device=False)
    password_step(client)
    page = client.get(ENROL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, allowed by the CSP
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode()
    # Reloading the page keeps the same key (the app may already have it).
    assert client.get(ENROL).content.decode().count(secret) == 1
    assert TOTPDevice.objects.filter(user=user).count() == 1

    response = client.post(ENROL, {"code": current_code(device)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    # Shown once only.
    assert client.get(response["Location"]).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_someone_with_the_password_only_cannot_add_a_device(client):
    user = make_two_factor_editor()
    password_step(client)
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(TWO_FACTOR_URL)
    assert client.post(ENROL, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_enrolment_codes_are_throttled_too(client, settings):
    make_two_factor_editor(device=False)
    password_step(client)
    client.get(ENROL)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(ENROL, {"code": "000000"}).status_code == 200
    assert client.post(ENROL, {"code": "000000"}).status_code == 429


def test_the_steps_need_a_password_first(client):
    make_two_factor_editor()
    for url in [TWO_FACTOR_URL, ENROL, "/admin/two-factor/recovery-codes/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("lang", "verify_text", "enrol_text"),
    [
        ("fr", "Second facteur", "Configurez votre second facteur"),
        ("en", "Second factor", "Set up your second factor"),
    ],
)
def test_the_pages_speak_the_editors_language_without_inline_script(
    client, lang, verify_text, enrol_text
):
    make_two_factor_editor("with-device")
    make_two_factor_editor("without-device", device=False)
    for username, url, text in [
        ("with-device", TWO_FACTOR_URL, verify_text),
        ("without-device", ENROL, enrol_text),
    ]:
        client.logout()
        password_step(client, username, lang)
        response = client.get(url, headers={"Accept-Language": lang})
        html = response.content.decode()
        assert response.status_code == 200
        assert text in html
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []  # no inline script
        assert re.search(r"<[^>]+\son[a-z]+=", html) is None  # no inline event handler


# --- Reset ---------------------------------------------------------------------------


def test_the_reset_command_removes_the_devices_and_ends_the_sessions(client, capsys):
    user = make_two_factor_editor()
    StaticDevice.objects.create(user=user, name="recovery codes")
    password_step(client)
    call_command("reset_two_factor", "editor")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert "2 device(s) removed, 1 session(s) ended" in capsys.readouterr().out
    # Logged out; at the next login the editor enrols again.
    assert client.get(TWO_FACTOR_URL)["Location"].startswith("/admin/login/")
    password_step(client)
    assert client.get(TWO_FACTOR_URL)["Location"].startswith(ENROL)


def test_the_reset_command_ends_sessions_kept_in_redis_too(client, settings, redis_server):
    # The command goes through the session engine, whichever it is: were sessions read
    # through Redis (Django's cached_db), the cached copy must end too.
    settings.CACHES = redis_caches(redis_server)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    make_two_factor_editor()
    password_step(client)
    assert client.get(TWO_FACTOR_URL).status_code == 200  # the code step: logged in
    call_command("reset_two_factor", "editor")
    assert client.get(TWO_FACTOR_URL)["Location"].startswith("/admin/login/")


def test_the_reset_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_two_factor", "nobody")


# --- Query counts ----------------------------------------------------------------------


def test_code_step_query_count(client, django_assert_num_queries):
    make_two_factor_editor()
    password_step(client)
    # 1. session  2. user  3. editors' group membership (once per request)
    # 4-5. axes: failures for the (account, address) pair, then for the address
    # 6. has a device?  7. has a passkey?
    # 8-9. the admin layout's permission checks (user's, then groups')
    with django_assert_num_queries(9):
        assert client.get(TWO_FACTOR_URL).status_code == 200
