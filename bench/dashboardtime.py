"""The back office's home (the dashboard, backoffice/dashboard.py) timed in-process.

Run by bench/run.py in its own process against the benchmark database: a back-office
user's GET /admin/ through Django's test client (middleware, the dashboard's queries,
the template), N times after 3 warm-up requests, with its SQL query count.

    python bench/dashboardtime.py N -> one JSON object {"n", "p50", "p95", "queries"}
"""

import json
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.cputime import staff_client  # noqa: E402


def main(n):
    # The back office needs a session verified by a second factor (django-otp).
    client = staff_client()
    for _ in range(3):
        assert client.get("/admin/", secure=True).status_code == 200
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get("/admin/", secure=True)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/", secure=True)
    times.sort()
    print(
        json.dumps(
            {
                "n": n,
                "p50": times[n // 2],
                "p95": times[math.ceil(0.95 * n) - 1],
                "queries": len(queries),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
