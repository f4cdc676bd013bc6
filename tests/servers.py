"""Servers that tests start as processes (the development server, gunicorn, Redis)."""

import contextlib
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A loopback port that nothing listens on (the system picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(connection):
    """The URL of ``connection``'s database, for a server started as another process."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def redis_caches(port):
    """The CACHES setting for a Redis server on the loopback's ``port``."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }


@contextlib.contextmanager
def running(command, port, *, env=None, log=subprocess.DEVNULL):
    """``command`` (run from the project's folder) while the block runs, from the moment
    it accepts connections on ``port``; its output goes to the open file ``log``."""
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
