"""Hostile URLs get a clean 400 or 404, on the development server as in production."""

import http.client
import os
import sys
import time

import pytest
from django.db import connections

from tests.servers import database_url
from tests.servers import free_port
from tests.servers import running

TOO_MANY = "&".join(f"p{i}=1" for i in range(1200))  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1000


def _get(port, path, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        start = time.monotonic()
        conn.request("GET", path)  # sent as is: http.client does not normalise "/../"
        response = conn.getresponse()
        return response.status, response.read().decode(errors="replace"), time.monotonic() - start
    finally:
        conn.close()


@pytest.fixture(scope="module")
def dev_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py runserver` with DEBUG on, as `make run` starts it, on the test database."""
    port = free_port()
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url(connections["default"])}
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    log = tmp_path_factory.mktemp("runserver") / "log"
    with log.open("w") as out, running(command, port, env=env, log=out):
        yield port


@pytest.mark.parametrize(
    "path", ["/static/../settings.py", "/static/../manage.py", "/static/%2e%2e/manage.py"]
)
def test_dev_server_gives_404_for_paths_out_of_static(dev_server, path):
    status, body, _ = _get(dev_server, path)
    assert status == 404
    assert "SECRET_KEY" not in body and "execute_from_command_line" not in body


def test_dev_server_still_serves_static_files(dev_server):
    status, body, _ = _get(dev_server, "/static/css/site.css")
    assert status == 200
    assert "{" in body


@pytest.mark.parametrize("path", ["/fr/groupes/", "/en/reports/", "/fr/"])
def test_dev_server_gives_400_at_once_for_too_many_parameters(dev_server, path):
    status, body, seconds = _get(dev_server, f"{path}?{TOO_MANY}")
    assert status == 400
    assert "Requête incorrecte" in body and "Bad request" in body  # the bilingual 400 page
    assert seconds < 5


@pytest.mark.django_db
def test_too_many_parameters_is_400_with_debug_off(client):
    response = client.get(f"/fr/groupes/?{TOO_MANY}")
    assert response.status_code == 400
    assert client.get("/fr/groupes/?p1=1&p2=2").status_code == 200
