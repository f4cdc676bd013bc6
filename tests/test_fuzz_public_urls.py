"""Every public URL, driven with generated path values and query strings.

No answer may be a server error. (How fast pages answer is measured by `make bench`,
not here: wall time on a shared machine is no test.) The URLs
come from the public URL tree (portal/urls.py), so a page added later is fuzzed
without editing this file.
"""

import functools

import pytest
from django.urls import reverse
from django.urls.converters import IntConverter
from django.urls.converters import SlugConverter
from django.urls.converters import StringConverter
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from core.converters import CountryCodeConverter
from tests.helpers.public_urls import LANGUAGES
from tests.helpers.public_urls import make_public_rows
from tests.helpers.public_urls import public_routes
from tests.helpers.public_urls import real_urls

ROUTES = public_routes()

# What the parameters of our views are called, plus whatever else a crawler sends.
QUERY_KEYS = [
    "q", "page", "year", "country", "group", "zone", "kind", "status", "sort", "lang",
    "format", "type", "from", "to", "utm_source", "page[]", "q[]", "",
]  # fmt: skip
NASTY_VALUES = [
    "", "0", "-1", "1e309", "9" * 40, "NaN", "null", "true", "[]", "{}", "%", "%00", "\x00",
    "'", '"', "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "é" * 300,
    "🇫🇷", "\u202e", "a:b", "*", "&", "\\", "x" * 3000, "2024-02-30", " ", "\t\n",
]  # fmt: skip
query_values = st.one_of(
    st.sampled_from(NASTY_VALUES), st.text(max_size=40), st.integers().map(str)
)
query_params = st.lists(
    st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), st.text(max_size=10)), query_values),
    max_size=4,
)
# Path values the URL converters accept (anything else cannot be reversed, and the
# resolver would answer 404 before any view runs).
slug_values = st.from_regex(r"\A[-a-zA-Z0-9_]{1,60}\Z")
str_values = st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s)
int_values = st.integers(min_value=0, max_value=10**12)

# Django's test client and database are per test, not per example; a slow example is fine.
fuzzing = functools.partial(
    settings,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site_data(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_public_rows()


def path_value(converter, data):
    if isinstance(converter, IntConverter):
        return int_values
    if isinstance(converter, SlugConverter):
        return st.one_of(st.sampled_from(data["slug"]), slug_values)
    if isinstance(converter, CountryCodeConverter):
        return st.one_of(st.sampled_from(data["str"][:1]), st.from_regex(r"\A[a-z]{2}\Z"))
    if isinstance(converter, StringConverter):
        return st.one_of(st.sampled_from(data["str"]), str_values)
    raise AssertionError(f"no strategy for {converter!r}: add one")


def test_every_public_app_has_routes():
    names = {name for name, _ in ROUTES}
    assert {"portal:home", "portal:group-detail", "missions:list", "portal:mission-detail"} <= names
    assert {"reports:list", "portal:search"} <= names
    assert {"api-data", "api-data-download"} <= names  # /fr/donnees/, /en/data/
    assert len(ROUTES) >= 30


@pytest.mark.django_db
def test_every_public_url_answers_its_real_values(client, site_data):
    """A plain pass over every route first (and it warms the caches)."""
    for url in real_urls(site_data):
        response = client.get(url, secure=True)
        assert response.status_code < 500, (url, response.status_code)
    # The open-data page links the bulk file, which downloads in both languages.
    name = site_data["str"][-1]
    for lang in LANGUAGES:
        with translation.override(lang):
            page = client.get(reverse("api-data"), secure=True)
            url = reverse("api-data-download", kwargs={"name": name})
        assert url in page.content.decode()
        assert client.get(url, secure=True).status_code == 200


@pytest.mark.django_db
@fuzzing(max_examples=600)
@given(data=st.data())
def test_fuzzed_public_urls_never_fail(client, site_data, data):
    name, converters = data.draw(st.sampled_from(ROUTES), label="route")
    lang = data.draw(st.sampled_from(LANGUAGES), label="lang")
    kwargs = {k: data.draw(path_value(c, site_data), label=k) for k, c in converters.items()}
    params = data.draw(query_params, label="query")
    with translation.override(lang):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url, params, secure=True)
    assert response.status_code < 500, (url, params, response.status_code)


@pytest.mark.django_db
@fuzzing(max_examples=200)
@given(
    lang=st.sampled_from(LANGUAGES),
    segments=st.lists(st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s), max_size=4),
    params=query_params,
)
def test_fuzzed_paths_under_the_language_prefixes_never_fail(
    client, site_data, lang, segments, params
):
    from urllib.parse import quote

    url = f"/{lang}/" + "/".join(quote(s, safe="") for s in segments)
    response = client.get(url, params, secure=True)
    assert response.status_code < 500, (url, params, response.status_code)


def api_urls(client):
    """Every list of the API and the detail of its first object."""
    from api.urls import router

    urls = []
    for prefix, _viewset, _basename in router.registry:
        listing = f"/api/v1/{prefix}/"
        urls.append(listing)
        results = client.get(listing).json()["results"]
        if results:
            urls.append(f"{listing}{results[0]['id']}/")
    return urls


@pytest.mark.django_db
@fuzzing(max_examples=200)
@given(data=st.data())
def test_a_nul_byte_in_any_address_or_parameter_is_a_404(client, site_data, data):
    """PostgreSQL text cannot hold NUL: a slug or a filter value holding one was a 500."""
    if "api" not in site_data:  # setdefault would read every API list at each example
        site_data["api"] = api_urls(client)
    urls = site_data["api"]
    if data.draw(st.booleans(), label="api"):
        url = data.draw(st.sampled_from(urls), label="api url")
    else:
        name, converters = data.draw(st.sampled_from(ROUTES), label="route")
        kwargs = {
            k: site_data["slug" if isinstance(c, SlugConverter) else "str"][0]
            for k, c in converters.items()
        }
        with translation.override(data.draw(st.sampled_from(LANGUAGES), label="lang")):
            url = reverse(name, kwargs=kwargs)
    params = dict(data.draw(query_params, label="query"))
    where = data.draw(st.sampled_from(["path", "value", "key"]), label="where")
    if where == "path":
        at = data.draw(st.integers(min_value=1, max_value=len(url)), label="at")
        url = url[:at] + "%00" + url[at:]
    else:
        key = data.draw(st.sampled_from(QUERY_KEYS[:-1]), label="key")
        text = data.draw(st.text(max_size=10), label="text")
        at = data.draw(st.integers(min_value=0, max_value=len(text)), label="at")
        nul = text[:at] + "\x00" + text[at:]
        params.update({nul: "1"} if where == "key" else {key: nul})
    response = client.get(url, params, secure=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404, (url, params, response.status_code)
    if url.startswith("/api/"):
        assert response.json() == {"detail": "Not found."}
