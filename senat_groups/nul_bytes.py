"""A NUL byte anywhere in the path or the query string: 404, before any view runs.

PostgreSQL text cannot hold NUL (0x00): a slug or a filter value holding one made the
database driver raise, a 500 (``/api/v1/organizations/%00/``). No address of the site
and no value of its parameters holds one, so such a request names nothing: 404, the
API's JSON one under /api/, the site's page elsewhere. Checked once here rather than
in every converter, filter and form.
"""

from django.http import Http404

NUL = "\x00"


def holds_nul(request):
    if NUL in request.path_info:
        return True
    return any(NUL in value for key, values in request.GET.lists() for value in [key, *values])


class NulByteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_nul(request):
            raise Http404("NUL byte in the address")
        return self.get_response(request)
