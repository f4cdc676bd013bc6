"""Building the portal's links.

The rule: a link to a row's own page, which lists, feeds, CSV files and the API repeat
once a row (``get_absolute_url()`` of every public model, the API's per-row links), goes
through ``reverse_with()``; a single link on a page (a list's URL, the API root) is a
plain ``reverse()``.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import get_script_prefix
from django.urls import get_urlconf
from django.urls import reverse
from django.utils.translation import get_language

_URL_PLACEHOLDER = "zq"  # a country code and a slug that no row has
_url_parts = {}


def reverse_with(viewname, kwarg, value):
    """reverse(viewname, kwargs={kwarg: value}) for a slug or country code, faster.

    Pages link to dozens of groups, countries and senators, and reverse() walks the URL
    patterns each time (about 25 µs). The URL is the same for every value but for the
    value itself, so it is reversed once per language with a placeholder, then filled
    in. Slugs and codes are plain ASCII letters, digits, "-" and "_": nothing to quote.
    It pays on the map page (a link per covered country): with plain reverse() it took
    8 to 17 % more CPU (mean 13 %, five A/B pairs of bench/ab.py runs back to back at
    10× data, 2026-12-01), the groups list 6 to 15 % more, other pages under 10 %.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (viewname, kwarg, get_language(), get_script_prefix(), urlconf)
    parts = _url_parts.get(key)
    if parts is None:
        url = reverse(viewname, kwargs={kwarg: _URL_PLACEHOLDER})
        start = url.rindex(_URL_PLACEHOLDER)
        parts = _url_parts[key] = (url[:start], url[start + len(_URL_PLACEHOLDER) :])
    return f"{parts[0]}{value}{parts[1]}"


def moved_permanently(request, **kwargs):
    """A 301 to the page being asked for, with ``kwargs`` changed in its URL (a record's
    new slug): same view, same language, same query string."""
    match = request.resolver_match
    url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, **kwargs})
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponsePermanentRedirect(url)
