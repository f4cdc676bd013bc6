"""The replica router's rules, and sessions that survive a Redis outage.

The router against a real streaming replica is proven by `make test-cluster`
(cluster_tests/); here, the rules that decide where each read goes.
"""

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.cached_db import SessionStore as StockCachedDbStore
from django.core.cache import cache
from django.db import OperationalError
from django.db import ProgrammingError
from django.db import connection
from django.db import transaction
from django.test import RequestFactory
from django.urls import resolve
from psycopg.errors import QueryCanceled

from reports.models import Report
from senat_groups import replica
from tests.factories import make_report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def public_request_context():
    token = replica._reads_on_replica.set(True)
    yield
    replica._reads_on_replica.reset(token)


def test_reads_go_to_the_primary_outside_a_public_request():
    router = replica.PrimaryReplicaRouter()
    assert router.db_for_read(Report) == "default"  # commands, shell, imports


def test_reads_of_a_public_request_go_to_the_replica(public_request_context):
    assert replica.PrimaryReplicaRouter().db_for_read(Report) == "replica"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(public_request_context):
    with transaction.atomic():
        assert replica.PrimaryReplicaRouter().db_for_read(Report) == "default"


def test_writes_and_migrations_go_to_the_primary(public_request_context):
    router = replica.PrimaryReplicaRouter()
    assert router.db_for_write(Report) == "default"
    assert router.allow_migrate("default", "reports") is True
    assert router.allow_migrate("replica", "reports") is False


@pytest.mark.parametrize(
    ("method", "path", "cookies", "allowed"),
    [
        ("GET", "/fr/rapports/", {}, True),
        ("HEAD", "/en/", {}, True),
        ("POST", "/fr/", {}, False),
        ("GET", "/admin/reports/report/", {}, False),
        ("GET", "/fr/", {"sessionid": "x"}, False),  # staff see their own edits
    ],
)
def test_which_requests_may_read_the_replica(method, path, cookies, allowed):
    request = RequestFactory().generic(method, path)
    request.COOKIES.update(cookies)
    assert replica._request_may_read_replica(request) is allowed


def test_healthz_has_no_replica_entry_without_a_replica(client, db):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok"}


def test_a_replica_without_a_shared_cache_is_refused():
    env = {
        **os.environ,
        "DATABASE_REPLICA_URL": "postgres://senat@127.0.0.1:1/senat_groups",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL needs a shared cache" in result.stderr


@pytest.mark.django_db
def test_sessions_work_from_the_database_while_redis_is_down(redis_down):
    # The project's engine, the same with and without REDIS_URL (test_cache).
    SessionStore = import_module(django_settings.SESSION_ENGINE).SessionStore
    store = SessionStore()
    store["user"] = "editor"
    store.create()

    again = SessionStore(store.session_key)
    assert again["user"] == "editor"
    again.flush()  # logout
    assert not SessionStore().exists(store.session_key)


@pytest.mark.django_db
def test_django_stock_cached_db_sessions_fail_while_redis_is_down(redis_down):
    # Why sessions are not read through Redis (settings.SESSION_ENGINE): Django's cached_db
    # asks the cache, unguarded, whether a new key is free (and refills it after a miss).
    store = StockCachedDbStore()
    store["user"] = "editor"
    with pytest.raises(Exception, match="(?i)connect"):
        store.create()


@pytest.mark.django_db(transaction=True)
def test_one_fence_per_transaction_set_when_it_commits(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    cache.delete(replica.FENCE_KEY)
    with transaction.atomic():
        for _ in range(3):  # three saves in one import
            replica.fence_replica_reads()
        pending = [e for e in connection.run_on_commit if e[1] is replica._set_fence]
        assert len(pending) == 1
        assert cache.get(replica.FENCE_KEY) is None  # not before the commit
    lsn = cache.get(replica.FENCE_KEY)
    assert lsn is not None
    with connection.cursor() as cursor:  # a WAL position, not later than the current one
        cursor.execute("SELECT %s::pg_lsn <= pg_current_wal_lsn()", [lsn])
        assert cursor.fetchone()[0] is True


@pytest.mark.django_db
def test_a_view_whose_replica_fails_runs_again_on_the_primary(public_request_context):
    report = make_report(title_fr="Rapport relu sur le primaire")
    request = RequestFactory().get(report.get_absolute_url())
    request.resolver_match = resolve(request.path_info)
    middleware = replica.ReplicaReadsMiddleware(lambda request: None)

    response = middleware.process_exception(request, OperationalError("replica gone"))

    assert response.status_code == 200
    assert "Rapport relu sur le primaire" in response.content.decode()
    assert replica._reads_on_replica.get() is False  # the rest of the request: primary
    assert replica._state["usable"] is False


def test_other_errors_and_primary_reads_are_not_retried():
    request = RequestFactory().get("/fr/")
    middleware = replica.ReplicaReadsMiddleware(lambda request: None)
    assert middleware.process_exception(request, OperationalError()) is None  # primary read
    token = replica._reads_on_replica.set(True)
    try:
        assert middleware.process_exception(request, ValueError()) is None
        # A bug in a query, or the statement timeout: the primary would fail the same way.
        assert middleware.process_exception(request, ProgrammingError("bug")) is None
        timeout = OperationalError("canceling statement due to statement timeout")
        timeout.__cause__ = QueryCanceled()
        assert middleware.process_exception(request, timeout) is None
    finally:
        replica._reads_on_replica.reset(token)
