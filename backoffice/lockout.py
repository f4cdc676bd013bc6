"""Login throttling: django-axes's handler with two limits, the lockout page, and the
address a login attempt comes from.

Imported by django-axes through settings (AXES_HANDLER, AXES_LOCKOUT_CALLABLE,
AXES_CLIENT_IP_CALLABLE) and by the login steps, never at app loading, because it
imports axes's models.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import client_ip as core_client_ip


class PairThenAddressHandler(AxesDatabaseHandler):
    """django-axes, with a lower limit for one account from one address than for an address.

    AXES_LOCKOUT_PARAMETERS lists the (username, address) pair, then the address; axes
    compares the larger of the two counts with one limit (AXES_FAILURE_LIMIT). The
    address's count is measured against AXES_ADDRESS_FAILURE_LIMIT instead, and reported
    as the pair's limit when it is reached, so that axes locks it out.
    """

    def get_failures(self, request, credentials=None):
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if len(counts) != 2:  # no username (a bare request): the address alone
            return 0 if not counts else max(counts)
        pair, address = counts
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def retry_at(self, request, credentials=None):
        """When the lock lifts: an hour (AXES_COOLOFF_TIME) after the last failure."""
        last = None
        for attempts in self.get_user_attempts(request, credentials):
            latest = attempts.aggregate(t=Max("attempt_time"))["t"]
            if latest and (last is None or latest > last):
                last = latest
        return (last or timezone.now()) + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (429) in the visitor's language, with the portal's admin titles
    and the time at which to try again."""
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    retry_at = handler.retry_at(request, credentials)
    context = {
        **admin.site.each_context(request),
        "title": _("Login locked"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT,
        "retry_at": timezone.localtime(retry_at),
        "retry_minutes": max(1, round((retry_at - timezone.now()).total_seconds() / 60)),
    }
    return render(request, "admin/lockout.html", context, status=429)


def client_ip(request):
    """The address a login attempt comes from, for django-axes (core.http.client_ip)."""
    return core_client_ip(request)
