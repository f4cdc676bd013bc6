"""The site's error handlers (handler400, 403, 404 and 500 of the root URLconf): the
site's HTML pages, except under /api/, where every error is the API's JSON
(api/errors.py) — a script reading the open data never gets an HTML page."""

from django.views import defaults

from api.errors import is_api
from api.errors import json_error


def bad_request(request, exception):
    if is_api(request):
        return json_error(request, 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return json_error(request, 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return json_error(request, 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return json_error(request, 500)
    return defaults.server_error(request)
