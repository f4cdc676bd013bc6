"""/healthz: what a load balancer asks before sending traffic to this app server."""

import logging

from django.db import DatabaseError
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from senat_groups.replica import replica_configured
from senat_groups.replica import replica_state

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the primary database answers a query, 503 when it does not.

    The replica's state ("ok", "lagging", "unreachable", with its lag) is reported but
    never fails the check: without it, reads go to the primary and the server still serves.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    body = {"status": "ok", "database": "ok"}
    if replica_configured():
        body["replica"] = replica_state(force=True)
    return JsonResponse(body)
