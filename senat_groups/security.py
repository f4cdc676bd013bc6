"""A middleware of the wiring: too many query parameters get a 400 at once.

Who may enter the back office, its login steps and the login throttling live in
backoffice/ (access.py, login.py, passkeys.py, lockout.py).
"""

from django.core.exceptions import TooManyFieldsSent
from django.views.defaults import bad_request


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
            return bad_request(request, error)
        return self.get_response(request)
