"""Uncached page time in one process, for A/B comparisons of a code change.

Runs against the benchmark database that `make bench` builds (senat_bench, or
DATABASE_URL), with the page cache off, through Django's test client: no HTTP server,
no load generator, so that two runs taken back to back on the same machine compare one
change and little else. Prints one line per page: the median wall time and the median
CPU time of this process (Python's share of the page: what a change in Python code
moves, and what load from other processes on the machine disturbs least) over
--rounds requests (pages interleaved round by round, so a burst of load elsewhere on
the machine hits every page alike), and a digest of the HTML (the same digest in A and
B: the change did not change the page).

    python bench/ab.py [--rounds 40] [--html DIR]

Used for the speed tricks' comments (reverse_with, the map's markup memo, ...): run it,
switch the code, run it again, and once more each way.
"""

import argparse
import hashlib
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["SENAT_PAGE_CACHE"] = "0"

import django  # noqa: E402

django.setup()
logging.getLogger("senat_groups.request").setLevel(logging.WARNING)

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from bench.cputime import page_urls  # noqa: E402
from bench.cputime import pick_group  # noqa: E402
from groups.models import Senator  # noqa: E402


def urls():
    group, country = pick_group()
    pages = page_urls(group, country)
    del pages["search, most frequent term"]  # search time is bench/searchtime.py's
    senator = Senator.objects.filter(memberships__isnull=False).order_by("slug").first()
    with translation.override("fr"):
        pages["senator page"] = reverse("portal:senator-detail", kwargs={"slug": senator.slug})
        pages["news list"] = reverse("reports:news-list")
        pages["missions list"] = reverse("missions:list")
    with translation.override("en"):
        pages["group page (en)"] = reverse("portal:group-detail", kwargs={"slug": group})
    return pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--html", help="write each page's HTML into this folder")
    args = parser.parse_args()
    pages = urls()
    client = Client(HTTP_HOST="127.0.0.1")
    digests = {}
    times, cpu = {name: [] for name in pages}, {name: [] for name in pages}
    for name, url in pages.items():  # warm up; record what the page says
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        # The CSP nonce changes on every request: it is left out of the digest.
        html = re.sub(rb'nonce="[^"]*"', b"", response.content)
        digests[name] = hashlib.sha256(html).hexdigest()[:12]
        if args.html:
            Path(args.html).mkdir(parents=True, exist_ok=True)
            Path(args.html, name.replace(" ", "_") + ".html").write_bytes(html)
    for _ in range(args.rounds):
        for name, url in pages.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
            times[name].append((time.perf_counter() - started) * 1000)
    for name in pages:
        print(
            f"{name:24} wall {statistics.median(times[name]):7.2f} ms"
            f"  cpu {statistics.median(cpu[name]):7.2f} ms  html {digests[name]}"
        )


if __name__ == "__main__":
    main()
