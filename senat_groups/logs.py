"""Structured logs: one JSON object per line on stdout, each tagged with the request id.

The request id comes from the X-Request-ID header that a load balancer or proxy
sets (so one id follows a request across machines); a missing or odd-looking
value is replaced by a fresh one. The id is echoed in the response header, so a
visitor's report ("error, request id 3f2a…") leads straight to the log lines.
"""

import contextvars
import json
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and a few separators: enough for UUIDs and the ids that common
# proxies generate, and nothing that could forge a log line or a header.
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

request_id_var = contextvars.ContextVar("request_id", default="-")
access_logger = logging.getLogger("senat_groups.request")


def clean_request_id(value):
    """The id sent by the client if it looks sane, otherwise a new random one."""
    if value and _SANE_REQUEST_ID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Tags the request with an id, logs one line when it ends, echoes the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = clean_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            access_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds the current request id (or "-" outside a request) to every record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


# Attributes every LogRecord has; anything else was passed with extra= and is logged.
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        # default=str: Django attaches the request object to some records.
        return json.dumps(entry, ensure_ascii=False, default=str)


JsonFormatter.converter = time.gmtime
