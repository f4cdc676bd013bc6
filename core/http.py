"""Requests: who sent them, and which public pages take a form."""

from django.conf import settings


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
