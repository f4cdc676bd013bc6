"""`make bench-import`: manage.py import_sens on a generated export at the real scale.

1. generates var/bench-import/export_sens.zip (bench/sens_generate.py; generated people),
2. rebuilds its own database (``senat_bench_import`` on the local cluster, or
   BENCH_IMPORT_DATABASE_URL), migrates it and loads the zones and countries,
3. imports the export twice, each in its own process, and reports for each run the wall
   time, the peak memory of the process (VmHWM / ru_maxrss) and the rows written.

Targets (issue 11): first run ≤ 60 s and ≤ 300 MB; second run ≤ 30 s writing nothing.
The results go to bench/results-import-<timestamp>.md (git-ignored); the exit code is 1 if a target
is missed.
"""

import datetime
import json
import os
import subprocess
import sys
import time

import benchlib  # bench/benchlib.py, beside this file
from benchlib import PY
from benchlib import ROOT

WORK = ROOT / "var/bench-import"
DATABASE_URL = os.environ.get(
    "BENCH_IMPORT_DATABASE_URL",
    f"postgres://senat@127.0.0.1:{os.environ.get('SENAT_PG_PORT', '54329')}/senat_bench_import",
)
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-import-only"),
    "ALLOWED_HOSTS": "localhost",
}
TARGETS = {"first_s": 60, "first_mb": 300, "second_s": 30}

SEED_COUNTRIES = """
from portal.management.commands.load_demo import Loader
from groups.reference import read_fixture
from groups.models import Zone
loader = Loader()
zones = {z["slug"]: loader.add(Zone, {"slug": z["slug"]}, {k: v for k, v in z.items()
         if k != "slug"}) for z in read_fixture("demo.json")["zones"]}
loader.load_countries(zones)
"""

CHILD = """
import json, resource, sys, time, django
django.setup()
from django.core.management import call_command
start = time.perf_counter()
call_command("import_sens", sys.argv[1], "--no-progress", "--export-date", "2026-12-01",
             "--json", sys.argv[2], stdout=open("/dev/null", "w"))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak}))
"""


def log(message):
    benchlib.log("import", message)


def manage(*args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def import_once(export, number):
    report = WORK / f"report-{number}.json"
    wall = time.perf_counter()
    out = subprocess.run(
        [PY, "-c", CHILD, str(export), str(report)],
        cwd=ROOT,
        env={**ENV, "DJANGO_SETTINGS_MODULE": "senat_groups.settings"},
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - wall
    data = json.loads(report.read_text())
    result["rows_written"] = data["rows_written"]
    result["summary"] = data["summary"]
    result["rejected"] = sum(1 for r in data["rows"] if r["action"] == "rejected")
    return result


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    export = WORK / "export_sens.zip"
    log("generating the export")
    subprocess.run([PY, str(ROOT / "bench/sens_generate.py"), str(export)], check=True)
    log(f"rebuilding the database ({DATABASE_URL.rsplit('/', 1)[-1]})")
    benchlib.recreate_database(DATABASE_URL, "BENCH_IMPORT_DATABASE_URL")
    manage("migrate", "--no-input", "-v", "0")
    manage("shell", "-c", SEED_COUNTRIES)
    log("first import")
    first = import_once(export, 1)
    log(f"  {first['seconds']:.1f} s, {first['peak_mb']:.0f} MB, {first['rows_written']} rows")
    log("second import (same export)")
    second = import_once(export, 2)
    log(f"  {second['seconds']:.1f} s, {second['peak_mb']:.0f} MB, {second['rows_written']} rows")
    met = {
        "first run ≤ 60 s": first["seconds"] <= TARGETS["first_s"],
        "first run ≤ 300 MB": first["peak_mb"] <= TARGETS["first_mb"],
        "second run ≤ 30 s": second["seconds"] <= TARGETS["second_s"],
        "second run writes nothing": second["rows_written"] == 0,
    }
    load = os.getloadavg()[0]
    lines = [
        f"# import_sens benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {os.cpu_count()} CPU, load average {load:.1f}; "
        f"export {export.stat().st_size / 1e6:.1f} MB zipped.",
        "",
        "| run | seconds (import) | seconds (process) | peak MB | rows written | rejected rows |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {name} | {r['seconds']:.1f} | {r['wall_s']:.1f} | {r['peak_mb']:.0f} | "
            f"{r['rows_written']} | {r['rejected']} |"
            for name, r in (("first", first), ("second", second))
        ),
        "",
        "| target | met? |",
        "|---|---|",
        *(f"| {target} | {'yes' if ok else '**no**'} |" for target, ok in met.items()),
        "",
        "Figures of the first run (per table):",
        "",
        "| table | " + " | ".join(next(iter(first["summary"].values()))) + " |",
        "|---|" + "---:|" * len(next(iter(first["summary"].values()))),
        *(
            f"| {table} | " + " | ".join(str(v) for v in figures.values()) + " |"
            for table, figures in first["summary"].items()
        ),
    ]
    result = ROOT / f"bench/results-import-{datetime.datetime.now():%Y%m%d-%H%M%S}.md"
    result.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    log(f"written to {result.relative_to(ROOT)}")

    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
