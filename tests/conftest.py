import socket

import pytest
from django.utils import translation

from tests.admin_helpers import login_verified

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
def redis_down(settings):
    """The cache is a Redis server that does not answer (a closed port on the loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }
