"""A database that accepts the connection and never answers: a quick failure, not a hang."""

import socket
import threading
import time

import pytest
from django.conf import settings
from django.db import connections

# The settings' default connect timeout is 5 s; with a margin for a loaded machine,
# a request must be over well before gunicorn's 30 s worker timeout.
DEADLINE = 15


class SilentListener:
    """A TCP server that accepts every connection and never sends a byte."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)  # kept open, never answered

    def close(self):
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def hung_database():
    connection = connections["default"]
    real_port = connection.settings_dict["PORT"]
    listener = SilentListener()
    connection.close()
    connection.settings_dict["PORT"] = str(listener.port)
    try:
        yield listener
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
        listener.close()


def timed_get(client, url):
    """client.get(url) in a thread, so that a hang fails the test instead of blocking it."""
    result = {}

    def run():
        start = time.monotonic()
        result["response"] = client.get(url)
        result["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), f"{url} still waiting after {DEADLINE} s"
    return result["response"], result["seconds"]


def test_the_timeouts_reach_the_database_driver():
    options = connections["default"].settings_dict["OPTIONS"]
    assert options["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT == 5
    assert settings.DATABASE_STATEMENT_TIMEOUT == 15
    assert "-c statement_timeout=15000" in options["options"]


@pytest.mark.django_db
def test_a_slow_statement_is_cancelled_by_the_server():
    from django.db import OperationalError
    from django.db import connection
    from django.db import transaction

    with pytest.raises(OperationalError, match="statement timeout"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 200")  # the setting, made short
            cursor.execute("SELECT pg_sleep(5)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "15s"  # what the settings gave the session


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_within_seconds_when_the_database_never_answers(client, hung_database):
    response, seconds = timed_get(client, "/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert hung_database.accepted  # the driver did reach the listener and wait on it
    assert seconds < DEADLINE


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/fr/", "/en/groups/"])
def test_pages_show_the_bilingual_error_page_when_the_database_never_answers(
    client, hung_database, url
):
    client.raise_request_exception = False
    response, _ = timed_get(client, url)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<section lang="fr">' in html and '<section lang="en">' in html
    assert "Erreur du serveur" in html and "Server error" in html
    assert hung_database.accepted
