"""Settings that only the test suite needs, set before Django reads its settings."""

import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senat_groups.settings")
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-in-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Production defaults otherwise; tests ask for https explicitly (client.get(..., secure=True)).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The page cache would let one test see pages rendered by another; tests/test_cache.py
# turns it on where it is the subject. Its generation file stays out of the tree.
os.environ.setdefault("SENAT_PAGE_CACHE", "0")
os.environ.setdefault(
    "SENAT_PAGE_CACHE_STAMP_FILE",
    os.path.join(tempfile.gettempdir(), f"senat-page-cache-{os.getpid()}"),
)
# The API's per-address throttling would stop the schema fuzzing (every request comes
# from 127.0.0.1); tests/test_api.py turns it on where it is the subject.
os.environ.setdefault("API_THROTTLE_RATE", "")
# Where the throttle counts (files shared by a machine's workers): out of the tree.
os.environ.setdefault(
    "SENAT_THROTTLE_DIR", os.path.join(tempfile.gettempdir(), f"senat-throttle-{os.getpid()}")
)
# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# by live_server tests from that thread are safe (one thread, one connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.conf import settings  # noqa: E402

# Load the settings now, so that pytest-django sets Django up in pytest_configure.
settings.INSTALLED_APPS  # noqa: B018
