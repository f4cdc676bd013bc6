"""The benchmark's floor: what Django alone costs to serve the group page.

Served only under bench.settings, when ``SENAT_BENCH_FLOOR`` names a public page
(``make bench`` sets it to a group page); never in production. ``/bench-floor/``
goes through the same middleware as every page, but its view returns that page's
HTML, rendered once per worker and then kept in memory: no query, no template. The
portal's pages are measured as a fraction of this rate.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

_html = {}


def floor(request):
    path = settings.BENCH_FLOOR_PAGE
    if path not in _html:
        with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
            match = resolve(path)
            response = match.func(request, *match.args, **match.kwargs)
        _html[path] = response.content
    return HttpResponse(_html[path])
