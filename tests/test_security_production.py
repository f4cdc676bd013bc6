"""Production settings, /healthz, request ids and structured logs."""

import io
import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections

from senat_groups.logs import JsonFormatter
from senat_groups.logs import RequestIdFilter
from senat_groups.logs import clean_request_id
from tests.servers import ROOT
from tests.servers import database_url
from tests.servers import free_port
from tests.servers import running


def production_env(**overrides):
    """The environment of a production server, without the test suite's defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))}
    env.pop("SECRET_KEY", None)
    env.pop("ALLOWED_HOSTS", None)
    env.update(
        DJANGO_SETTINGS_MODULE="senat_groups.settings",
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="groupes-amitie.senat.fr",
        CSRF_TRUSTED_ORIGINS="https://groupes-amitie.senat.fr",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_pass_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_deploy_checks_fail_when_debug_is_on():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(DJANGO_DEBUG="1")
    )
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on in deployment


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_refuses_to_start_in_production_without(missing):
    env = production_env()
    del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    env = production_env(SECRET_KEY=None, SECRET_KEY_FILE=str(key_file))
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr


def test_logs_are_one_json_object_per_line_on_stdout():
    code = "import logging; logging.getLogger('senat_groups.test').warning('hello %s', 'world')"
    result = manage("shell", "-v", "0", "-c", code, env=production_env())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["message"] == "hello world"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "senat_groups.test"
    assert entry["request_id"] == "-"


# --- /healthz ------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_is_down(client):
    connection = connections["default"]
    real_port = connection.settings_dict["PORT"]
    connection.close()
    # Nothing listens there: the next connection attempt really fails.
    connection.settings_dict["PORT"] = str(free_port())
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_healthz_answers_plain_http_when_everything_else_redirects(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 301


# --- Request ids -----------------------------------------------------------------------


@pytest.fixture
def captured_log():
    """Log lines as the production handler writes them (filter + JSON formatter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("senat_groups")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_sane_request_id_is_kept_echoed_and_logged(client, captured_log):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-4f1c2a9e-0001"})
    assert response["X-Request-ID"] == "lb-4f1c2a9e-0001"
    (entry,) = [e for e in captured_log() if e["message"] == "request"]
    assert entry["request_id"] == "lb-4f1c2a9e-0001"
    assert entry["path"] == "/healthz"
    assert entry["status"] == 200
    assert entry["method"] == "GET"
    assert entry["duration_ms"] >= 0


@pytest.mark.django_db
def test_a_missing_or_forged_request_id_is_replaced(client, captured_log):
    forged = 'x"}\n{"level": "CRITICAL'
    first = client.get("/healthz", headers={"X-Request-ID": forged})
    second = client.get("/healthz")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert forged not in ids
    assert ids[0] != ids[1]
    assert [e["request_id"] for e in captured_log() if e["message"] == "request"] == ids


@pytest.mark.parametrize("value", ["", "short", "a" * 200, "id with spaces", "ünïcode-id-123"])
def test_odd_request_ids_are_not_trusted(value):
    assert clean_request_id(value) != value
    assert len(clean_request_id(value)) == 32


# --- gunicorn + whitenoise, as in production ---------------------------------------------


def _get(url, **headers):
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_app_and_compressed_hashed_static_files(tmp_path):
    env = production_env(
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(connections["default"]),
        STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="1",
    )
    collect = manage("collectstatic", "--no-input", "-v", "0", env=env)
    assert collect.returncode == 0, collect.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["admin/css/base.css"]
    assert hashed_css != "admin/css/base.css"

    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    base = f"http://127.0.0.1:{port}"
    gunicorn = [Path(sys.executable).parent / "gunicorn", "-c", "senat_groups/gunicorn.conf.py"]
    with (tmp_path / "gunicorn.log").open("w") as log, running(gunicorn, port, env=env, log=log):
        status, headers, body = _get(f"{base}/healthz", **{"X-Request-ID": "gunicorn-test-1"})
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok"}
        assert headers["X-Request-ID"] == "gunicorn-test-1"

        # Plain http is sent to https; the proxy's X-Forwarded-Proto is believed.
        status, headers, _ = _get(f"{base}/admin/login/")
        assert status == 301
        assert headers["Location"] == f"https://127.0.0.1:{port}/admin/login/"
        status, headers, _ = _get(f"{base}/admin/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "max-age=31536000" in headers["Strict-Transport-Security"]

        status, headers, body = _get(
            f"{base}/static/{hashed_css}",
            **{"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"},
        )
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]

    lines = (tmp_path / "gunicorn.log").read_text().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert any(
        e.get("request_id") == "gunicorn-test-1" and e["message"] == "request" for e in entries
    )
