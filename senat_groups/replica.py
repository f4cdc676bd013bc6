"""Reads of the public site on a PostgreSQL streaming replica, everything else on the primary.

Active only when ``DATABASE_REPLICA_URL`` is set (the ``"replica"`` database). The rule is
"primary unless proven safe": a read goes to the replica only while
``ReplicaReadsMiddleware`` handles a public request, namely a GET or HEAD, outside the
admin, from a visitor with no session (staff, who have one, always read the primary and see
their own edits at once), outside any transaction, and while the replica answers with a lag
under ``DATABASE_REPLICA_MAX_LAG`` seconds. Management commands (imports, exports), the shell
and every write therefore use the primary without asking.

The replica's state is checked at most every ``REPLICA_CHECK_SECONDS`` per process. If the
replica fails in the middle of a request, the view runs again on the primary: a public GET
is safe to repeat, and the visitor never sees an error page.

Edits and the page cache: an edit invalidates every cached page, and the next visitor's
page is rendered and cached again. Rendered from a replica that has not yet replayed the
edit, that page would keep the old content in the cache until the next edit. So each
content change records, once committed, the primary's WAL position in the shared cache
(the *fence*); a public request reads the replica only when the replica has replayed up
to the fence, otherwise the primary. That costs one cache read and one tiny replica query
per uncached page, and needs the shared cache (``REDIS_URL``) so that every app server
sees the fence.
"""

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db import InterfaceError
from django.db import OperationalError
from django.db import connections
from django.db import transaction
from psycopg.errors import QueryCanceled

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
REPLICA_CHECK_SECONDS = 5
FENCE_KEY = "replica:fence-lsn"

_reads_on_replica = ContextVar("reads_on_replica", default=False)
# Per process: (time of the last check, usable?, last known state for /healthz).
_state = {"checked_at": float("-inf"), "usable": False, "report": {}}

LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
       END
"""


def replica_configured():
    return REPLICA in settings.DATABASES


def replica_state(*, force=False):
    """{"state": "ok" | "lagging" | "unreachable", "lag_seconds": float | None}.

    Everything received has been replayed: lag 0 (an idle primary sends nothing, so the
    time since the last replayed transaction says nothing then). Otherwise the lag is the
    age of the last replayed transaction.
    """
    now = time.monotonic()
    if not force and now - _state["checked_at"] < REPLICA_CHECK_SECONDS:
        return _state["report"]
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG_SQL)
            in_recovery, lag = cursor.fetchone()
        lag = float(lag)
        usable = bool(in_recovery) and lag <= settings.DATABASE_REPLICA_MAX_LAG
        report = {"state": "ok" if usable else "lagging", "lag_seconds": round(lag, 3)}
    except DatabaseError:
        connections[REPLICA].close()
        usable, report = False, {"state": "unreachable", "lag_seconds": None}
    if usable != _state["usable"]:
        logger.warning("replica reads %s: %s", "on" if usable else "off", report)
    _state.update(checked_at=now, usable=usable, report=report)
    return report


def replica_failed():
    """The replica broke during a request: read the primary until the next check says so."""
    if _state["usable"]:
        logger.warning("replica reads off: the replica failed during a request")
    if replica_configured():
        connections[REPLICA].close()
    _state.update(
        checked_at=time.monotonic(),
        usable=False,
        report={"state": "unreachable", "lag_seconds": None},
    )


def fence_replica_reads():
    """Public reads use the primary until the replica has replayed the current transaction.

    Call on every content change (senat_groups.cache does); the fence is set once the
    transaction commits (at once outside a transaction).
    """
    if not replica_configured():
        return
    # Once per transaction: an import saving 10,000 rows needs one fence, not 10,000.
    pending = connections[PRIMARY].run_on_commit
    if not any(entry[1] is _set_fence for entry in pending):
        transaction.on_commit(_set_fence, using=PRIMARY)


def _set_fence():
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            cache.set(FENCE_KEY, cursor.fetchone()[0], None)
    except Exception:  # an edit must not fail for this; reads may lag by the replica's lag
        logger.exception("replica fence not set")


def _replica_has_replayed_fence():
    """True when the replica has replayed every content change recorded so far."""
    try:
        fence = cache.get(FENCE_KEY)
    except Exception:  # cache down: the fence is unknown, so trust only the primary
        return False
    if fence is None:
        return True
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [fence])
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        replica_failed()
        return False


class PrimaryReplicaRouter:
    """Django's router hooks: writes, migrations and unsafe reads on the primary."""

    def db_for_read(self, model, **hints):
        if _reads_on_replica.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _request_may_read_replica(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith("/admin/")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _replica_down(exception):
    return isinstance(exception, (OperationalError, InterfaceError)) and not isinstance(
        exception.__cause__, QueryCanceled
    )


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to the replica (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (replica_configured() and _request_may_read_replica(request)):
            return self.get_response(request)
        replica_state()
        if not (_state["usable"] and _replica_has_replayed_fence()):
            return self.get_response(request)
        token = _reads_on_replica.set(True)
        try:
            return self.get_response(request)
        finally:
            _reads_on_replica.reset(token)

    def process_exception(self, request, exception):
        """Run the view again on the primary when the replica failed under it.

        Only a lost or refused connection counts: a bug in a query (ProgrammingError,
        DataError) or a query over the statement timeout would fail on the primary too,
        and retrying it would hide the bug or double the wait."""
        if not (_reads_on_replica.get() and _replica_down(exception)):
            return None
        logger.warning("replica failed during %s; reading the primary", request.path)
        replica_failed()
        _reads_on_replica.set(False)
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)
