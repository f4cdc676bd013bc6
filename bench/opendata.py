"""The open-data API and the CSV download at benchmark scale (issue 12, §6).

    python bench/opendata.py [--build] [--requests N]

prints a Markdown table and writes bench/results-opendata.json.

Against the benchmark database (``senat_bench``, built by bench/run.py; ``--build``
builds it here the same way when it is missing or BENCH_REUSE data does not match),
in this process, with the page cache off and no throttling:

1. SQL queries of every API list endpoint at page sizes 50 and 200 (target ≤ 5);
2. latency through the WSGI stack (Django's test client: every middleware, the view,
   the JSON rendering), N requests each (default 200): a page of 50 groups, of 50
   memberships, a report search page with a selective and with the most frequent
   term (targets p95 ≤ 30 ms, ≤ 30 ms, ≤ 60 ms);
3. the full CSV of every published report (`/fr/rapports/?format=csv`), streamed and
   counted in a child process whose peak memory (VmHWM) is read from /proc
   (targets ≤ 10 s, ≤ 150 MB).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # bench/run.py as "run"

import run as bench_run  # noqa: E402  (bench/run.py: the database and its environment)

os.environ.update(bench_run.ENV)
os.environ["SENAT_PAGE_CACHE"] = "0"
os.environ["API_THROTTLE_RATE"] = ""
os.environ["LOG_LEVEL"] = "WARNING"  # no JSON line per request in the output

CSV_CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senat_groups.settings")
import django
django.setup()
from django.test import Client
started = time.monotonic()
response = Client().get("/fr/rapports/?format=csv")
size = lines = 0
for chunk in response.streaming_content:
    size += len(chunk)
    lines += chunk.count(b"\\r\\n")
seconds = time.monotonic() - started
peak = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024
print(f"{{seconds}} {{peak}} {{size}} {{lines}}")
"""


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1)]


def measure(requests):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.urls import router
    from bench.management.commands.generate_bench_data import FREQUENT_TERM
    from bench.management.commands.generate_bench_data import RARE_TERMS_FR

    client = Client()
    counts = {}
    for name, _viewset, _basename in router.registry:  # every API list endpoint
        for size in (50, 200):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/api/v1/{name}/?page_size={size}")
            assert response.status_code == 200, (name, response.status_code)
            counts[f"{name} ({size})"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/api/v1/reports/?q={FREQUENT_TERM}&page_size=50")
    counts["reports, search (50)"] = len(queries)

    timings = {}
    selective = RARE_TERMS_FR[0]
    for label, url in [
        ("50 groups", "/api/v1/organizations/?page_size=50"),
        ("50 memberships", "/api/v1/memberships/?page_size=50"),
        ("reports list (50)", "/api/v1/reports/?page_size=50"),
        (f"report search « {selective} »", f"/api/v1/reports/?q={selective}"),
        (f"report search « {FREQUENT_TERM} »", f"/api/v1/reports/?q={FREQUENT_TERM}"),
    ]:
        client.get(url)  # warm-up
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings[label] = {
            "p50": round(percentile(times, 50), 1),
            "p95": round(percentile(times, 95), 1),
        }

    child = subprocess.run(
        [bench_run.PY, "-c", CSV_CHILD.format(root=str(ROOT))],
        cwd=ROOT, env={**os.environ}, check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds, peak, size, lines = child.stdout.strip().splitlines()[-1].split()
    csv = {
        "seconds": round(float(seconds), 1),
        "peak_mb": round(float(peak)),
        "mb": round(int(size) / 1e6, 1),
        "rows": int(lines) - 1,
    }
    return {"queries": counts, "timings": timings, "csv": csv, "requests": requests}


def table(result):
    lines = ["| API list endpoint (page size) | SQL queries |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in result["queries"].items()]
    lines += ["", "| request (WSGI stack, test client) | p50 ms | p95 ms |", "|---|---:|---:|"]
    lines += [f"| {k} | {v['p50']} | {v['p95']} |" for k, v in result["timings"].items()]
    c = result["csv"]
    lines += [
        "",
        f"Full CSV of the reports: {c['rows']:,} rows, {c['mb']} MB in {c['seconds']} s, "
        f"peak memory of the process (VmHWM) {c['peak_mb']} MB.",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", action="store_true", help="build the benchmark data first")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if args.build:
        bench_run.build_data()
    result = measure(args.requests)
    result["sizes"] = bench_run.dataset_sizes()
    (ROOT / "bench" / "results-opendata.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result["sizes"]))
    print(table(result))


if __name__ == "__main__":
    main()
