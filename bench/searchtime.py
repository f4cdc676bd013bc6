"""Report search latency through the ORM: the queries the reports page runs for ``?q=``.

Run by bench/run.py in its own process against the benchmark database. For each
term, times what reports.views.report_list asks of the database for a search:
the counts (capped at 1,000, for the paginator), the first page of 20 results in
rank order (reports.search.SearchResults, with the page's select_related and
prefetch_related and the headlines of those 20). "list" times the same for the
archive without a query: the count of published reports and the first page.
"site_selective" and "site_frequent" time what the site search page (portal.views.search)
asks of the database for the same terms: every kind, its count and first rows, the
reports' first rows with their headlines. Target p95: 50 ms and 150 ms (issue 22).
Template rendering and HTTP are left out: bench/run.py times whole pages too. The site
search also gives its CPU time (this process's) and SQL time percentiles, and the load
average: on a shared, loaded machine the wall time waits for a core, they do not.

    python bench/searchtime.py N SECONDS -> one JSON object {"selective": {...}, "frequent": {...}}

Each term gets N searches or SECONDS seconds, whichever comes first (the count of
searches done is in the output).
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

from bench.cputime import SqlTimer  # noqa: E402
from bench.management.commands.generate_bench_data import FREQUENT_TERM  # noqa: E402
from bench.management.commands.generate_bench_data import RARE_TERMS_FR  # noqa: E402
from portal.search import site_search  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.paging import IdsFirst  # noqa: E402
from reports.search import SearchResults  # noqa: E402


def one_search(term):
    started = time.perf_counter()
    results = SearchResults(Report.objects.published().for_list(), term, "fr")
    count = results.count()
    results[:20]  # the page's reports with their headlines
    return (time.perf_counter() - started) * 1000, count


def one_site_search(term):
    """(wall ms, CPU ms of this process, SQL ms): on a loaded machine the wall time waits
    for a core, the CPU time does not."""
    sql = SqlTimer()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(sql):
        site_search(term, "fr")  # its rows and counts are lists and numbers: all evaluated
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return wall * 1000, cpu * 1000, sql.seconds * 1000


def repeated(search, terms, n, budget):
    """``search`` over ``terms`` in turn, ``n`` times or until ``budget`` seconds have gone
    (a slow search would hold the benchmark for hours)."""
    results, deadline = [], time.monotonic() + budget
    while len(results) < n and (not results or time.monotonic() < deadline):
        results.append(search(terms[len(results) % len(terms)]))
    return results


def exact_count(term):
    """The uncapped number of matches (the page stops counting at 1,000), untimed."""
    return Report.objects.published().search(term, "fr").count()


def one_list():
    started = time.perf_counter()
    reports = IdsFirst(
        Report.objects.published().for_list().order_by("-publication_date", "number")
    )
    reports.count()
    reports[:20]
    return (time.perf_counter() - started) * 1000


def percentiles(times):
    times = sorted(times)
    return {
        "n": len(times),
        "p50": times[len(times) // 2],
        "p95": times[math.ceil(0.95 * len(times)) - 1],
    }


def site_percentiles(searches):
    """The wall time's percentiles, with those of the CPU and SQL times beside them."""
    walls, cpus, sqls = zip(*searches, strict=True)
    cpu, sql = percentiles(cpus), percentiles(sqls)
    return {
        **percentiles(walls),
        "cpu_p50": cpu["p50"],
        "cpu_p95": cpu["p95"],
        "sql_p50": sql["p50"],
        "sql_p95": sql["p95"],
    }


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    for term in [*RARE_TERMS_FR, FREQUENT_TERM]:  # warm PostgreSQL's buffers
        one_search(term)
    selective = repeated(one_search, RARE_TERMS_FR, n, budget)
    frequent = repeated(one_search, [FREQUENT_TERM], n, budget)
    for term in [*RARE_TERMS_FR, FREQUENT_TERM]:
        one_site_search(term)
    site_selective = repeated(one_site_search, RARE_TERMS_FR, n, budget)
    site_frequent = repeated(one_site_search, [FREQUENT_TERM], n, budget)
    listing = [one_list() for _ in range(min(n, 100))]
    result = {
        "list": percentiles(listing),
        "selective": {
            **percentiles([t for t, _ in selective]),
            "matches": round(sum(c for _, c in selective) / len(selective)),
        },
        "frequent": {
            **percentiles([t for t, _ in frequent]),
            "matches": exact_count(FREQUENT_TERM),
        },
        "site_selective": site_percentiles(site_selective),
        "site_frequent": site_percentiles(site_frequent),
        "load_average": [round(load, 1) for load in os.getloadavg()],
        "total": Report.objects.published().count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
