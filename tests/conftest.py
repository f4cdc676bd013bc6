import shutil

import pytest
from django.utils import translation

from tests.admin_helpers import login_verified
from tests.helpers import flush
from tests.helpers.browser import PASSWORD
from tests.helpers.browser import RECORD_VIOLATIONS
from tests.servers import free_port
from tests.servers import redis_caches
from tests.servers import running

# Browser tests (pytest-playwright) drive Debian's Chromium: no browser is downloaded.
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


def _database_order(item):
    """pytest-django's order (Django's): 0 database tests, 1 transactional ones, 2 the rest."""
    marker = item.get_closest_marker("django_db")
    fixtures = item.fixturenames
    options = marker.kwargs if marker else {}
    transactional = bool(options.get("transaction") or options.get("reset_sequences"))
    transactional = transactional or "transactional_db" in fixtures or "live_server" in fixtures
    if transactional:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """DELETE, not TRUNCATE, after each transactional test (tests/helpers/flush.py)."""
    flush.install()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Database tests before transactional ones, again, after every other plugin.

    pytest groups the browser tests by their session-scoped "chromium" parameter after
    pytest-django has ordered the items, and database tests then ran after a transactional
    test's flush, which empties what data migrations load (the legal pages, zones, the COG):
    18 failures in the full run of 2026-12-07, none alone. A stable sort keeps the browser
    tests together."""
    items.sort(key=_database_order)


@pytest.fixture(autouse=True)
def _e2e_static_files(request, settings):
    """Browser tests get the plain static storage: live_server serves static files from
    the apps' folders (finders), which know no manifest-hashed names."""
    if request.node.get_closest_marker("e2e"):
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _no_fragment_of_another_test():
    """Fragments kept per content generation ({% content_fragment %}) must not outlive the
    test that rendered them: a rolled-back transaction does not bump the generation."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, the site's default, whatever the last one activated."""
    with translation.override("fr"):
        yield


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, with the second factor given (tests/admin_helpers.py).

    The back office refuses a session without a verified second factor: tests that need
    a logged-in staff user call ``login_verified(client, user)`` (or use this fixture)
    rather than ``client.force_login(user)``.
    """
    from django.test import Client

    client = Client()  # its own, like pytest-django's: tests use it beside `client`
    login_verified(client, admin_user)
    return client


@pytest.fixture
def editor(client, db):
    """A DRIP editor (in the editors' group, backoffice/permissions.py; not a superuser), logged
    into ``client`` with the second factor."""
    from django.contrib.auth.models import Group
    from django.contrib.auth.models import User

    user = User.objects.create_user(
        "redactrice",
        password="not-a-real-password-42",
        is_staff=True,
        first_name="Claire",
        last_name="Dupont",
    )
    user.groups.add(Group.objects.get(name="Relations internationales"))
    login_verified(client, user)
    return user


def _editor_client(username, first_name):
    """A client logged in (second factor passed) as a new editor, reading French."""
    from django.contrib.auth.models import Group
    from django.contrib.auth.models import User
    from django.test import Client

    from backoffice.access import EDITORS_GROUP

    user = User.objects.create_user(
        username, password="un mot de passe assez long", is_staff=True, first_name=first_name
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client(headers={"Accept-Language": "fr"})
    login_verified(client, user)
    return client


@pytest.fixture
def alice(db):
    """One of two editors working at the same time (with ``bruno``): her own client."""
    return _editor_client("alice", "Alice")


@pytest.fixture
def bruno(db):
    return _editor_client("bruno", "Bruno")


@pytest.fixture
def groups_with_everything(db):
    """make(n) builds n groups in one zone, each with everything
    (factories.make_group_with_everything); returns the last one's (group, country, senator).
    """
    from tests.factories import make_group_with_everything
    from tests.factories import make_zone

    zone = make_zone()

    def make(n):
        return [make_group_with_everything(zone) for _ in range(n)][-1]

    return make


@pytest.fixture
def countries(db):
    """The four countries of the hand-built `sens` exports (tests/sens_export.py)."""
    from tests.factories import make_country
    from tests.factories import make_zone

    zone = make_zone()
    return {
        code: make_country(code=code, zone=zone, name_fr=name)
        for code, name in [
            ("JP", "Japon"),
            ("GA", "Gabon"),
            ("CD", "République démocratique du Congo"),
            ("CF", "Centrafrique"),
        ]
    }


@pytest.fixture
def redis_down(settings):
    """The cache is a Redis server that does not answer (a closed port on the loopback)."""
    settings.CACHES = redis_caches(free_port())


@pytest.fixture
def redis_server():
    """A Redis server of its own on the loopback, for the test; yields its port."""
    if not shutil.which("redis-server"):
        # `make test` installs Debian's redis-server (Makefile target `browsers`).
        pytest.fail(
            "redis-server is not installed: run `make test`, or apt-get install redis-server"
        )
    port = free_port()
    with running(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""], port):
        yield port


# --- Browser tests ----------------------------------------------------------------------


@pytest.fixture
def live_editor(live_server):
    """A DRIP editor with an authenticator app, for browser tests (``log_in`` in
    tests/helpers/browser.py); the editors' group is built by post_migrate after each
    test's flush (backoffice/permissions.py)."""
    from django.contrib.auth.models import Group
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from backoffice.access import EDITORS_GROUP
    from tests.factories import make_country

    user = User.objects.create_user("redactrice", "redactrice@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    make_country(code="JP", name_fr="Japon", name_en="Japan")
    return user


@pytest.fixture
def french_page(browser, live_server):
    context = browser.new_context(locale="fr-FR", extra_http_headers={"Accept-Language": "fr"})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def chromium_page(page):
    """pytest-playwright's page (Debian's Chromium, tests/conftest.py), recording violations."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda msg: console.append(msg.text))
    # A script or style sheet that fails to load would hide a policy problem.
    page.on(
        "response",
        lambda r: (
            "/static/" in r.url
            and r.status >= 400
            and console.append(f"Content Security Policy check: {r.url} answered {r.status}")
        ),
    )
    page.console_messages = console
    return page


@pytest.fixture
def site_data(db):
    """One of everything the public site shows, linked together."""
    from groups.models import Membership
    from tests.factories import make_colloquium
    from tests.factories import make_country
    from tests.factories import make_group
    from tests.factories import make_membership
    from tests.factories import make_mission
    from tests.factories import make_news
    from tests.factories import make_reception
    from tests.factories import make_report
    from tests.factories import make_senator
    from tests.factories import make_zone

    zone = make_zone(slug="asie", name_fr="Asie", name_en="Asia")
    japan = make_country(code="JP", name_fr="Japon", name_en="Japan", zone=zone)
    group = make_group(
        countries=[japan], slug="france-japon", name_fr="France-Japon", name_en="France-Japan"
    )
    senator = make_senator(slug="jeanne-martin", first_name="Jeanne", last_name="Martin")
    make_membership(group=group, senator=senator, role=Membership.Role.PRESIDENT)
    mission = make_mission(group=group, slug="mission-tokyo", participants=[senator])
    make_reception(group=group, country=japan)
    colloquium = make_colloquium(slug="colloque-tokyo", countries=[japan], groups=[group])
    news = make_news(slug="actu-japon", groups=[group], countries=[japan], is_featured=True)
    report = make_report(
        slug="rapport-japon", group=group, mission=mission, countries=[japan], authors=[senator]
    )
    return {
        "group": group,
        "country": japan,
        "senator": senator,
        "mission": mission,
        "colloquium": colloquium,
        "news": news,
        "report": report,
    }


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (tests/helpers/smtp.py), the site's e-mail wired to it.

    pytest-django replaces EMAIL_BACKEND with its memory backend in every test: this
    fixture puts the site's own back (the outbox, outbox/backends.py) and points the
    outbox's delivery (``send_mail_outbox``) at the server, through Django's SMTP
    backend. ``smtp_server.messages`` lists what arrived, as parsed e-mails.
    """
    from tests.helpers.smtp import SMTPServer

    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield server
    finally:
        server.stop()
