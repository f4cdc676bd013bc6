"""Middleware of the wiring: too many query parameters get a 400 at once; public pages
answer GET and HEAD only; a refused form (CSRF) gets the site's bilingual page.

Who may enter the back office, its login steps and the login throttling live in
backoffice/ (access.py, login.py, passkeys.py, lockout.py).
"""

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import get_resolver
from django.utils.translation import get_language_from_path


class QueryStringLimitMiddleware:
    """Answer 400 at once to a query string with too many parameters.

    Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters when
    ``request.GET`` is first read, deep in a view; with DEBUG on, its error page
    then reads ``request.GET`` again, fails again at every middleware, and the
    development server answered a 500 after 15 s. Checked here, above every
    middleware that reads the query (the page cache keys on it), the visitor gets
    the 400 page whatever DEBUG says.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018  (parsed once and kept; raises on too many fields)
        except TooManyFieldsSent as error:
            # The root URLconf's handler400: the site's page, or JSON under /api/.
            return get_resolver().resolve_error_handler(400)(request, error)
        return self.get_response(request)


def csrf_failure(request, reason=""):
    """A refused form (settings.CSRF_FAILURE_VIEW): the site's bilingual error page.

    Django's own page is in English only, and its inline style is blocked by our CSP.
    ``reason`` is for the logs (Django logs it), not for the visitor. Under /api/, the
    root URLconf's handler403, the API's JSON (its own views take no CSRF token: this is
    a safety net).
    """
    if request.path_info.startswith("/api/"):
        return get_resolver().resolve_error_handler(403)(request, None)
    return render(request, "403_csrf.html", status=403)


SAFE_METHODS = ["GET", "HEAD"]


class ReadOnlyPublicPagesMiddleware:
    """Answer 405 (``Allow: GET, HEAD``) to any other method on a public page.

    The public pages (everything under /fr/ and /en/) only read: without this a POST
    got the CSRF 403, and TRACE or OPTIONS got the whole page with a 200. The back
    office, /i18n/ (set_language's POST) and the API (its viewsets answer for their
    own methods) have no language prefix and keep their rules; so do the few public
    forms whose view says it takes a POST (``core.http.accepts_post``: following a
    country by e-mail). Placed before the CSRF middleware, so that a POST is refused
    for its method, not for its missing token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method not in SAFE_METHODS
            and get_language_from_path(request.path_info)
            and not getattr(view_func, "accepts_post", False)
        ):
            return HttpResponseNotAllowed(SAFE_METHODS)
        return None
