import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from groups.models import FriendshipGroup
from senat_groups.cache import PageCacheMiddleware
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_news
from tests.helpers.public_urls import make_public_rows
from tests.helpers.public_urls import real_urls
from tests.servers import redis_caches


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "generation"
    cache.clear()


def _url(obj, lang="fr"):
    with translation.override(lang):
        return obj.get_absolute_url()


@pytest.mark.django_db
def test_second_anonymous_request_is_served_from_cache_without_queries(
    client, page_cache, django_assert_num_queries
):
    group = make_group(name_fr="France-Japon")
    first = client.get(_url(group))
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(_url(group))

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_head_request_is_served_from_the_cached_get(client, page_cache):
    group = make_group()
    client.get(_url(group))

    response = client.head(_url(group))

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("cache_fixture", ["page_cache", "redis_cache"], ids=["local", "redis"])
def test_edit_shows_on_the_next_request(client, request, cache_fixture):
    """In this process's own cache, and in Redis, which the servers share."""
    request.getfixturevalue(cache_fixture)
    group = make_group(name_fr="France-Japon")
    assert "France-Japon" in client.get(_url(group)).content.decode()
    assert client.get(_url(group))["X-Page-Cache"] == "hit"

    group.name_fr = "France-Nippon"
    group.save()

    response = client.get(_url(group))
    assert response["X-Page-Cache"] == "miss"
    assert "France-Nippon" in response.content.decode()


@pytest.mark.django_db
def test_change_in_another_app_invalidates_the_home_page(client, page_cache):
    client.get("/fr/")
    assert client.get("/fr/")["X-Page-Cache"] == "hit"

    make_news(title_fr="Une actualité nouvelle")

    assert client.get("/fr/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_many_to_many_change_invalidates(client, page_cache):
    group = make_group()
    client.get(_url(group))

    group.countries.add(make_country())

    assert client.get(_url(group))["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_deleted_group_is_404_on_the_next_request(client, page_cache):
    group = make_group()
    url = _url(group)
    assert client.get(url).status_code == 200

    group.delete()

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_unpublishing_without_signal_still_invalidates_on_staff_post(
    client, admin_client, page_cache
):
    group = make_group()
    url = _url(group)
    client.get(url)
    # An admin action may write with QuerySet.update(), which sends no signal.
    FriendshipGroup.objects.filter(pk=group.pk).update(status=FriendshipGroup.Status.DRAFT)
    assert client.get(url).status_code == 200  # still the cached page

    admin_client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_anonymous_post_does_not_invalidate(client, page_cache):
    group = make_group()
    client.get(_url(group))

    client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})

    assert client.get(_url(group))["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_an_edit_made_in_another_worker_is_seen_through_the_generation_file(
    client, page_cache, settings
):
    group = make_group()
    client.get(_url(group))
    assert client.get(_url(group))["X-Page-Cache"] == "hit"

    # Another gunicorn worker saving a group replaces the file (bump_generation()).
    stamp = settings.PAGE_CACHE_STAMP_FILE
    other = stamp.with_name("from-another-worker")
    other.write_text("another generation")
    os.replace(other, stamp)

    assert client.get(_url(group))["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_save_replaces_the_generation_file(page_cache, settings):
    group = make_group()
    before = os.stat(settings.PAGE_CACHE_STAMP_FILE)

    group.save()

    after = os.stat(settings.PAGE_CACHE_STAMP_FILE)
    assert (after.st_ino, after.st_mtime_ns) != (before.st_ino, before.st_mtime_ns)


@pytest.fixture
def redis_cache(settings, page_cache, redis_server):
    settings.CACHES = redis_caches(redis_server)


@pytest.mark.django_db
def test_pages_and_edits_still_work_when_the_cache_server_is_down(client, page_cache, redis_down):
    group = make_group(name_fr="France-Chili")

    group.name_fr = "France-Chili et Pérou"
    group.save()
    response = client.get(_url(group))

    assert response.status_code == 200
    assert "France-Chili et Pérou" in response.content.decode()
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_each_language_has_its_own_cached_page(client, page_cache):
    group = make_group(name_fr="France-Allemagne", name_en="France-Germany")
    client.get(_url(group, "fr"))
    client.get(_url(group, "en"))

    fr = client.get(_url(group, "fr"))
    en = client.get(_url(group, "en"))

    assert fr["X-Page-Cache"] == en["X-Page-Cache"] == "hit"
    assert fr["Content-Language"] == "fr"
    assert en["Content-Language"] == "en"
    assert "France-Allemagne" in fr.content.decode()
    assert "France-Germany" in en.content.decode()


@pytest.mark.django_db
def test_plain_http_request_is_still_redirected_when_the_https_page_is_cached(
    client, page_cache, settings
):
    settings.SECURE_SSL_REDIRECT = True
    group = make_group()
    client.get(_url(group), secure=True)
    assert client.get(_url(group), secure=True)["X-Page-Cache"] == "hit"

    response = client.get(_url(group))

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_query_string_is_part_of_the_key(client, page_cache):
    make_group()
    client.get("/fr/groupes/")

    response = client.get("/fr/groupes/?page=2")

    assert response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_logged_in_staff_never_get_nor_fill_the_cache(client, admin_client, page_cache):
    group = make_group()

    staff = admin_client.get(_url(group))
    assert "X-Page-Cache" not in staff

    assert client.get(_url(group))["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_request_with_a_session_or_messages_cookie_bypasses_the_cache(client, page_cache):
    group = make_group()
    client.get(_url(group))
    client.get(_url(group))

    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(_url(group))
    del client.cookies["messages"]
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get(_url(group))


@pytest.mark.django_db
def test_not_found_is_never_cached(client, page_cache, django_assert_max_num_queries):
    client.get("/fr/groupes/no-such-group/")

    response = client.get("/fr/groupes/no-such-group/")

    assert response.status_code == 404
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_admin_and_unprefixed_urls_are_never_cached(client, admin_client, page_cache):
    make_group()
    # An anonymous visitor with no cookie: only the language-prefix rule keeps the
    # sitemap (unprefixed, 200, no cookie, no Vary: Cookie) out of the cache...
    assert client.get("/sitemap.xml").status_code == 200
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    # ...while the same client's prefixed pages are cached.
    client.get("/fr/")
    assert client.get("/fr/")["X-Page-Cache"] == "hit"

    admin_client.get("/admin/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")


def _middleware_response(response_factory):
    request = RequestFactory().get("/fr/test/")
    request.LANGUAGE_CODE = "fr"
    middleware = PageCacheMiddleware(lambda request: response_factory())
    middleware(request)
    return middleware(RequestFactory().get("/fr/test/"))


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: _with_cookie(HttpResponse("x")),
        lambda: _with_header(HttpResponse("x"), "Vary", "Accept-Encoding, Cookie"),
        lambda: _with_header(HttpResponse("x"), "Cache-Control", "private"),
        lambda: HttpResponse("x", status=302),
        lambda: HttpResponse("x", status=500),
    ],
    ids=["sets-cookie", "varies-on-cookie", "private", "redirect", "error"],
)
def test_responses_that_are_personal_or_not_200_are_not_stored(page_cache, make_response):
    response = _middleware_response(make_response)

    assert response.get("X-Page-Cache") != "hit"


def test_plain_200_response_is_stored(page_cache):
    response = _middleware_response(lambda: HttpResponse("x"))

    assert response["X-Page-Cache"] == "hit"


def test_disabled_cache_stores_nothing(page_cache, settings):
    settings.PAGE_CACHE_ENABLED = False

    response = _middleware_response(lambda: HttpResponse("x"))

    assert "X-Page-Cache" not in response


def _with_cookie(response):
    response.set_cookie("csrftoken", "abc")
    return response


def _with_header(response, name, value):
    response[name] = value
    return response


# --- Key normalisation and the size bound (issue 10) -------------------------------------


def _cached_pages():
    from core.generation import default_cache

    return [key for key in default_cache().keys() if "page-cache:page:" in key]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "variants"),
    [
        ("/fr/", ["/fr/?x=123", "/fr/?page=2&utm_source=a", "/fr/?q=japon"]),
        (
            "/fr/groupes/?kind=regional&page=1",
            ["/fr/groupes/?page=1&kind=regional", "/fr/groupes/?x=1&kind=regional&zone=&page=1"],
        ),
        ("/en/search/?q=japan", ["/en/search/?q=japan&x=1", "/en/search/?page=3&q=japan"]),
        ("/fr/missions/", ["/fr/missions/?nonsense=%3Cscript%3E"]),
    ],
)
def test_unknown_parameters_share_the_page_of_the_known_ones(client, page_cache, first, variants):
    make_group(name_fr="France-Japon", name_en="France-Japan")
    assert client.get(first)["X-Page-Cache"] == "miss"
    for url in variants:
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit", url
    assert len(_cached_pages()) == 1


@pytest.mark.django_db
def test_parameters_a_page_understands_still_make_their_own_page(client, page_cache):
    make_group(kind=FriendshipGroup.Kind.REGIONAL, name_fr="France-Alpharégion")
    make_group(kind=FriendshipGroup.Kind.COUNTRY, name_fr="France-Betapays")
    regional = client.get("/fr/groupes/?kind=regional").content.decode()
    country = client.get("/fr/groupes/?kind=country").content.decode()
    assert "France-Alpharégion" in regional and "France-Betapays" not in regional
    assert "France-Betapays" in country and "France-Alpharégion" not in country
    assert len(_cached_pages()) == 2


@pytest.mark.django_db
def test_a_dropped_parameter_never_reaches_the_stored_page(client, page_cache):
    for i in range(25):  # more than one page of groups, so that pagination links show
        make_group(name_fr=f"France-Pays {i:02d}")
    first = client.get("/fr/groupes/?poison=zqxj&kind=country")
    assert first["X-Page-Cache"] == "miss"
    assert "zqxj" not in first.content.decode()
    assert "kind=country" in first.content.decode()  # the pagination keeps what it knows
    plain = client.get("/fr/groupes/?kind=country")
    assert plain["X-Page-Cache"] == "hit" and "zqxj" not in plain.content.decode()


class RecordingQueryDict(QueryDict):
    """A request's query that notes every parameter a view or its helpers look up."""

    read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def record_query_reads(get_response):
    """Middleware: the view gets a ``RecordingQueryDict`` for its query string."""

    def middleware(request):
        request.GET = RecordingQueryDict(request.META.get("QUERY_STRING", ""))
        return get_response(request)

    return middleware


@pytest.fixture
def query_reads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.record_query_reads"]
    RecordingQueryDict.read = set()
    return RecordingQueryDict.read


@pytest.mark.django_db
def test_every_view_declares_the_query_parameters_it_reads(client, query_reads):
    """The cache drops undeclared parameters: a view reading one would silently ignore it.

    Each public page is asked, with real rows, which parameters it (its filters, forms
    and helpers such as ``wants_csv``) looks up; each must be in its ``query_params``.
    """
    readers = set()
    for url in real_urls(make_public_rows()):
        query_reads.clear()
        response = client.get(url, secure=True)
        assert response.status_code < 500, url
        if response.resolver_match is None:
            continue
        view = response.resolver_match.func
        declared = getattr(view, "query_params", frozenset())
        assert query_reads <= set(declared), (url, sorted(query_reads - set(declared)))
        if query_reads:
            readers.add(view)
    assert len(readers) >= 10  # the list pages, their CSV, the search


def test_the_local_memory_cache_is_bounded_by_size(settings):
    from senat_groups.cache import BoundedLocMemCache

    store = BoundedLocMemCache("size-bound-test", {"OPTIONS": {"MAX_BYTES": 200_000}})
    store.clear()
    page = b"x" * 50_000
    for i in range(20):
        store.set(f"page-{i}", page)
    assert store.size_in_bytes <= 200_000
    assert store.get("page-19") == page  # the newest stay
    assert store.get("page-0") is None  # the oldest went first
    kept = [i for i in range(20) if store.get(f"page-{i}") is not None]
    assert kept == [17, 18, 19]  # 3 pickled pages of 50,000 bytes and their keys fit
    store.get("page-17")  # used: now the most recent
    store.set("page-20", page)
    assert store.get("page-17") == page and store.get("page-18") is None
    store.delete("page-17")
    store.set("page-17", b"small")
    assert store.size_in_bytes < 200_000
    store.clear()
    assert store.size_in_bytes == 0


def _settings_under(env):
    """The cache and session settings the project's settings module gives under ``env``,
    read in a new process (settings are computed once, at import)."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.CACHES['default'], settings.SESSION_ENGINE]))"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "SENAT_CACHE_MAX_MB")}
    env = {**base, "DJANGO_SETTINGS_MODULE": "senat_groups.settings", "DJANGO_DEBUG": "1", **env}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_default_cache_is_bounded_by_size_and_redis_replaces_it():
    cache, sessions = _settings_under({})
    assert cache["BACKEND"] == "senat_groups.cache.BoundedLocMemCache"
    assert cache["OPTIONS"]["MAX_BYTES"] == 8 * 1024 * 1024
    assert sessions == "django.contrib.sessions.backends.db"

    cache, _ = _settings_under({"SENAT_CACHE_MAX_MB": "12"})
    assert cache["OPTIONS"]["MAX_BYTES"] == 12 * 1024 * 1024

    # With Redis the cache is shared, and Redis bounds itself (maxmemory, docs/deployment.md);
    # sessions stay in the database alone, so that a Redis outage cannot touch them
    # (test_replica).
    cache, sessions = _settings_under({"REDIS_URL": "redis://127.0.0.1:6399/0"})
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert sessions == "django.contrib.sessions.backends.db"


@pytest.mark.django_db
def test_the_cooperation_list_filters_with_the_page_cache_on(client, page_cache):
    from tests.factories import make_agreement
    from tests.factories import make_foreign_authority

    make_agreement(kind="twinning", foreign=[make_foreign_authority(name_fr="Erevan")])
    make_agreement(kind="friendship", foreign=[make_foreign_authority(name_fr="Kyoto")])
    page = client.get("/fr/cooperation/?kind=friendship").content.decode()
    assert "Kyoto" in page and "Erevan" not in page
    csv = b"".join(
        client.get("/fr/cooperation/?kind=friendship&format=csv").streaming_content
    ).decode()
    assert "Kyoto" in csv and "Erevan" not in csv
