"""The content generation: a stamp that changes whenever public content may have changed.

Any save, delete or many-to-many change of a content model, any POST by a staff member
and the Senate's bulk import bump it (the wiring connects those signals:
senat_groups/cache.py). What was rendered from content in one generation can be served
again until the stamp moves: whole pages (the page cache, senat_groups/cache.py) and the
fragments of a page that depend on content only (``{% content_fragment %}``,
core/templatetags/site.py).

Where the generation lives:
- with a shared cache (Redis, when ``REDIS_URL`` is set) it is a cache key, read
  together with the cached item in one round trip, so every app server agrees;
- with a per-process local-memory cache it is a small file
  (``PAGE_CACHE_STAMP_FILE``): the gunicorn workers of one machine do not share
  their memory, but they all see the file, and an ``os.stat()`` costs microseconds.
"""

import hashlib
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import EmptyResultSet
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "page-cache:generation"
# The pages of a list that are kept, as written in its links (``browsing_key``): « 01 »
# is not one, and nobody browses past the thousandth.
KEPT_PAGES = frozenset(str(number) for number in range(1, 1001))
logger = logging.getLogger(__name__)


def default_cache():
    # The backend itself: django.core.cache.cache is a proxy, so isinstance() fails on it.
    return caches["default"]


def per_process(cache):
    """True for a cache each worker holds in its own memory (not shared)."""
    return isinstance(cache, LocMemCache) or getattr(cache, "per_process", False)


def _stamp_file():
    return Path(settings.PAGE_CACHE_STAMP_FILE)


def bump_generation():
    """Make everything rendered so far stale (call after writes that send no signal)."""
    cache = default_cache()
    # This branch and the one in generation_and_entry() are not speed tricks: a
    # per-process cache cannot hold the generation, since a bump in one gunicorn worker
    # would never reach the others (test_cache.py, "...in another worker...").
    if per_process(cache):
        path = _stamp_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(str(time.time_ns()))
        os.replace(tmp, path)  # atomic, and a new inode each time
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted or never set: start from a value never used before
        cache.set(GENERATION_KEY, time.time_ns(), None)


def generation_and_entry(key):
    """(the current generation, the value cached under ``key`` or None), in one round trip
    to a shared cache."""
    cache = default_cache()
    if per_process(cache):
        try:
            st = os.stat(_stamp_file())
            generation = f"{st.st_ino}:{st.st_mtime_ns}"
        except FileNotFoundError:
            generation = "0"
        return generation, cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY)
    return generation, found.get(key)


def for_generation(key, build):
    """``build()``'s value, kept under ``key`` until the content generation moves.

    For what depends on the published content only (never on the request, the user or
    a draft): the caller puts in ``key`` everything else it depends on, the language
    first. It also expires after ``PAGE_CACHE_SECONDS``, as cached pages do, since
    scheduled content appears without an edit. A cache that is down costs a rebuild,
    never the page.
    """
    try:
        generation, entry = generation_and_entry(key)
    except Exception:
        logger.exception("content cache unavailable")
        return build()
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    try:
        default_cache().set(key, (generation, value), settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("content cache unavailable")
    return value


def rows_for_generation(queryset):
    """``list(queryset)``, kept until the content generation moves (``for_generation``).

    For the rows a public page reads from published content only, the same for every
    visitor: a list's filter menus, the make-up of all the groups. The key is the
    query's own SQL and parameters (with the database and the language), so two
    querysets share an entry only when they ask the same thing; a date in the query
    (what is current today) makes a new entry the next day. Meant for ``values()`` /
    ``values_list()`` rows: model instances are pickled into the cache whole.

    Between two edits the lists run fewer queries (groups 8 -> 4, senators 7 -> 4,
    reports 5 -> 3) and, with the menus' faster options (core.filters.Select), took less
    CPU: groups list 55 -> 51 ms, senators list 95 -> 80, reports list 45 -> 38
    (bench/cputime.py's pages, 10× data, back to back, load 8, 2026-12-07). Compiling
    the query for the key costs about 1 ms on the make-up's; it still pays.
    """
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return []
    text = repr((get_language(), queryset.db, sql, params))
    key = f"content-rows:{hashlib.sha256(text.encode()).hexdigest()}"
    return for_generation(key, lambda: list(queryset))


def browsing_key(request, name, **bounded):
    """The name a public list's body (``{% content_fragment %}``, core.paging.list_page) or
    an API list's data (api.views.ReadOnlyViewSet.list) is kept under while the visitor
    browses it page by page, or None when the request asks for anything else.

    Browsing shows published content only, the same to everyone, so the body is kept per
    content generation, language, day (a term ends with a day) and page, like a group's
    page. ``bounded`` names the other parameters that may be kept, each with its valid
    values (the senators' letter bar); a filter with free text or any other parameter is
    rendered for the request alone, so a visitor cannot fill the cache with keys.
    """
    parts = [name, str(timezone.localdate())]
    valid = {"page": KEPT_PAGES, **bounded}
    for param, values in sorted(request.GET.lists()):
        if len(values) > 1 or values[0] not in valid.get(param, ()):
            return None
        parts.append(f"{param}={values[0]}")
    return ":".join(parts)
