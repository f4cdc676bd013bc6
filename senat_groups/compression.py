"""gzip for the open data (API JSON and CSV downloads), never for a page that may hold a secret.

BREACH: when a response holds a secret (a CSRF token in a form, anything of a logged-in
user) and also reflects what the request sent, its compressed size tells an attacker
who can make the victim's browser send requests how much of a guess matches the secret.
The open data holds no secret: the API has no sessions, accounts or CSRF tokens, and a
CSV is the public list. So only these are compressed, and only when they set no cookie;
HTML pages, the back office and its JSON (passkey challenges) are sent as they are.
Static files come compressed already (whitenoise's .gz and .br files).

A strong ETag becomes weak (W/"…"): the API's 304s compare weakly (Django's
``If-None-Match``), so a client that saw the compressed body still gets its 304.
The same rule for a proxy in front: deploy/haproxy.cfg, and docs/compression.md for nginx.
"""

from django.middleware.gzip import GZipMiddleware

OPEN_DATA_TYPES = frozenset({"application/json", "application/vnd.oai.openapi+json", "text/csv"})
OPEN_DATA_PATH = "/api/"  # JSON is compressed there only; CSV wherever a public list serves it


class OpenDataGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in OPEN_DATA_TYPES or response.cookies:
            return response
        if content_type != "text/csv" and not request.path.startswith(OPEN_DATA_PATH):
            return response
        if request.path.startswith("/admin/"):
            return response
        return super().process_response(request, response)
