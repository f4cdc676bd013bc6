"""Helpers for tests that drive the back office as an editor does."""

from html.parser import HTMLParser

import pytest


def login_verified(client, user):
    """Log ``user`` into ``client`` as if they had typed their password and their code.

    The back office opens only to a session verified by a second factor (django-otp).
    This gives the user a confirmed TOTP device (once) and marks the session as verified
    by it, which is what ``django_otp.login()`` does after a good code. A test-only
    shortcut: production has no switch that skips the code. Use it instead of
    ``client.force_login(user)`` for any staff user who must reach the admin.
    """
    # Imported here: tests/conftest.py imports this module before Django is set up.
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="tests", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def current_code(device):
    """The six digits the editor's authenticator app shows now for ``device``."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def changelist_queries(client, url):
    """The number of SQL queries a GET of an admin change list runs, and its row count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


def refused_form(client, url, data, lang="en"):
    """The admin form page sent back for a POST it refuses (nothing saved), in ``lang``."""
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def refused_in_both_languages(*, en, fr):
    """Parametrizes a test by ``lang`` and the ``message`` that ``refused_form`` must show
    in it: one refusal's message, in English and in French."""
    return pytest.mark.parametrize(("lang", "message"), [("en", en), ("fr", fr)])


class _FormFields(HTMLParser):
    """The name/value pairs a browser would submit from the page's main form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = []
        self._in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post" and "id" in a:
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self.data.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None


def form_data(response, **changes):
    """The page's admin form as a browser would post it, with some fields changed."""
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    data["_save"] = ["Save"]
    return data


TWO_FACTOR_PASSWORD = "correct horse battery staple 42"
TWO_FACTOR_URL = "/admin/two-factor/"  # the second step of the login


def make_two_factor_editor(username="editor", device=True):
    """A DRIP editor (password ``TWO_FACTOR_TWO_FACTOR_PASSWORD``), with an authenticator app unless
    ``device`` is False."""
    from django.contrib.auth.models import Group
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from backoffice.access import EDITORS_GROUP

    user = User.objects.create_user(username, password=TWO_FACTOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    if device:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def password_step(client, username="editor", lang="fr"):
    """The login form's first step (password), which leads to the second factor."""
    response = client.post(
        "/admin/login/",
        {"username": username, "password": TWO_FACTOR_PASSWORD, "next": "/admin/"},
        headers={"Accept-Language": lang},
    )
    assert response.status_code == 302
    return response


def group_post(group=None, countries=(), memberships=(), **fields):
    """The POST body of the group change form, with its memberships inline."""
    from groups.models import FriendshipGroup

    data = {
        "name_fr": "France-Pays",
        "name_en": "France-Country",
        "slug": "france-pays",
        "kind": FriendshipGroup.Kind.REGIONAL,
        "countries": [c.pk for c in countries],
        "status": "published",
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if group is not None:
        data["seen_version"] = group.version  # as the change form a browser posts
        existing = list(group.memberships.order_by("pk"))
        data["memberships-INITIAL_FORMS"] = str(len(existing))
        data["memberships-TOTAL_FORMS"] = str(len(existing) + len(memberships))
        for i, m in enumerate(existing):
            data.update(
                {
                    f"memberships-{i}-id": m.pk,
                    f"memberships-{i}-seen_version": m.version,
                    f"memberships-{i}-group": group.pk,
                    f"memberships-{i}-senator": m.senator_id,
                    f"memberships-{i}-role": m.role,
                    f"memberships-{i}-country": m.country_id or "",
                    f"memberships-{i}-start_date": m.start_date.isoformat(),
                    f"memberships-{i}-end_date": m.end_date.isoformat() if m.end_date else "",
                }
            )
        memberships = [None] * len(existing) + list(memberships)
    for i, m in enumerate(memberships):
        if m is None:
            continue
        data.update({f"memberships-{i}-{k}": v for k, v in m.items()})
    data.update(fields)
    return data
