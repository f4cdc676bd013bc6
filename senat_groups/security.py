"""Who may enter the back office, and which address a login attempt comes from."""

from django.conf import settings
from django.contrib.admin.apps import AdminConfig

from backoffice.sites import BackOfficeSite

# Its members are the DRIP editors; portal's data migration gives it its permissions.
EDITORS_GROUP = settings.EDITORS_GROUP


def is_back_office_user(user):
    """Superusers, and active staff who belong to the editors' group."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


class SenatAdminSite(BackOfficeSite):
    """The default admin site (the back office's dashboard and previews), closed to staff
    outside the editors' group."""

    def has_permission(self, request):
        # Asked several times per admin page: one query per request at most.
        if not hasattr(request, "_is_back_office_user"):
            request._is_back_office_user = is_back_office_user(request.user)
        return request._is_back_office_user


class SenatAdminConfig(AdminConfig):
    default_site = "senat_groups.security.SenatAdminSite"


def client_ip(request):
    """The address a login attempt comes from, for django-axes.

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
