"""`make bench` only: the production settings plus the benchmark's floor page.

bench/run.py starts gunicorn and manage.py with DJANGO_SETTINGS_MODULE=bench.settings.
"""

import os

from senat_groups.settings import *  # noqa: F403

# Installed for its generate_bench_data command (bench/management/commands/).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
# The public page whose HTML /bench-floor/ serves from memory (bench/floor.py).
BENCH_FLOOR_PAGE = os.environ.get("SENAT_BENCH_FLOOR", "")
