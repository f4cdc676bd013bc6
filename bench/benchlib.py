"""What the benchmark scripts share: where things are, the log line, a scratch database,
gunicorn's workers and their memory.

The scripts run as ``.venv/bin/python bench/<script>.py``, so this module is imported as
``benchlib`` (bench/ is the first entry of sys.path), like bench/soak.py by bench/run.py.
"""

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def log(prefix, message):
    print(f"[{prefix} {time.strftime('%H:%M:%S')}] {message}", flush=True)


def child_pids(pid):
    """The processes whose parent is ``pid`` (gunicorn's workers), from /proc."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def memory_mb(pid, field="VmRSS"):
    """A memory figure of the process in MB (VmRSS: now, VmHWM: its peak); None once it
    is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024


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
