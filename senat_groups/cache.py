"""Whole-page cache for anonymous visitors, per language, invalidated on every edit.

Public pages change only when staff edit content, so a page rendered once can be
served from the cache until the next edit. Each stored page carries the *content
generation* it was rendered in; any save, delete or many-to-many change of a
content model (the apps named in ``settings.PAGE_CACHE_APPS``), and any
POST by a staff member (admin actions that use ``QuerySet.update()`` send no
signal), bump the generation, and every page stored before is then ignored.

The generation is core's (core/generation.py: a Redis key, or with the default
per-process cache a file that every worker sees); the page fragments that depend on
content only are kept under the same generation (``{% content_fragment %}``).

Scheduled content (``published_at`` in the future) appears without any edit, so
pages also expire after ``PAGE_CACHE_SECONDS``.

Only language-prefixed pages (``/fr/...``, ``/en/...``) are cached; never the
admin, health checks or static files.

The key holds only the query parameters the page understands (its view's
``query_params``, see ``core.filters.query_params``), sorted, without empty
values; the others are dropped from the request before the view runs, so the page
stored is exactly the page for that key. Otherwise ``/fr/?x=1``, ``/fr/?x=2``...
would each be a cache miss and a new entry: anyone could defeat the cache and fill
the memory. The default local-memory cache is bounded by the bytes it holds
(``BoundedLocMemCache``), not only by its number of entries: a worker held up to
5,000 pages of ~55 KB each. A request with a session, messages or
Authorization header is never served from or stored in the cache, and a response
is stored only when it is a 200 that sets no cookie and does not vary on Cookie.
"""

import hashlib
import logging
import pickle
import time
from importlib import import_module
from threading import Lock
from urllib.parse import urlencode

import cachetools
from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.base import BaseCache
from django.db.models.signals import m2m_changed
from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.http import HttpResponse
from django.http import QueryDict
from django.urls import Resolver404
from django.urls import resolve
from django.utils import translation
from django.utils.cache import cc_delim_re
from django.utils.module_loading import import_string
from django.utils.translation import get_language_from_path

from senat_groups.replica import fence_replica_reads

logger = logging.getLogger(__name__)


def connect_signals():
    """Invalidate the page cache whenever a model of settings.PAGE_CACHE_APPS changes.

    Called once by senat_groups/apps.py, so that the apps never import the wiring.
    """
    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{name}")
    # Bulk writes (the Senate's import) send no post_save: the signals they send instead
    # are named in settings.PAGE_CACHE_BULK_SIGNALS, so that the wiring imports no app.
    for path in settings.PAGE_CACHE_BULK_SIGNALS:
        import_string(path).connect(_bulk_written, dispatch_uid=f"page-cache-{path}")


def content_generation():
    """The content generation's module (settings.CONTENT_GENERATION): the wiring names the
    apps it uses in settings only."""
    return import_module(settings.CONTENT_GENERATION)


def _bulk_written(sender, **kwargs):
    _bump_or_log()


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in settings.PAGE_CACHE_APPS:
        _bump_or_log()
        # The next pages must not be rendered from a replica that lacks this change.
        fence_replica_reads()


def _bump_or_log():
    # An edit must not fail because the cache server is down; cached pages then
    # expire after PAGE_CACHE_SECONDS at the latest.
    try:
        content_generation().bump_generation()
    except Exception:
        logger.exception("page cache generation not bumped")


def understood_params(path, language):
    """The query parameters the view at ``path`` declared (``query_params``); none if unknown."""
    try:
        with translation.override(language):  # translated paths resolve in their language
            match = resolve(path)
    except Resolver404:
        return frozenset()
    return getattr(match.func, "query_params", frozenset())


def normalise_query(request, language):
    """Keep only the parameters the page understands, sorted, without empty values.

    The request is rewritten to match (``GET`` and ``QUERY_STRING``), so the view,
    its pagination and language links see exactly what the cache key says.
    """
    understood = understood_params(request.path_info, language)
    pairs = [
        (name, value)
        for name in sorted(understood.intersection(request.GET))
        for value in request.GET.getlist(name)
        if value.strip()
    ]
    query = urlencode(pairs)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def _page_key(request):
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page-cache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable_language(request):
    """The page's language when the request may be served from the cache, else None."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    return get_language_from_path(request.path_info)


def _response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    if "cookie" in vary or "*" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve and store whole public pages, with the headers of the middleware below.

    Place it near the top (only the request-id middleware above it): a hit then skips
    the rest of the stack. The scheme is part of the key, so a plain-http request
    never gets an https page: it misses, and SecurityMiddleware redirects it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _cacheable_language(request) if settings.PAGE_CACHE_ENABLED else None
        if language is None:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            # Also with the page cache off: the content fragments keep the generation.
            if request.method not in ("GET", "HEAD", "OPTIONS") and user and user.is_staff:
                _bump_or_log()
                fence_replica_reads()
            return response

        normalise_query(request, language)
        key = _page_key(request)
        try:
            generation, entry = content_generation().generation_and_entry(key)
        except Exception:  # a cache server down must not take the site down with it
            logger.exception("page cache unavailable")
            return self.get_response(request)
        if entry is not None and entry[0] == generation:
            _, content, headers = entry
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if request.method == "GET" and _response_is_cacheable(response):
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "x-page-cache"]
            try:
                content_generation().default_cache().set(
                    key, (generation, response.content, headers), settings.PAGE_CACHE_SECONDS
                )
                response["X-Page-Cache"] = "miss"
            except Exception:
                logger.exception("page cache unavailable")
        return response


# --- The local-memory cache, bounded by size -------------------------------------------


class BoundedLocMemCache(BaseCache):
    """A per-process memory cache bounded by the bytes it holds as well as by entries.

    ``OPTIONS["MAX_BYTES"]`` caps the pickled values plus keys; past it, the least
    recently used entries go first (cachetools' ``LRUCache`` weighs each entry with
    ``getsizeof``). Django's LocMemCache counts entries only, and whole pages of tens
    of kilobytes each made every worker grow by hundreds of megabytes before its
    5,000-entry cap was reached. Built on Django's public ``BaseCache`` API only; like
    LocMemCache, caches of one name share their store within a process.
    """

    pickle_protocol = pickle.HIGHEST_PROTOCOL
    per_process = True  # core.generation keeps the generation in a file beside it

    def __init__(self, name, params):
        super().__init__(params)
        max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 32 * 1024 * 1024))
        with _stores_lock:
            self._store, self._lock = _stores.setdefault(
                name, (cachetools.LRUCache(maxsize=max_bytes, getsizeof=_entry_size), Lock())
            )

    @property
    def size_in_bytes(self):
        return self._store.currsize

    def keys(self):
        """The keys held now (expired ones included until read), for checks and tests."""
        with self._lock:
            return list(self._store)

    def _live(self, key):
        """The pickled value under ``key`` if it has not expired (holding the lock)."""
        entry = self._store.get(key)  # a hit makes it the most recently used
        if entry is None:
            return None
        expires, _, value = entry
        if expires is not None and expires <= time.time():
            del self._store[key]
            return None
        return value

    def _put(self, key, value, timeout):
        timeout = self.get_backend_timeout(timeout)
        if timeout is not None and timeout <= 0:
            self._store.pop(key, None)
            return
        entry = (None if timeout is None else time.time() + timeout, key, value)
        try:
            self._store[key] = entry
        except ValueError:  # larger than the whole cache: not kept
            self._store.pop(key, None)
        if len(self._store) > self._max_entries:
            self._store.popitem()  # the least recently used

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self._lock:
            if self._live(key) is not None:
                return False
            self._put(key, pickled, timeout)
            return True

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            value = self._live(key)
        return default if value is None else pickle.loads(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self._lock:
            self._put(key, pickled, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            value = self._live(key)
            if value is None:
                return False
            self._put(key, value, timeout)
            return True

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._store.pop(key, None) is not None

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._live(key) is not None

    def clear(self):
        with self._lock:
            self._store.clear()


_stores = {}  # cache name -> (LRUCache, Lock), shared by the caches of one name
_stores_lock = Lock()


def _entry_size(entry):
    _, key, value = entry
    return len(value) + len(key)
