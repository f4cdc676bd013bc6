"""The API's errors: always JSON ``{"detail": …}`` in the request's language.

DRF already answers its own errors in JSON; two things escaped it. A detail view's
``get_object_or_404`` put the model's name in the body (« No FriendshipGroup matches
the given query. », in English on a French request): ``exception_handler`` gives the
generic message instead. And the answers given outside a viewset (an unknown path, a
write to the docs page, too many parameters, a NUL byte, a crash, a refused CSRF
check) were the site's HTML pages: the root URLconf's error handlers are the ones
below, ``json_error`` under ``/api/`` and Django's own pages (our templates) elsewhere.

The messages are DRF's own, so they come translated with it.
"""

from django.http import Http404
from django.http import JsonResponse
from django.utils import translation
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

PREFIX = "/api/"

MESSAGES = {
    400: exceptions.ParseError.default_detail,
    403: exceptions.PermissionDenied.default_detail,
    404: exceptions.NotFound.default_detail,
    405: exceptions.MethodNotAllowed.default_detail,
    500: exceptions.APIException.default_detail,
}
SAFE_METHODS = ("GET", "HEAD")


def is_api(request):
    return request.path_info.startswith(PREFIX)


def exception_handler(exc, context):
    """DRF's handler, with a 404 that names no model (settings.REST_FRAMEWORK)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


def json_error(request, status):
    """``{"detail": …}`` with the status's message, in the request's language (read
    here: the middleware that raised may sit above LocaleMiddleware)."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        detail = str(MESSAGES[status]).format(method=request.method)
        response = JsonResponse({"detail": detail}, status=status)
    response["Content-Language"] = language
    if status == 405:
        response["Allow"] = ", ".join(SAFE_METHODS)
    return response


@csrf_exempt  # nothing is written: a POST to an unknown path is a 404, not a CSRF 403
def not_found(request):
    return json_error(request, 404)


def read_only(view):
    """A plain view of the API (not a viewset) that answers GET and HEAD, a JSON 405
    otherwise (never the CSRF check's HTML 403)."""

    @csrf_exempt
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            return json_error(request, 405)
        return view(request, *args, **kwargs)

    return wrapped


# handler400, 403, 404 and 500 of the root URLconf (senat_groups/urls.py).


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
