"""`make bench`: the portal's throughput and latency against a bare-Django floor.

Steps (all traffic goes to 127.0.0.1; the demo database is never touched):
1. a separate database (``senat_bench`` on the local cluster, or BENCH_DATABASE_URL),
   dropped and rebuilt: migrations, the demo data (1×), SQL queries per page,
   generate_bench_data --scale 10 (10×), queries per page again, then the report
   archive topped up to 100,000 reports;
2. gunicorn with production settings (DEBUG off, 2 workers), page cache off, then on
   (and on with Redis when redis-server is installed): each page loaded by wrk at
   16 connections for BENCH_DURATION seconds after a short warm-up, the floor
   (/bench-floor/, bench/floor.py) measured in the same server run;
3. each page's CPU time per request beside the floor's, in one process (bench/cputime.py,
   the table ``make bench-cpu`` prints); the back office's home (dashboard) timed
   in-process at 10× and at the end
   (bench/dashboardtime.py); report search at 100,000 reports timed through the ORM
   (bench/searchtime.py, 300 searches per term) and as whole pages over HTTP (60 s per
   term), peak RSS of each worker from /proc, and the weight of the home, group and map
   pages with their assets; the country dossier PDF (bench/dossier.py) and the open-data
   API and CSV (bench/opendata.py);
4. the soak (bench/soak.py): 10 minutes of varied URLs (random search words, pages,
   unknown parameters) with the page cache on, each worker's memory over time;
5. one table, printed and written to bench/results-<timestamp>.md (git-ignored).

Environment: BENCH_DURATION (10), BENCH_PORT (8005), BENCH_REPORTS (100000),
BENCH_SEARCH_QUERIES (300), BENCH_SEARCH_SECONDS (420), BENCH_PAGE_SEARCH_SECONDS (60),
BENCH_DATABASE_URL, BENCH_REUSE=1 (keep the data of the previous run when it is complete),
BENCH_REDIS=0 (skip the Redis pass), BENCH_SOAK_SECONDS (600; 0 skips the soak).
"""

import http.client
import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode
from urllib.parse import urljoin
from urllib.parse import urlsplit

import benchlib  # bench/benchlib.py, beside this file
import soak  # bench/soak.py, beside this file
from benchlib import BENCH
from benchlib import GUNICORN
from benchlib import PY
from benchlib import ROOT

STATE = BENCH / "results-state.json"

DURATION = int(os.environ.get("BENCH_DURATION", "10"))
PORT = int(os.environ.get("BENCH_PORT", "8005"))
REPORTS = int(os.environ.get("BENCH_REPORTS", "100000"))
SEARCH_QUERIES = int(os.environ.get("BENCH_SEARCH_QUERIES", "300"))
# ... or this many seconds per term, whichever comes first (a slow search would take hours):
# through the ORM (the figure the targets are about), then as whole pages over HTTP.
SEARCH_SECONDS = float(os.environ.get("BENCH_SEARCH_SECONDS", "420"))
PAGE_SEARCH_SECONDS = float(os.environ.get("BENCH_PAGE_SEARCH_SECONDS", "60"))
CONNECTIONS = 16
WORKERS = 2
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL",
    f"postgres://senat@127.0.0.1:{os.environ.get('SENAT_PG_PORT', '54329')}/senat_bench",
)
# Not created here (bench/opendata.py imports this module): the page cache makes it
# when it first writes its generation file.
STAMP_DIR = Path(tempfile.gettempdir()) / f"senat-bench-{os.getpid()}"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "bench-only-key-" + os.urandom(16).hex(),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": DATABASE_URL,
    # Plain HTTP on the loopback: no redirect to https.
    "SECURE_SSL_REDIRECT": "0",
    "SENAT_PAGE_CACHE_STAMP_FILE": str(STAMP_DIR / "generation"),
}
ENV.pop("REDIS_URL", None)


def log(message):
    benchlib.log("bench", message)


def manage(*args, env=None):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env or ENV, check=True)


# --- data ------------------------------------------------------------------------


def query_counts(group=None, country=None):
    cmd = [PY, str(BENCH / "querycount.py")]
    if group:
        cmd += ["--group", group, "--country", country]
    out = subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def dataset_sizes():
    code = (
        "import json;from groups.models import *;from missions.models import *;"
        "from reports.models import *;"
        "print(json.dumps({m.__name__: m.objects.count() for m in "
        "(Country, FriendshipGroup, Senator, Membership, Mission, Reception, Colloquium,"
        " NewsItem, Report)}))"
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=ENV, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def dashboard_time():
    """The back office's home, timed in-process (bench/dashboardtime.py)."""
    out = subprocess.run(
        [PY, str(BENCH / "dashboardtime.py"), "50"],
        cwd=ROOT, env=ENV, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_data():
    if os.environ.get("BENCH_REUSE") == "1" and STATE.exists():
        state = json.loads(STATE.read_text())
        if state.get("reports") == REPORTS:
            log("BENCH_REUSE=1: keeping the data of the previous run")
            manage("migrate", "--no-input", "-v", "0")
            state["qfinal"] = query_counts(state["q1"]["group"], state["q1"]["country"])
            return state
    log(f"rebuilding the benchmark database ({DATABASE_URL.rsplit('/', 1)[-1]})")
    benchlib.recreate_database(DATABASE_URL, "BENCH_DATABASE_URL")
    manage("migrate", "--no-input", "-v", "0")
    log("1x: the demo data")
    try:
        manage("load_demo")
        manage("import_cooperation", "fixtures/cooperation-demo.csv")
    except subprocess.CalledProcessError:
        log("load_demo failed or is missing: generating 1x instead")
        manage("generate_bench_data", "--scale", "1")
    sizes_1x = dataset_sizes()
    q1 = query_counts()
    log("10x: generate_bench_data --scale 10")
    manage("generate_bench_data", "--scale", "10")
    sizes_10x = dataset_sizes()
    q10 = query_counts(q1["group"], q1["country"])
    log("10x: the back office's dashboard")
    dashboard_10x = dashboard_time()
    log(f"archive: generate_bench_data --scale 10 --reports {REPORTS}")
    started = time.monotonic()
    manage("generate_bench_data", "--scale", "10", "--reports", str(REPORTS))
    archive_seconds = time.monotonic() - started
    state = {
        "reports": REPORTS,
        "q1": q1,
        "q10": q10,
        "dashboard_10x": dashboard_10x,
        "qfinal": query_counts(q1["group"], q1["country"]),
        "sizes_1x": sizes_1x,
        "sizes_10x": sizes_10x,
        "sizes_final": dataset_sizes(),
        "archive_seconds": round(archive_seconds),
    }
    STATE.write_text(json.dumps(state, indent=1))
    return state


# --- server and load ---------------------------------------------------------------


class Server:
    def __init__(self, name, **env):
        self.name = name
        self.env = {**ENV, **env}
        self.log = open(BENCH / f"results-server-{name}.log", "w")
        cmd = [GUNICORN, "senat_groups.wsgi", "--workers", str(WORKERS)]
        cmd += ["--bind", f"127.0.0.1:{PORT}", "--no-control-socket", "--timeout", "60"]
        # Production recycles workers every ~2,000 requests; at thousands of requests a
        # second that would measure gunicorn's restarts, not the portal.
        cmd += ["--max-requests", "0"]
        config = ROOT / "senat_groups" / "gunicorn.conf.py"
        if config.exists():  # production's config, with our workers and address on top
            cmd = [cmd[0], "--config", str(config), *cmd[1:]]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log.name}")
            try:
                status, _, _ = get("/healthz")
                if status:
                    return
            except OSError:
                time.sleep(0.3)
        sys.exit("gunicorn did not answer within 60 s")

    def peak_rss_mb(self):
        peaks = [benchlib.memory_mb(pid, "VmHWM") for pid in benchlib.child_pids(self.proc.pid)]
        return max((p for p in peaks if p is not None), default=None)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def get(path, headers=None, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def drain():
    """Wait until the workers have finished the requests wrk left queued when it stopped."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            get("/healthz", timeout=300)
        except OSError:
            pass
        if time.monotonic() - started < 0.5:
            return


def wrk(path, duration):
    url = f"http://127.0.0.1:{PORT}{path}"
    base = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "--timeout", "10s"]
    subprocess.run([*base, "-d", "2s", url], capture_output=True, check=True)  # warm-up
    drain()
    out = subprocess.run(
        [*base, "-d", f"{duration}s", "-s", str(BENCH / "wrk_report.lua"), url],
        capture_output=True, text=True, check=True, timeout=duration + 60,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    drain()
    seconds = result["duration_us"] / 1e6
    return {
        "rps": result["requests"] / seconds,
        "p50": result["p50_us"] / 1000,
        "p99": result["p99_us"] / 1000,
        "non2xx": result["status_errors"] + result["socket_errors"],
    }


def load_pages(server, urls):
    results = {}
    # The floor is measured first and last, and averaged: the pages run in between.
    pages = [("floor first", "/bench-floor/"), *urls.items(), ("floor last", "/bench-floor/")]
    for name, path in pages:
        status, headers, _ = get(path)
        if status != 200:
            log(f"  {name}: {path} answers {status}, measured anyway")
        results[name] = wrk(path, DURATION)
        results[name]["status"] = status
        results[name]["cache"] = dict((k.lower(), v) for k, v in headers).get("x-page-cache", "")
        r = results[name]
        log(f"  {server.name:8} {name:28} {r['rps']:8.0f} req/s  p99 {r['p99']:6.1f} ms")
    first, last = results.pop("floor first"), results.pop("floor last")
    results["floor"] = {
        key: (first[key] + last[key]) / 2 if key in ("rps", "p50", "p99") else first[key]
        for key in first
    }
    results["floor"]["non2xx"] = first["non2xx"] + last["non2xx"]
    floor = results["floor"]["rps"]
    for r in results.values():
        r["ratio"] = r["rps"] / floor if floor else 0
    return results


# --- search, weight -------------------------------------------------------------------


def timed(paths):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    times, statuses = [], set()
    deadline = time.monotonic() + PAGE_SEARCH_SECONDS
    for path in paths:
        if times and time.monotonic() > deadline:
            break
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        statuses.add(response.status)
    conn.close()
    times.sort()
    return {
        "p50": times[len(times) // 2],
        "p95": times[math.ceil(0.95 * len(times)) - 1],
        "n": len(times),
        "statuses": sorted(statuses),
    }


def search_latency(reports_url, terms):
    selective = [f"{reports_url}?{urlencode({'q': term})}" for term in terms["rare"]]
    # Each rare term is in about 0.2 % of the reports (generate_bench_data).
    frequent = f"{reports_url}?{urlencode({'q': terms['frequent']})}"
    for path in [*selective, frequent]:  # warm-up: PostgreSQL's buffers, first requests
        get(path)
    return {
        "selective": timed(selective[i % len(selective)] for i in range(SEARCH_QUERIES)),
        "frequent": timed(frequent for _ in range(SEARCH_QUERIES)),
    }


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and "stylesheet" in attrs.get("rel", ""):
            self.urls.append(attrs["href"])
        elif tag == "link" and attrs.get("href") and "icon" in attrs.get("rel", ""):
            self.urls.append(attrs["href"])
        elif tag in ("img", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(path):
    """Bytes on the wire for the page and everything it loads (compressed when offered)."""
    accept = {"Accept-Encoding": "gzip, br"}
    status, headers, html = get(path, accept)
    parser = Assets()
    parser.feed(html.decode("utf-8", "replace"))
    total, js_wire, js_raw = len(html), 0, 0
    seen = set()
    queue = [(u, False) for u in parser.urls] + [(u, True) for u in parser.scripts]
    while queue:
        url, is_js = queue.pop()
        url = urljoin(path, url)
        if url in seen or urlsplit(url).netloc not in ("", f"127.0.0.1:{PORT}"):
            continue
        seen.add(url)
        _, _, body = get(urlsplit(url).path, accept)
        total += len(body)
        if is_js:
            js_wire += len(body)
            js_raw += len(get(urlsplit(url).path)[2])
        if url.endswith(".css"):  # images and fonts the stylesheet pulls in
            raw = get(urlsplit(url).path)[2].decode("utf-8", "replace")
            queue += [(urljoin(url, u), False) for u in re.findall(r"url\(['\"]?([^'\")]+)", raw)]
    return {"status": status, "html": len(html), "total": total, "js": js_wire, "js_raw": js_raw}


# --- report ------------------------------------------------------------------------


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    pg = subprocess.run(
        [PY, "manage.py", "shell", "-c",
         "from django.db import connection as c;c.ensure_connection();print(c.pg_version)"],
        cwd=ROOT, env=ENV, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1:]  # fmt: skip
    pg = pg[0] if pg else ""
    pg = f"{int(pg) // 10000}.{int(pg) % 10000}" if pg.isdigit() else "?"
    return (
        f"{os.cpu_count()} CPU ({cpu}), {mem / 1024 / 1024:.0f} GB RAM, "
        f"Python {platform.python_version()}, PostgreSQL {pg}"
    )


def verdict(ms, target):
    return "PASS" if ms <= target else "**FAIL**"


def table(state, runs, search, orm_search, weights, rss):
    q1, q10 = state["q1"]["pages"], state["q10"]["pages"]
    names = list(state["q1"]["urls"]) + ["floor"]
    qf = state["qfinal"]["pages"]
    head = "| page | status | SQL 1× | SQL 10× | SQL 100k | ms alone (SQL ms) |"
    rule = "|---|---|---:|---:|---:|---:|"
    for mode in runs:
        head += f" req/s {mode} | p50 ms | p99 ms | non-2xx | × floor |"
        rule += "---:|---:|---:|---:|---:|"
    lines = [head, rule]
    for name in names:
        first = next(iter(runs.values()))[name]
        row = f"| {name} | {first['status']} | {q1.get(name, {}).get('queries', '–')} | "
        row += f"{q10.get(name, {}).get('queries', '–')} |"
        row += f" {qf.get(name, {}).get('queries', '–')} |"
        alone = qf.get(name, {})
        row += f" {alone['ms']:.1f} ({alone['sql_ms']:.1f}) |" if "ms" in alone else " – |"
        for results in runs.values():
            r = results[name]
            row += f" {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['non2xx']} |"
            row += f" {r['ratio']:.2f} |"
        lines.append(row)
    sizes = state["sizes_final"]
    lines += [
        "",
        f"Data under load: {sizes['Report']:,} reports, {sizes['FriendshipGroup']:,} groups, "
        f"{sizes['Senator']:,} senators, {sizes['Membership']:,} memberships, "
        f"{sizes['Mission']:,} missions, {sizes['NewsItem']:,} news "
        f"(1× = demo: {state['sizes_1x']['FriendshipGroup']} groups, "
        f"{state['sizes_1x']['Report']} reports; 10×: {state['sizes_10x']['FriendshipGroup']} "
        f"groups, {state['sizes_10x']['Report']} reports). Archive generated in "
        f"{state['archive_seconds']} s.",
        f"Pages: group `{state['q1']['urls']['group page']}`, country "
        f"`{state['q1']['urls']['country page']}`; wrk {CONNECTIONS} connections, 2 threads, "
        f"{DURATION} s per page after a 2 s warm-up; gunicorn {WORKERS} sync workers, DEBUG off.",
        "",
        f"Search at {orm_search['total']:,} published reports, through the ORM "
        "(what the reports page asks the database for "
        "`?q=`: `Report.objects.published().for_list().search()`, its count, the first 20 "
        "results and their headlines; bench/searchtime.py): selective terms "
        f"({orm_search['selective']['matches']:,} matches on average, "
        f"{orm_search['selective']['n']} searches) p95 "
        f"**{orm_search['selective']['p95']:.0f} ms** (p50 {orm_search['selective']['p50']:.0f}); "
        f"most frequent term « coopération » ({orm_search['frequent']['matches']:,} matches, "
        f"{orm_search['frequent']['n']} searches in {SEARCH_SECONDS:.0f} s) p95 "
        f"**{orm_search['frequent']['p95']:.0f} ms** (p50 {orm_search['frequent']['p50']:.0f}).",
        "The site search's queries for the same terms (every kind, its count and first rows; "
        "bench/searchtime.py; targets p95 50 ms and 150 ms): selective p95 "
        f"**{orm_search['site_selective']['p95']:.0f} ms** "
        f"(p50 {orm_search['site_selective']['p50']:.0f}, {orm_search['site_selective']['n']} "
        f"searches) {verdict(orm_search['site_selective']['p95'], 50)}; most frequent p95 "
        f"**{orm_search['site_frequent']['p95']:.0f} ms** "
        f"(p50 {orm_search['site_frequent']['p50']:.0f}, {orm_search['site_frequent']['n']} "
        f"searches) {verdict(orm_search['site_frequent']['p95'], 150)}. Their CPU (Python) "
        f"and SQL times, which a loaded machine inflates less: selective CPU p95 "
        f"{orm_search['site_selective']['cpu_p95']:.0f} ms, SQL p95 "
        f"{orm_search['site_selective']['sql_p95']:.0f} ms; most frequent CPU p95 "
        f"{orm_search['site_frequent']['cpu_p95']:.0f} ms, SQL p95 "
        f"{orm_search['site_frequent']['sql_p95']:.0f} ms (load average "
        f"{orm_search['load_average'][0]}).",
        "The whole reports page with the search (timed HTTP requests, one connection, page "
        f"cache off): selective p95 {search['selective']['p95']:.0f} ms "
        f"({search['selective']['n']} requests), most frequent p95 "
        f"{search['frequent']['p95']:.0f} ms ({search['frequent']['n']} requests).",
        "",
        "Back office home (dashboard, GET /admin/ in-process, bench/dashboardtime.py; "
        "target < 100 ms at 10×): "
        + "; ".join(
            f"{label} p95 **{d['p95']:.0f} ms** (p50 {d['p50']:.0f}, {d['queries']} queries)"
            for label, d in (
                ("10×", state.get("dashboard_10x")),
                (f"{sizes['Report']:,} reports", state.get("dashboard_final")),
            )
            if d
        ),
        "",
        "Peak RSS per worker (VmHWM): "
        + ", ".join(f"{mode} {mb:.0f} MB" for mode, mb in rss.items() if mb),
        "",
    ]
    for name, w in weights.items():
        lines.append(
            f"Weight of {name} (HTML + CSS/JS/images, compressed as served): "
            f"{w['total'] / 1024:.1f} KB (HTML {w['html'] / 1024:.1f} KB); "
            f"JavaScript {w['js'] / 1024:.1f} KB on the wire, {w['js_raw'] / 1024:.1f} KB raw."
        )
    return "\n".join(lines)


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: install Debian's wrk package (make bench does it as root).")
    started = time.monotonic()
    log("collectstatic (production storage: hashed, compressed)")
    manage("collectstatic", "--no-input", "-v", "0")
    state = build_data()
    urls = state["q1"]["urls"]
    floor_env = {"SENAT_BENCH_FLOOR": urls["group page"]}

    log(f"search through the ORM: {SEARCH_QUERIES} searches per term")
    out = subprocess.run(
        [PY, str(BENCH / "searchtime.py"), str(SEARCH_QUERIES), str(SEARCH_SECONDS)],
        cwd=ROOT, env=ENV, check=True, capture_output=True, text=True,
    )  # fmt: skip
    orm_search = json.loads(out.stdout.strip().splitlines()[-1])
    log("country dossier PDF: uncached and cached (bench/dossier.py)")
    out = subprocess.run(
        [PY, str(BENCH / "dossier.py")], cwd=ROOT, env=ENV, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    dossier = json.loads(out.stdout.strip().splitlines()[-1])
    log("open-data API and CSV (bench/opendata.py)")
    out = subprocess.run(
        [PY, str(BENCH / "opendata.py")],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    api_table = out.stdout.strip().split("\n", 1)[1]
    log("CPU time per request beside the floor, in one process (bench/cputime.py)")
    cpu_json = BENCH / "results-cpu.json"
    out = subprocess.run(
        [PY, str(BENCH / "cputime.py"), "--no-build", "--json", str(cpu_json)],
        cwd=ROOT, env=ENV, check=True, capture_output=True, text=True,
    )  # fmt: skip
    cpu_table = out.stdout.strip().split("\n", 1)[1].strip()
    cpu = json.loads(cpu_json.read_text())["cpu"]
    log("the back office's dashboard at the final data")
    state["dashboard_final"] = dashboard_time()
    load_before = os.getloadavg()
    runs, rss, search, weights = {}, {}, None, {}
    modes = [("no cache", {"SENAT_PAGE_CACHE": "0"}), ("cache", {"SENAT_PAGE_CACHE": "1"})]
    redis = None
    if os.environ.get("BENCH_REDIS", "1") == "1" and shutil.which("redis-server"):
        redis = subprocess.Popen(
            ["redis-server", "--port", str(PORT + 4), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        redis_url = f"redis://127.0.0.1:{PORT + 4}/0"
        modes.append(("cache+Redis", {"SENAT_PAGE_CACHE": "1", "REDIS_URL": redis_url}))
    try:
        for mode, env in modes:
            log(f"server: {mode}")
            server = Server(mode.replace(" ", "-").replace("+", "-"), **floor_env, **env)
            try:
                runs[mode] = load_pages(server, urls)
                if mode == "no cache":
                    log(f"search: {SEARCH_QUERIES} timed requests per term")
                    search = search_latency(urls["reports list"], state["q1"]["terms"])
                    for name in ("home", "group page", "map page"):
                        weights[name] = page_weight(urls[name])
                rss[mode] = server.peak_rss_mb()
            finally:
                server.stop()
    finally:
        if redis:
            redis.terminate()
            redis.wait()
        shutil.rmtree(STAMP_DIR, ignore_errors=True)

    soak_text, soak_result = "", None
    if soak.SECONDS > 0:
        log(f"soak: {soak.SECONDS} s of varied URLs, page cache on")
        soak_result = soak.soak(ENV)
        soak_text = soak.markdown(soak_result)

    stamp = time.strftime("%Y%m%d-%H%M%S")
    report = (
        f"# Benchmark {time.strftime('%Y-%m-%d %H:%M')}\n\n"
        f"Machine: {machine()}; load average {load_before[0]:.1f} before the load tests, "
        f"{os.getloadavg()[0]:.1f} after.\n\n"
        f"{table(state, runs, search, orm_search, weights, rss)}\n\n"
        f"## CPU time per request (bench/cputime.py)\n\n{cpu_table}\n\n"
        f"Country dossier PDF `{dossier['url']}` ({dossier['pages']} pages, "
        f"{dossier['pdf_kb']} KB; targets ≤ 3 s uncached, ≤ 50 ms cached): uncached median "
        f"**{dossier['uncached_ms_median']} ms** (max {dossier['uncached_ms_max']}), cached "
        f"median **{dossier['cached_ms_median']} ms** (p95 {dossier['cached_ms_p95']}; the HTML "
        f"alone {dossier['html_ms_median']} ms), from the page cache "
        f"**{dossier['page_cache_ms_median']} ms** (p95 {dossier['page_cache_ms_p95']}).\n\n"
        f"## Open-data API and CSV (bench/opendata.py)\n\n{api_table}\n\n"
        f"{soak_text}\n\n"
        f"Whole run: {(time.monotonic() - started) / 60:.1f} min.\n"
    )
    out = BENCH / f"results-{stamp}.md"
    out.write_text(report)
    (BENCH / "results-latest.json").write_text(
        json.dumps(
            {
                "cpu": cpu,
                "runs": runs,
                "search": search,
                "orm_search": orm_search,
                "weights": weights,
                "rss": rss,
                "dossier": dossier,
                "soak": soak_result,
            },
            indent=1,
        )
    )
    print()
    print(report)
    log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
