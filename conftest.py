"""Settings that only the test suite needs, set before Django reads its settings."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senat_groups.settings")
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-in-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# by live_server tests from that thread are safe (one thread, one connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.conf import settings  # noqa: E402

# Load the settings now, so that pytest-django sets Django up in pytest_configure.
settings.INSTALLED_APPS  # noqa: B018
