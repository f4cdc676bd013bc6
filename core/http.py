"""Requests: who sent them, and which public pages take a form; an uploaded file as a response."""

import mimetypes

from django.conf import settings
from django.http import FileResponse
from django.http import Http404


def client_ip(request):
    """The address a request comes from.

    Behind TRUSTED_PROXY_COUNT proxies (load balancer, reverse proxy), each one
    appends the address it received the request from to X-Forwarded-For, so the
    client is the entry that many places from the right. Entries further left
    were written by the client itself and cannot be trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [ip for ip in forwarded if ip]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def accepts_post(view):
    """Mark a public page's view as taking POST (a form the public sends).

    Public pages answer GET and HEAD only (senat_groups/security.py,
    ReadOnlyPublicPagesMiddleware); a view marked so is let through, and answers
    for its own methods. Apply it outermost, above ``csrf_exempt`` and the like.
    """
    view.accepts_post = True
    return view


def file_response(field_file, *, content_type=None, **kwargs):
    """An uploaded file (a FileField's value) as the response, or 404 when the storage has
    lost it. Its type is ``content_type``, or the one its name says; ``kwargs`` go to
    FileResponse (``as_attachment``, ``filename``). The public views that serve a
    published row's upload (a report's PDF, a partner's logo, a senator's photo) use it.
    """
    try:
        file = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if content_type is None:
        content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type, **kwargs)
    # Never let a browser guess another type (an HTML file renamed .pdf, say).
    response["X-Content-Type-Options"] = "nosniff"
    return response
