"""SQL queries per public page, counted through Django's test client.

Run by bench/run.py in its own process, against the benchmark database, with
the page cache off (a cached page costs 0 queries). Prints one JSON object:
the pages' URLs (in French) and, for each, its status and query count.

    python bench/querycount.py [--group SLUG --country CODE]

Each page's time in this process (median of 3 requests, test client, no load) and
its SQL time are recorded too: they show where a page's time goes.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["SENAT_PAGE_CACHE"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.cputime import page_urls  # noqa: E402  (the benchmark's pages, defined once)
from bench.cputime import pick_group  # noqa: E402
from bench.management.commands.generate_bench_data import FREQUENT_TERM  # noqa: E402
from bench.management.commands.generate_bench_data import RARE_TERMS_FR  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--group")
    parser.add_argument("--country")
    args = parser.parse_args()
    group, country = (args.group, args.country) if args.group else pick_group()
    urls = page_urls(group, country)
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {}
    for name, url in urls.items():
        client.get(url)  # warm caches that are not the page cache (templates, ContentTypes)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # Read them now: the next request's request_started signal empties the log.
        count = len(queries)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        times = []
        for _ in range(3):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        pages[name] = {
            "status": response.status_code,
            "queries": count,
            "ms": sorted(times)[1],  # median of 3, one process, no load
            "sql_ms": sql_ms,
        }
    terms = {"rare": RARE_TERMS_FR, "frequent": FREQUENT_TERM}
    print(
        json.dumps(
            {"group": group, "country": country, "urls": urls, "pages": pages, "terms": terms}
        )
    )


if __name__ == "__main__":
    main()
