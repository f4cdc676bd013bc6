"""gunicorn's configuration in production: `gunicorn -c senat_groups/gunicorn.conf.py`.

Each app server is stateless (data, sessions and uploaded files in PostgreSQL, the
cache in Redis), so any number of them can run behind a load balancer (docs/cluster.md;
`make cluster` runs two). Static files are
served by whitenoise from inside the app: no separate static server is needed.
"""

import multiprocessing
import os

wsgi_app = "senat_groups.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# The usual (2 x cores) + 1 synchronous workers; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then so that a slow leak never takes a server down.
max_requests = 2000
max_requests_jitter = 200
# Addresses of the proxies allowed to say a request came over https (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No runtime-management socket on application servers.
control_socket_disable = True

# Django logs each request (with its request id) as JSON on stdout: no gunicorn access
# log, and gunicorn's own messages in the same JSON form.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "senat_groups.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
