"""Download the export for ``import_sens --url`` (no Django): http(s) only, a size limit,
a timeout per read and a deadline for the whole download.

A server that sends one byte every two seconds never trips a per-read timeout: the
deadline does (reads return as soon as some bytes arrived, then the clock is checked).
Every failure is a ``DownloadError`` whose message is one plain sentence.
"""

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request

SCHEMES = ("http", "https")


class DownloadError(Exception):
    """The export could not be downloaded; nothing was changed."""


class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect to http(s) only (never to file:, ftp:, data:…)."""

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri") or ""
        target = urllib.parse.urljoin(req.full_url, location)
        if urllib.parse.urlsplit(target).scheme not in SCHEMES:
            raise DownloadError(
                f"{req.full_url[:200]} redirects to {target[:200]}, which is not an http(s) "
                "address: download refused, nothing changed."
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def opener():
    """An opener that knows http and https only (no file:, ftp: or data: handler)."""
    handlers = [
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        HttpOnlyRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ]
    built = urllib.request.OpenerDirector()
    for handler in handlers:
        built.add_handler(handler)
    return built


def _socket(response):
    raw = getattr(response.fp, "raw", None)
    return getattr(raw, "_sock", None)


def download(url, target, *, timeout, deadline, max_bytes, progress=None):
    """Fetch ``url`` into the file ``target``: at most ``max_bytes``, each read within
    ``timeout`` seconds, the whole download within ``deadline`` seconds."""
    if urllib.parse.urlsplit(url).scheme not in SCHEMES:
        raise DownloadError(f"{url[:200]} is not an http(s) address: download refused.")
    ends = time.monotonic() + deadline

    def remaining():
        left = ends - time.monotonic()
        if left <= 0:
            raise DownloadError(
                f"The download of {url[:200]} took more than {deadline:g} seconds "
                "(--deadline): stopped, nothing changed."
            )
        return left

    total = 0
    try:
        with opener().open(url, timeout=min(timeout, remaining())) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DownloadError(
                    f"{url[:200]} is {int(length):,} bytes, more than the {max_bytes:,} "
                    "allowed (--max-bytes): download refused, nothing changed."
                )
            with open(target, "wb") as out:
                while True:
                    sock = _socket(response)
                    if sock is not None:
                        sock.settimeout(min(timeout, remaining()))
                    chunk = response.read1(1 << 16)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > max_bytes:
                        raise DownloadError(
                            f"{url[:200]} sends more than the {max_bytes:,} bytes allowed "
                            "(--max-bytes): download stopped, nothing changed."
                        )
                    out.write(chunk)
                    if progress:
                        progress(len(chunk))
                    remaining()
    except DownloadError:
        raise
    except urllib.error.HTTPError as error:
        raise DownloadError(
            f"The server of {url[:200]} answered {error.code} {error.reason}: "
            "nothing downloaded, nothing changed."
        ) from error
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            if time.monotonic() >= ends:
                remaining()
            raise DownloadError(
                f"The server of {url[:200]} sent nothing for {timeout:g} seconds (--timeout): "
                "download stopped, nothing changed."
            ) from error
        raise DownloadError(
            f"The download of {url[:200]} failed ({reason}): nothing changed."
        ) from error
    return total
