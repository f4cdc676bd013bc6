import shutil

import pytest
from django.utils import translation

from tests.admin_helpers import login_verified
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
