"""The country dossier's PDF: time uncached (WeasyPrint renders it) and cached.

Run by bench/run.py in its own process against the benchmark database, production
settings (DEBUG off), page cache off so that the dossier's own PDF cache is what gets
measured (a hit still renders the dossier's HTML, whose hash is the key: its time is
printed too); with the page cache on, as in production, an anonymous visitor's next
request is a page-cache hit instead (measured too). Prints one JSON object.

    python bench/dossier.py [CODE]    # default: the covered country with most content
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senat_groups.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from groups.models import Country  # noqa: E402

UNCACHED_RUNS = 5
CACHED_RUNS = 50


def timed(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, response


def main():
    if len(sys.argv) > 1:
        code = sys.argv[1].lower()
    else:
        country = (
            Country.objects.covered()
            .annotate(n=Count("missions", distinct=True) + Count("reports", distinct=True))
            .order_by("-n", "code")
            .first()
        )
        code = country.code.lower()
    url = f"/fr/pays/{code}/dossier/pdf/"
    client = Client(HTTP_HOST="localhost")
    with override_settings(PAGE_CACHE_ENABLED=False):
        timed(client, f"/fr/pays/{code}/dossier/")  # imports, template loading
        uncached, size, pages = [], 0, 0
        for _ in range(UNCACHED_RUNS):
            cache.clear()
            ms, response = timed(client, url)
            uncached.append(ms)
            size = len(response.content)
        from io import BytesIO

        from pypdf import PdfReader

        pages = len(PdfReader(BytesIO(response.content)).pages)
        cached = sorted(timed(client, url)[0] for _ in range(CACHED_RUNS))
        html = sorted(timed(client, url.replace("pdf/", ""))[0] for _ in range(CACHED_RUNS))
    with override_settings(PAGE_CACHE_ENABLED=True):
        timed(client, url)  # stored by the page cache
        page_cached = sorted(timed(client, url)[0] for _ in range(CACHED_RUNS))
    result = {
        "url": url,
        "pdf_kb": round(size / 1024, 1),
        "pages": pages,
        "uncached_ms_median": round(statistics.median(uncached)),
        "uncached_ms_max": round(max(uncached)),
        "cached_ms_median": round(statistics.median(cached), 1),
        "cached_ms_p95": round(cached[int(len(cached) * 0.95) - 1], 1),
        "html_ms_median": round(statistics.median(html), 1),
        "page_cache_ms_median": round(statistics.median(page_cached), 1),
        "page_cache_ms_p95": round(page_cached[int(len(page_cached) * 0.95) - 1], 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
