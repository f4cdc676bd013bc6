"""`make bench-cpu`: each page's CPU time per request beside the floor's, in one process.

Throughput on a shared machine moves with whatever else runs on it; the CPU time one
request takes inside one process does not (issue 25). In this process, page cache off,
no API throttling, through Django's test client (every middleware, the view, the
template): each page is requested ``--warmup`` times, then ``--requests`` times, and
each request is timed with ``time.process_time()`` (this process's CPU) and
``time.perf_counter()`` (wall), its SQL with a ``connection.execute_wrapper`` (wall time
inside the driver, and the query count). The floor (``/bench-floor/``, bench/floor.py:
the same middleware, a view that returns the group page's HTML from memory) is timed
the same way first and last.

"× floor" is the floor's median CPU ms over the page's: the CPU ratio the targets of issue
25 §3 are about. ``process_time()`` does not see what PostgreSQL spends in its own
process: the SQL ms column (wall time in the driver) shows it beside, and "(with SQL)"
is the floor's CPU ms over the page's CPU + SQL ms; on a loaded machine that wall time
is mostly waiting for a core. The staff dashboard's target is in ms, CPU + SQL.

    python bench/cputime.py [--requests N] [--warmup N]

Run alone it uses its own database, ``senat_bench_cpu`` (BENCH_CPU_DATABASE_URL), built
once like ``make bench``'s (the demo, ``generate_bench_data --scale 10``, the archive
topped up to BENCH_REPORTS reports) and kept while complete. Prints the table and writes
bench/results-latest.json; bench/run.py runs it against its own database too.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

# (target kind, value): a ratio to the floor at least, or milliseconds at most.
TARGETS = {
    "home": ("ratio", 0.15),
    "groups list": ("ratio", 0.15),
    "group page": ("ratio", 0.20),
    "country page": ("ratio", 0.20),
    "senators list": ("ratio", 0.15),
    "map page": ("ratio", 0.15),
    "reports list": ("ratio", 0.10),
    "search, selective term": ("ratio", 0.10),
    "search, most frequent term": ("ratio", 0.10),
    "site search, selective term": ("ratio", 0.10),
    "site search, most frequent term": ("ratio", 0.10),
    "staff dashboard": ("ms", 100),
}
API_TARGET = ("ratio", 0.20)
API_PAGE_SIZE = 50
# In a few demo reports (1×) and in about 0.5 % of the generated ones: a search with
# results at every scale (bench/querycount.py counts its queries too).
SELECTIVE_TERM = "japon"


def pick_group():
    """The active group with the most current members (the heaviest group page) and the
    first of its countries."""
    from django.db.models import Count
    from django.db.models import Q

    from groups.models import FriendshipGroup

    group = (
        FriendshipGroup.objects.active()
        .annotate(n=Count("memberships", filter=Q(memberships__end_date__isnull=True)))
        .order_by("-n", "slug")
        .first()
    )
    return group.slug, group.countries.order_by("code").first().code.lower()


def page_urls(group, country):
    """The public pages of the benchmark, in French."""
    from django.urls import reverse
    from django.utils import translation

    from bench.management.commands.generate_bench_data import FREQUENT_TERM

    with translation.override("fr"):
        reports, search = reverse("reports:list"), reverse("portal:search")
        return {
            "home": reverse("portal:home"),
            "groups list": reverse("groups:list"),
            "group page": reverse("portal:group-detail", kwargs={"slug": group}),
            "country page": reverse("portal:country-detail", kwargs={"code": country}),
            "senators list": reverse("groups:senator-list"),
            "reports list": reports,
            "search, selective term": f"{reports}?{urlencode({'q': SELECTIVE_TERM})}",
            "search, most frequent term": f"{reports}?{urlencode({'q': FREQUENT_TERM})}",
            "site search, selective term": f"{search}?{urlencode({'q': SELECTIVE_TERM})}",
            "site search, most frequent term": f"{search}?{urlencode({'q': FREQUENT_TERM})}",
            "map page": reverse("portal:map"),
        }


def api_urls():
    from api.urls import router

    return {
        f"API {name} ({API_PAGE_SIZE})": f"/api/v1/{name}/?page_size={API_PAGE_SIZE}"
        for name, _viewset, _basename in router.registry
    }


def staff_client():
    """A test client logged in as a staff user whose session passed the second factor."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = User.objects.get_or_create(
        username="bench-dashboard", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    # As django_otp.login() does: a confirmed device, its id in the session.
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


class SqlTimer:
    """Every database connection's queries and the wall time spent executing them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def time_page(client, url, requests, warmup, secure=False, after_edit=False):
    """Median CPU, SQL and wall ms of ``requests`` GETs of ``url`` after ``warmup``.

    ``after_edit``: each request follows a new content generation (what any edit does),
    so nothing kept from an earlier request serves it: the first visit after an edit.
    """
    from contextlib import ExitStack

    from django.db import connections

    from core.generation import bump_generation

    for _ in range(warmup):
        client.get(url, secure=secure)
    cpu, sql, wall, queries, statuses = [], [], [], set(), set()
    for _ in range(requests):
        if after_edit:
            bump_generation()
        timer = SqlTimer()
        with ExitStack() as stack:
            for conn in connections.all():
                stack.enter_context(conn.execute_wrapper(timer))
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            response = client.get(url, secure=secure)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        sql.append(timer.seconds * 1000)
        queries.add(timer.count)
        statuses.add(response.status_code)
    wall.sort()
    return {
        "url": url,
        "status": sorted(statuses)[-1],
        "cpu_ms": statistics.median(cpu),
        "sql_ms": statistics.median(sql),
        "queries": max(queries),
        "wall_p50_ms": statistics.median(wall),
        "wall_p95_ms": wall[math.ceil(0.95 * len(wall)) - 1],
        "n": requests,
    }


def measure(requests=20, warmup=3, floor_requests=200):
    """Every row of the table, timed in this process (Django set up, page cache off)."""
    from django.test import Client
    from django.test.utils import override_settings

    group, country = pick_group()
    urls = page_urls(group, country)
    with override_settings(BENCH_FLOOR_PAGE=urls["group page"]):
        return _measure(Client(HTTP_HOST="127.0.0.1"), urls, requests, warmup, floor_requests)


def _measure(client, urls, requests, warmup, floor_requests):
    floors = [time_page(client, "/bench-floor/", floor_requests, warmup)]
    rows = {name: time_page(client, url, requests, warmup) for name, url in urls.items()}
    rows |= {name: time_page(client, url, requests, warmup) for name, url in api_urls().items()}
    rows["staff dashboard"] = time_page(staff_client(), "/admin/", requests, warmup, secure=True)
    # The content fragments (core.generation) serve the requests between two edits; the
    # first request after an edit renders everything, as every request did before them
    # (the API's lists too, kept while paged through: api.views.ReadOnlyViewSet.list).
    for name, url in {**urls, **api_urls()}.items():
        rows[name]["after_edit"] = time_page(client, url, requests, warmup, after_edit=True)
    floors.append(time_page(client, "/bench-floor/", floor_requests, warmup))
    floor = {key: (floors[0][key] + floors[1][key]) / 2 for key in ("cpu_ms", "sql_ms")}
    floor |= {"status": floors[0]["status"], "queries": floors[0]["queries"]}
    for name, row in rows.items():
        kind, target = TARGETS.get(name, API_TARGET if name.startswith("API") else (None, None))
        cost = row["cpu_ms"] + row["sql_ms"]
        row["ratio"] = floor["cpu_ms"] / row["cpu_ms"] if row["cpu_ms"] else 0.0
        row["ratio_with_sql"] = floor["cpu_ms"] / cost if cost else 0.0
        row["target"] = f"≥ {target:.2f}×" if kind == "ratio" else f"≤ {target} ms"
        measured = row["ratio"] >= target if kind == "ratio" else cost <= target
        row["pass"] = row["status"] == 200 and measured
        if "after_edit" in row:
            cold = row["after_edit"]
            cold["ratio"] = floor["cpu_ms"] / cold["cpu_ms"] if cold["cpu_ms"] else 0.0
            cold["pass"] = kind != "ratio" or cold["ratio"] >= target
    return {"floor": floor, "pages": rows, "requests": requests, "warmup": warmup}


def table(result):
    floor = result["floor"]
    lines = [
        "| page | CPU ms | SQL ms | queries | × floor | (with SQL) | target | | after an edit: "
        "CPU ms | SQL ms | × floor | |",
        "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|",
        f"| floor | {floor['cpu_ms']:.2f} | {floor['sql_ms']:.1f} | {floor['queries']} "
        "| 1.00 | 1.00 | | | | | | |",
    ]
    for name, r in result["pages"].items():
        verdict = "PASS" if r["pass"] else "**FAIL**"
        if r["status"] != 200:
            verdict += f" (status {r['status']})"
        cold = r.get("after_edit")
        after = (
            f" {cold['cpu_ms']:.1f} | {cold['sql_ms']:.1f} | {cold['ratio']:.3f} "
            f"| {'PASS' if cold['pass'] else '**FAIL**'} |"
            if cold
            else " | | | |"
        )
        lines.append(
            f"| {name} | {r['cpu_ms']:.1f} | {r['sql_ms']:.1f} | {r['queries']} "
            f"| {r['ratio']:.3f} | {r['ratio_with_sql']:.3f} | {r['target']} | {verdict} |" + after
        )
    lines += [
        "",
        f"Medians of {result['requests']} requests per page after {result['warmup']} "
        "warm-up requests, one process, test client, page cache off; × floor = the floor's "
        "CPU ms / the page's CPU ms; (with SQL) = over the page's CPU ms + SQL ms. "
        "After an edit: the same requests, each after a new content generation (any edit "
        "makes one), so no kept fragment serves them.",
    ]
    return "\n".join(lines)


def setup_django(database_url):
    """This process, on the benchmark's settings and database, page cache off."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DATABASE_URL": database_url,
            "SECURE_SSL_REDIRECT": "0",
            "SENAT_PAGE_CACHE": "0",
            "API_THROTTLE_RATE": "",
            "LOG_LEVEL": "WARNING",  # no JSON line per request in the output
        }
    )
    import django

    django.setup()


def build(database_url, reports):
    """The benchmark's data in its own database, unless a previous run left it complete."""
    import subprocess

    sys.path.insert(0, str(ROOT / "bench"))
    import benchlib

    state_file = ROOT / "bench" / "results-cpu-state.json"
    wanted = {"database": database_url, "reports": reports}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DJANGO_DEBUG": "0"}
    env |= {"DATABASE_URL": database_url, "SECRET_KEY": "bench-only-key"}
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"

    def manage(*args):
        benchlib.log("bench-cpu", "manage.py " + " ".join(args))
        subprocess.run([benchlib.PY, "manage.py", *args], cwd=ROOT, env=env, check=True)

    if state_file.exists() and json.loads(state_file.read_text()) == wanted:
        manage("migrate", "--no-input", "-v", "0")  # the code may have moved on since
        return
    benchlib.recreate_database(database_url, "BENCH_CPU_DATABASE_URL")
    manage("migrate", "--no-input", "-v", "0")
    manage("load_demo")
    manage("import_cooperation", "fixtures/cooperation-demo.csv")
    manage("generate_bench_data", "--scale", "10")
    manage("generate_bench_data", "--scale", "10", "--reports", str(reports))
    state_file.write_text(json.dumps(wanted))


def report(requests, warmup, out, floor_requests=200):
    """Measure, write ``{"cpu": result}`` to ``out`` (JSON) and return the result."""
    load = os.getloadavg()
    result = measure(requests, warmup, floor_requests)
    result["date"] = time.strftime("%Y-%m-%d %H:%M")
    result["load_average"] = [round(x, 1) for x in (*load, *os.getloadavg())]
    Path(out).write_text(json.dumps({"cpu": result}, indent=1))
    return result


def profile(name, requests, sort="tottime", limit=30, after_edit=False):
    """cProfile of ``requests`` GETs of one row of the table (after a warm-up); with
    ``after_edit``, each after a new content generation (as the "after an edit" column)."""
    import cProfile
    import pstats

    from django.test import Client
    from django.test.utils import override_settings

    from core.generation import bump_generation

    urls = page_urls(*pick_group()) | api_urls()
    client = staff_client() if name == "staff dashboard" else Client(HTTP_HOST="127.0.0.1")
    url = "/admin/" if name == "staff dashboard" else urls[name]
    secure = name == "staff dashboard"
    with override_settings(BENCH_FLOOR_PAGE=urls["group page"]):
        for _ in range(3):
            client.get(url, secure=secure)
        profiler = cProfile.Profile(time.process_time)
        for _ in range(requests):
            if after_edit:
                bump_generation()
            profiler.enable()
            client.get(url, secure=secure)
            profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats(sort).print_stats(limit)
    # The same, the project's own functions only (where a change can be made).
    ours = r"/(api|backoffice|cooperation|core|groups|missions|portal|reports|senat_groups)/"
    pstats.Stats(profiler).sort_stats(sort).print_stats(ours, limit)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one row instead")
    parser.add_argument("--sort", default="tottime", help="with --profile: pstats' order")
    parser.add_argument(
        "--after-edit", action="store_true", help="with --profile: each GET after an edit"
    )
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="use DATABASE_URL as it is")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results-latest.json"))
    args = parser.parse_args()
    port = os.environ.get("SENAT_PG_PORT", "54329")
    database_url = os.environ.get(
        "BENCH_CPU_DATABASE_URL", f"postgres://senat@127.0.0.1:{port}/senat_bench_cpu"
    )
    if args.no_build:
        database_url = os.environ["DATABASE_URL"]
    else:
        build(database_url, int(os.environ.get("BENCH_REPORTS", "100000")))
    setup_django(database_url)
    if args.profile:
        return profile(args.profile, args.requests, args.sort, after_edit=args.after_edit)
    result = report(args.requests, args.warmup, args.json)
    load = result["load_average"][0]
    print(f"CPU time per request ({result['date']}, load average {load}):\n")
    print(table(result))


if __name__ == "__main__":
    main()
