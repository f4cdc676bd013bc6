"""What the benchmark scripts share: where things are, the log line, a scratch database.

The scripts run as ``.venv/bin/python bench/<script>.py``, so this module is imported as
``benchlib`` (bench/ is the first entry of sys.path), like bench/soak.py by bench/run.py.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def log(prefix, message):
    print(f"[{prefix} {time.strftime('%H:%M:%S')}] {message}", flush=True)


def recreate_database(database_url, variable):
    """Drop and create the benchmark's own database; never the portal's (``variable``
    names the environment variable that chooses it, for the refusal message)."""
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(database_url)
    name = db["NAME"]
    if name in ("senat_groups", "postgres"):
        sys.exit(f"refusing to drop {name!r}: point {variable} at a scratch database")
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"] or None,
        dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
