"""The soak of `make bench`: 10 minutes of varied URLs against production settings.

gunicorn runs with production settings and the page cache on (each worker's own
local-memory cache, as in production without Redis); wrk sends, over 8 connections,
requests built by bench/wrk_soak.lua: the public list pages with random page numbers,
random search words (real and made up) and unknown parameters with random values. Every
BENCH_SOAK_SAMPLE seconds the resident memory (VmRSS) of each worker is read from /proc.

Targets (issue 10): no error; each worker under 150 MB and flat over the last 5 minutes
(grown by at most SOAK_FLAT_MB between the first and the last sample of the second half).
Before the cache was keyed on known parameters and bounded by size, workers grew by
about 40 MB a minute under this traffic.

Called by bench/run.py (on its benchmark database); run alone with
``.venv/bin/python bench/soak.py`` (DATABASE_URL or BENCH_DATABASE_URL chooses the
database, any database with the portal's tables will do; BENCH_SOAK_SECONDS shortens it).
Environment: BENCH_SOAK_SECONDS (600), BENCH_SOAK_SAMPLE (10), BENCH_SOAK_WORKERS (2),
BENCH_SOAK_PORT (8006).
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import benchlib  # bench/benchlib.py, beside this file
from benchlib import BENCH
from benchlib import GUNICORN
from benchlib import ROOT
from benchlib import child_pids
from benchlib import memory_mb

SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "600"))
SAMPLE = int(os.environ.get("BENCH_SOAK_SAMPLE", "10"))
WORKERS = int(os.environ.get("BENCH_SOAK_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_SOAK_PORT", "8006"))
CONNECTIONS = 8
TARGET_MB = 150
SOAK_FLAT_MB = 10


def _log(message):
    benchlib.log("soak", message)


def _wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def soak(env, seconds=SECONDS, workers=WORKERS, port=PORT):
    """Run the soak; returns {"samples": [[t, [rss...]]...], "wrk": {...}, "verdict": {...}}."""
    stamp_dir = Path(tempfile.mkdtemp(prefix="senat-soak-"))
    env = {
        **env,
        "DJANGO_DEBUG": "0",
        "SENAT_PAGE_CACHE": "1",
        "SECURE_SSL_REDIRECT": "0",
        "SENAT_PAGE_CACHE_STAMP_FILE": str(stamp_dir / "generation"),
    }
    env.pop("REDIS_URL", None)
    log = open(BENCH / "results-server-soak.log", "w")
    cmd = [GUNICORN, "--config", str(ROOT / "senat_groups" / "gunicorn.conf.py")]
    cmd += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    # Production recycles a worker every ~2,000 requests, which would hide a leak: off.
    cmd += ["--max-requests", "0"]
    server = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    samples = []
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        pids = child_pids(server.pid)
        _log(f"gunicorn workers {pids}; {seconds} s of varied URLs over {CONNECTIONS} connections")
        wrk = subprocess.Popen(
            ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s",
             "-s", str(BENCH / "wrk_soak.lua"), f"http://127.0.0.1:{port}/"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        started = time.monotonic()
        while wrk.poll() is None:
            elapsed = time.monotonic() - started
            rss = [memory_mb(pid) for pid in pids]
            samples.append([round(elapsed), [round(r, 1) if r else None for r in rss]])
            _log(f"t={elapsed:5.0f} s  RSS (MB): " + "  ".join(f"{r or 0:6.1f}" for r in rss))
            time.sleep(min(SAMPLE, max(seconds - elapsed + 1, 1)))
        out, err = wrk.communicate()
        if wrk.returncode:
            raise RuntimeError(f"wrk failed: {err}")
        samples.append([round(time.monotonic() - started), [memory_mb(pid) for pid in pids]])
        result = json.loads(out.strip().splitlines()[-1])
        restarted = child_pids(server.pid) != pids  # a worker killed (timeout, memory) shows
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return {"samples": samples, "wrk": result, "verdict": verdict(samples, result, restarted)}


def verdict(samples, wrk, restarted):
    errors = wrk["status_errors"] + wrk["socket_errors"]
    peak = max(r for _, rss in samples for r in rss if r)
    second_half = [s for s in samples if s[0] >= samples[-1][0] / 2]
    growth = max(
        (last or 0) - (first or 0)
        for first, last in zip(second_half[0][1], second_half[-1][1], strict=True)
    )
    return {
        "errors": errors,
        "restarted": restarted,
        "peak_mb": round(peak, 1),
        "second_half_growth_mb": round(growth, 1),
        "ok": errors == 0 and not restarted and peak < TARGET_MB and growth <= SOAK_FLAT_MB,
    }


def markdown(result):
    wrk, v = result["wrk"], result["verdict"]
    seconds = wrk["duration_us"] / 1e6
    workers = len(result["samples"][0][1])
    lines = [
        "## Soak: varied URLs, page cache on, production settings",
        "",
        f"{wrk['requests']:,} requests in {seconds:.0f} s ({wrk['requests'] / seconds:.0f} req/s), "
        f"p50 {wrk['p50_us'] / 1000:.1f} ms, p99 {wrk['p99_us'] / 1000:.1f} ms; "
        f"errors: {v['errors']} (HTTP ≥ 400 or socket); workers restarted: {v['restarted']}.",
        "",
        "| t (s) | " + " | ".join(f"worker {i + 1} RSS (MB)" for i in range(workers)) + " |",
        "|---|" + "---|" * workers,
    ]
    step = max(1, len(result["samples"]) // 20)
    shown = result["samples"][::step]
    if shown[-1] is not result["samples"][-1]:
        shown.append(result["samples"][-1])
    for t, rss in shown:
        lines.append(f"| {t} | " + " | ".join(f"{r:.1f}" if r else "-" for r in rss) + " |")
    lines += [
        "",
        f"Peak {v['peak_mb']} MB (target < {TARGET_MB}); growth over the second half "
        f"{v['second_half_growth_mb']} MB (target ≤ {SOAK_FLAT_MB}): "
        f"**{'PASS' if v['ok'] else 'FAIL'}**.",
    ]
    return "\n".join(lines)


def main():
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "senat_groups.settings")
    env.setdefault("SECRET_KEY", "soak-only-key-" + os.urandom(16).hex())
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    result = soak(env)
    text = markdown(result)
    out = BENCH / f"results-soak-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(text + "\n")
    print()
    print(text)
    _log(f"written to {out.relative_to(ROOT)}")
    sys.exit(0 if result["verdict"]["ok"] else 1)


if __name__ == "__main__":
    main()
