"""Who reaches the back office: login throttling, password rules, editors only."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from backoffice.access import EDITORS_GROUP
from tests.admin_helpers import login_verified

PASSWORD = "correct horse battery staple 42"
LOGIN_URL = "/admin/login/"


def _editor(username="editor", **kw):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **kw)
    user.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return user


def _login(client, username, password, ip="192.0.2.10", lang="fr"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        headers={"Accept-Language": lang},
    )


def _logged_in(client):
    return "_auth_user_id" in client.session


# --- Brute force (django-axes) ------------------------------------------------------


@pytest.mark.django_db
def test_right_password_logs_in(client):
    _editor()
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_four_failures_do_not_lock_the_account(client):
    _editor()
    for _ in range(4):
        assert _login(client, "editor", "wrong password!").status_code == 200
    assert _login(client, "editor", PASSWORD).status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_with_the_right_password(client):
    _editor()
    for _ in range(5):
        _login(client, "editor", "wrong password!")
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)


@pytest.mark.django_db
def test_a_colleague_behind_the_same_proxy_is_not_locked_out(client):
    """Five failures lock the (account, address) pair, not every account of the address:
    staff behind the Senate's proxy all share one address."""
    _editor("alice")
    _editor("bruno")
    for _ in range(5):
        _login(client, "alice", "wrong password!", ip="192.0.2.10")
    assert _login(client, "alice", PASSWORD, ip="192.0.2.10").status_code == 429
    assert _login(client, "bruno", PASSWORD, ip="192.0.2.10").status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_a_locked_pair_leaves_the_account_open_from_another_address(client):
    _editor()
    for _ in range(5):
        _login(client, "editor", "wrong password!", ip="192.0.2.10")
    assert _login(client, "editor", PASSWORD, ip="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_an_address_that_guesses_many_accounts_is_locked(client, settings):
    _editor("other")
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for i in range(limit - 1):
        _login(client, f"guess{i}", "wrong password!", ip="192.0.2.66")
    # One failure short of the address's limit, another account still logs in...
    assert _login(client, "other", PASSWORD, ip="192.0.2.66").status_code == 302
    client.logout()
    _login(client, "guess-last", "wrong password!", ip="192.0.2.66")
    # ...and at the limit, the address is locked for every account.
    response = _login(client, "other", PASSWORD, ip="192.0.2.66")
    assert response.status_code == 429
    assert not _logged_in(client)
    # Elsewhere, the same account is open.
    assert _login(client, "other", PASSWORD, ip="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_the_lock_lasts_an_hour(client, settings):
    import datetime

    from axes.models import AccessAttempt
    from django.utils import timezone

    _editor()
    for _ in range(5):
        _login(client, "editor", "wrong password!")
    # 59 minutes later: still locked.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=59))
    assert _login(client, "editor", PASSWORD).status_code == 429
    # An hour and a minute after the last failure: the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=61))
    assert _login(client, "editor", PASSWORD).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("fr", ["ce compte et cette adresse sont bloqués", "Vous pourrez réessayer à", "Groupes"]),
        ("en", ["this account and this address are locked", "You can try again at", "Senate"]),
    ],
)
def test_the_lockout_page_speaks_the_visitors_language(client, lang, texts):
    import datetime

    from django.utils import timezone

    _editor()
    for _ in range(5):
        _login(client, "editor", "wrong password!", lang=lang)
    response = _login(client, "editor", PASSWORD, lang=lang)
    assert response.status_code == 429
    page = response.content.decode()
    for text in texts:
        assert text in page
    # When to retry: an hour after the last failure, in the portal's time zone.
    retry = timezone.localtime(timezone.now() + datetime.timedelta(hours=1))
    assert (
        retry.strftime("%H:%M") in page
        or (retry - datetime.timedelta(minutes=1)).strftime("%H:%M") in page
    )
    # The portal's own admin title, not Django's.
    assert "Django" not in page.split("<body")[0]


# --- Passwords ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    [
        "Xk7#pQ2!mZ",  # 10 characters: too short
        "password1234",  # long enough, but in the common-password list
        "123456789012345",  # entirely numeric
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.django_db
def test_a_long_uncommon_password_is_accepted():
    validate_password("vineyard Tarn 1789 anchor")


# --- Who may enter ----------------------------------------------------------------------


@pytest.mark.django_db
def test_editors_reach_the_admin(client):
    login_verified(client, _editor())
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_superusers_reach_the_admin(admin_client):
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_outside_the_editors_group_are_turned_away(client):
    staff = User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    login_verified(client, staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.django_db
def test_editors_group_members_who_are_not_staff_are_turned_away(client):
    user = _editor()
    user.is_staff = False
    user.save()
    login_verified(client, user)
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_staff_outside_the_editors_group_cannot_log_in(client):
    User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    _login(client, "staff", PASSWORD)
    # The login succeeds, but every admin page sends them back to the login form.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
