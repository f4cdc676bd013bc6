"""The deployment of `make cluster`, proven through HAProxy and each app server.

Scenarios of issue 14: an edit through app server A is seen through B (page cache dropped
everywhere) and on the replica within the lag setting; a PDF uploaded through A downloads
through B byte for byte; public reads come from the replica, fresh edits and staff from the
primary; killing A loses no request; a stopped replica or Redis costs no error page; a
backup of the primary restores with identical rows, files included. Each test restarts
what it stopped.
"""

import hashlib
import html
import io
import os
import signal
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import as_completed
from urllib.parse import urlsplit

import psycopg
import pytest
from pypdf import PdfWriter

from cluster_tests.client import Browser
from cluster_tests.client import form_fields
from cluster_tests.client import replace_field
from cluster_tests.conftest import ROOT
from cluster_tests.conftest import wait_for
from tests.test_backup import table_fingerprints


def make_pdf(token):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": token})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def edit_report(browser, report, *, title, pdf=None):
    """Change the report's French title (and PDF) through the admin's change form."""
    path = f"/admin/reports/report/{report['pk']}/change/"
    page = browser.get(path)
    assert page.status == 200, page.status
    fields = replace_field(form_fields(page.text, form_id="report_form"), "title_fr", title)
    fields.append(("_save", "Save"))
    files = {"pdf": ("cluster.pdf", pdf)} if pdf else None
    response = browser.post(path, fields, files)
    assert response.status == 302, response.text[response.text.find("errornote") :][:3000]
    return response


def token():
    return uuid.uuid4().hex[:12]


def where_public_reads_come_from(cluster, report):
    """For an anonymous page on A and on B: "replica" or "primary".

    Replay is paused on the replica and the title changed on the primary behind Django's
    back (no page-cache bump, no fence): a page still showing the old title was read from
    the replica. A fresh query string makes the page cache miss.
    """
    pk = report["pk"]
    cluster.sql("primary", "SELECT txid_current()")  # the lag is measured from now
    cluster.wait_replica_caught_up()
    old = cluster.sql("primary", "SELECT title_fr FROM reports_report WHERE id = %s", [pk])[0][0]
    probe = f"Sonde {token()}"
    cluster.sql("replica", "SELECT pg_wal_replay_pause()")
    try:
        cluster.sql("primary", "UPDATE reports_report SET title_fr = %s WHERE id = %s", [probe, pk])
        sources = []
        for server in ("a", "b"):
            page = Browser(cluster.app[server]).get(f"{report['url']}?probe={token()}")
            assert page.status == 200, page.status
            if probe in page.text:
                sources.append("primary")
            elif html.escape(old) in page.text:
                sources.append("replica")
            else:
                raise AssertionError("neither title on the page")
        return sources
    finally:
        cluster.sql("primary", "UPDATE reports_report SET title_fr = %s WHERE id = %s", [old, pk])
        cluster.sql("replica", "SELECT pg_wal_replay_resume()")
        cluster.wait_replica_caught_up()


@pytest.fixture(scope="module")
def uploaded(cluster, editor, report):
    """Through app server A: a new title and a new PDF, with B's copy of the page cached."""
    page_b = Browser(cluster.app["b"])
    page_b.get(report["url"])
    cached = page_b.get(report["url"])
    assert cached.header("X-Page-Cache") == "hit"

    staff_a = Browser(cluster.app["a"])
    editor.login(staff_a)
    title = f"Rapport grappe {token()}"
    pdf = make_pdf(title)
    edit_report(staff_a, report, title=title, pdf=pdf)
    return {"title": title, "pdf": pdf, "saved_at": time.monotonic()}


def test_edit_through_a_shows_through_b_at_once_and_on_the_replica_within_the_lag(
    cluster, report, uploaded
):
    page = Browser(cluster.app["b"]).get(report["url"])
    assert page.status == 200
    assert uploaded["title"] in page.text
    assert page.header("X-Page-Cache") == "miss"  # the cached copy was dropped on B too
    assert uploaded["title"] in Browser(cluster.url, cafile=cluster.cafile).get(report["url"]).text

    def on_replica():
        rows = cluster.sql(
            "replica", "SELECT title_fr FROM reports_report WHERE id = %s", [report["pk"]]
        )
        return rows[0][0] == uploaded["title"]

    wait_for(on_replica, cluster.max_lag, "the edit did not reach the replica within the lag")


def test_pdf_uploaded_through_a_downloads_through_b_byte_for_byte(cluster, report, uploaded):
    for base in (cluster.app["b"], cluster.url):
        response = Browser(base, cafile=cluster.cafile).get(report["pdf_url"])
        assert response.status == 200
        assert response.header("Content-Type") == "application/pdf"
        assert response.body == uploaded["pdf"]
    stored = cluster.sql(
        "primary",
        "SELECT count(*) FROM filestore_storedfile WHERE md5(content) = %s",
        [hashlib.md5(uploaded["pdf"]).hexdigest()],
    )
    assert stored[0][0] == 1


def test_public_reads_come_from_the_replica_and_staff_and_fresh_edits_from_the_primary(
    cluster, editor, report
):
    assert where_public_reads_come_from(cluster, report) == ["replica", "replica"]

    staff_b = Browser(cluster.app["b"])
    editor.login(staff_b)
    staff_a = Browser(cluster.app["a"])
    editor.login(staff_a)
    cluster.sql("primary", "SELECT txid_current()")
    cluster.wait_replica_caught_up()
    cluster.sql("replica", "SELECT pg_wal_replay_pause()")
    try:
        title = f"Rapport frais {token()}"
        edit_report(staff_a, report, title=title)
        # The replica has not replayed the edit: the fence sends the public to the primary...
        page = Browser(cluster.app["b"]).get(f"{report['url']}?after-edit={token()}")
        assert title in page.text
        # ...and the admin reads the primary.
        change = staff_b.get(f"/admin/reports/report/{report['pk']}/change/")
        assert html.escape(title) in change.text
        replica_title = cluster.sql(
            "replica", "SELECT title_fr FROM reports_report WHERE id = %s", [report["pk"]]
        )[0][0]
        assert replica_title != title  # the replica really was behind
    finally:
        cluster.sql("replica", "SELECT pg_wal_replay_resume()")
    cluster.wait_replica_caught_up()
    assert where_public_reads_come_from(cluster, report) == ["replica", "replica"]


def test_killing_app_server_a_loses_no_request_and_a_rejoins(cluster, report):
    paths = ["/fr/", "/en/", report["url"], report["list_url"], "/healthz"]
    total, kill_after = 300, 60

    def fetch(i):
        path = paths[i % len(paths)]
        if i % 3 == 0:
            path += f"?n={i}"  # a page cache miss: rendered by the app server
        try:
            response = Browser(cluster.url, cafile=cluster.cafile).get(path)
            return response.status, response.header("X-Served-By")
        except OSError as error:
            return repr(error), None

    results = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(fetch, i) for i in range(total)]
        for done, future in enumerate(as_completed(futures), 1):
            results.append(future.result())
            if done == kill_after:
                os.killpg(cluster.pid("app-a"), signal.SIGKILL)  # master and workers
    failed = [r for r in results if r[0] != 200]
    assert len(results) == total
    assert failed == []
    served = [by for _, by in results]
    assert "a" in served[:kill_after] and served.count("b") > total // 2

    with pytest.raises(OSError):
        Browser(cluster.app["a"], timeout=2).get("/healthz")
    cluster.start()

    def a_serves_again():
        response = Browser(cluster.url, cafile=cluster.cafile).get(f"/fr/?again={token()}")
        return response.status == 200 and response.header("X-Served-By") == "a"

    wait_for(a_serves_again, 30, "HAProxy did not send traffic to the restarted A")


def test_stopped_replica_pages_answer_from_the_primary_and_reads_return_after_restart(
    cluster, report
):
    cluster.pg_ctl("replica", "stop")
    try:
        for i in range(20):
            server = cluster.url if i % 2 else cluster.app["a" if i % 4 else "b"]
            page = Browser(server, cafile=cluster.cafile).get(f"{report['url']}?down={i}")
            assert page.status == 200
            assert "<h1" in page.text
        status, body = cluster.healthz("a")
        assert status == 200
        assert body["database"] == "ok" and body["replica"]["state"] == "unreachable"
    finally:
        cluster.start()
    wait_for(lambda: cluster.healthz("b")[1]["replica"]["state"] == "ok", 30, "replica not ok")
    # Each worker checks the replica again within 5 s.
    wait_for(
        lambda: where_public_reads_come_from(cluster, report) == ["replica", "replica"],
        30,
        "reads did not go back to the replica",
        interval=1,
    )


def test_stopped_redis_pages_render_and_edits_save(cluster, editor, report):
    redis_pid = cluster.pid("redis")
    os.kill(redis_pid, signal.SIGTERM)
    wait_for(lambda: not _alive(redis_pid), 10, "redis did not stop")
    try:
        for base in (cluster.app["a"], cluster.app["b"], cluster.url):
            for path in ("/fr/", "/en/", report["url"]):
                page = Browser(base, cafile=cluster.cafile).get(path)
                assert page.status == 200, (base, path, page.status)
                assert "</html>" in page.text
        # A login and an edit through HAProxy: requests alternate between A and B.
        staff = Browser(cluster.url, cafile=cluster.cafile)
        editor.login(staff)
        title = f"Rapport sans Redis {token()}"
        edit_report(staff, report, title=title)
        assert title in Browser(cluster.app["b"]).get(report["url"]).text
    finally:
        cluster.start()
    browser = Browser(cluster.url, cafile=cluster.cafile)
    wait_for(lambda: browser.get("/fr/").header("X-Page-Cache") == "hit", 10, "page cache not back")


def test_login_lockout_holds_across_both_app_servers(cluster, editor):
    username, password = editor.username, editor.password
    try:
        for attempt in range(5):  # alternate servers: the count is shared
            response = Browser(cluster.app["ab"[attempt % 2]]).login_attempt(username, "wrong")
            # The form again with an error, until the fifth failure locks the account.
            assert response.status == (429 if attempt == 4 else 200), attempt
        for server in ("a", "b"):
            response = Browser(cluster.app[server]).login_attempt(username, password)
            assert response.status == 429, (server, response.status)
    finally:
        cluster.manage("axes_reset")


def test_two_factor_login_started_on_a_is_finished_on_b(cluster, editor):
    assert editor.totp_key, "the editor is enrolled with an authenticator app"
    from django_otp import oath

    a = Browser(cluster.app["a"])
    response = a.login_attempt(editor.username, editor.password)
    for _ in range(3):  # /admin/ -> /admin/login/ -> the code's page
        assert response.status == 302
        location = urlsplit(response.header("Location"))
        if "/two-factor/" in location.path:
            break
        response = a.get(response.header("Location"))
    assert "/two-factor/" in location.path  # password accepted, code asked
    path = f"{location.path}?{location.query}" if location.query else location.path

    b = Browser(cluster.app["b"])
    b.cookies = dict(a.cookies)  # the same visitor, now sent to B
    page = b.get(path)
    assert page.status == 200
    fields = [(k, v) for k, v in form_fields(page.text) if k != "code"]
    code = oath.totp(bytes.fromhex(editor.totp_key))
    response = b.post(path, fields + [("code", f"{code:06d}")])
    assert response.status == 302, response.text[:2000]
    assert "/two-factor/" not in response.header("Location")

    a.cookies = dict(b.cookies)  # verified on B: the admin opens on A too
    assert a.get("/admin/").status == 200
    assert Browser(cluster.app["a"]).get("/admin/").status == 302  # and not for a stranger


def test_backup_of_the_primary_restores_with_identical_rows_and_files(cluster, uploaded):
    restored = "senat_groups_cluster_restore"
    primary = cluster.env["DATABASE_URL"]
    admin_url = primary.rsplit("/", 1)[0] + "/postgres"

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

    drop()
    env = {**os.environ, "DATABASE_URL": primary, "BACKUP_DIR": str(ROOT / "var/cluster/backups")}
    try:
        dump = subprocess.run(
            ["scripts/backup.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert dump.returncode == 0, dump.stderr
        restore = subprocess.run(
            ["scripts/restore.sh", dump.stdout.strip(), restored],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert restore.returncode == 0, restore.stderr
        copy_url = primary.rsplit("/", 1)[0] + f"/{restored}"
        original, copy = table_fingerprints(primary), table_fingerprints(copy_url)
        assert copy == original
        assert original["filestore_storedfile"][0] >= 1
        with psycopg.connect(copy_url) as conn:
            (found,) = conn.execute(
                "SELECT count(*) FROM filestore_storedfile WHERE md5(content) = %s",
                [hashlib.md5(uploaded["pdf"]).hexdigest()],
            ).fetchone()
        assert found == 1
    finally:
        drop()


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
