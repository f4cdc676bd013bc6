"""A small HTTP client for the cluster tests: cookies, CSRF, admin forms, multipart uploads.

Plain http.client, so that nothing hides what goes over the wire: the same request goes
to HAProxy (https, the cluster's self-signed certificate) or straight to one app server
(http, with the X-Forwarded-* headers HAProxy would add).
"""

import http.client
import ssl
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode
from urllib.parse import urlsplit


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())


class Browser:
    """One visitor: its own cookies, talking to one base URL."""

    def __init__(self, base_url, *, cafile=None, timeout=30):
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.cafile = cafile
        self.timeout = timeout
        self.cookies = {}

    def _connection(self):
        if self.scheme == "https":
            context = ssl.create_default_context(cafile=self.cafile)
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=self.timeout, context=context
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def request(self, method, path, *, body=None, headers=None):
        headers = dict(headers or {})
        host = f"{self.host}:{self.port}"
        headers.setdefault("Host", host)
        if self.scheme == "http":  # straight to an app server: say what HAProxy would
            headers.setdefault("X-Forwarded-Proto", "https")
            headers.setdefault("X-Forwarded-For", "127.0.0.1")
        if method == "POST":
            headers.setdefault("Origin", f"https://{host}")
            headers.setdefault("Referer", f"https://{host}{path}")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = self._connection()
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            data = raw.read()
            response_headers = {}
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    for morsel in SimpleCookie(value).values():
                        if morsel["max-age"] == "0" or not morsel.value:
                            self.cookies.pop(morsel.key, None)
                        else:
                            self.cookies[morsel.key] = morsel.value
                response_headers[name.lower()] = value
            return Response(raw.status, response_headers, data)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, files=None):
        """POST form fields (a list of pairs); multipart when files ({name: (filename, bytes)})."""
        if files:
            boundary = uuid.uuid4().hex
            chunks = []
            for name, value in fields:
                chunks.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content) in files.items():
                chunks.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            chunks.append(f"--{boundary}--\r\n".encode())
            body = b"".join(chunks)
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers={"Content-Type": content_type})

    def login_attempt(self, username, password):
        """The admin's login form, filled in and sent; returns the answer to the POST."""
        page = self.get("/admin/login/?next=/admin/")
        assert page.status == 200, page.status
        fields = [(k, v) for k, v in form_fields(page.text) if k not in ("username", "password")]
        fields += [("username", username), ("password", password)]
        return self.post("/admin/login/?next=/admin/", fields)

    def admin_login(self, username, password, code=None):
        """Password, then (when the admin asks for it) the second factor's code."""
        response = self.login_attempt(username, password)
        assert response.status == 302, (response.status, response.text[:2000])
        for _ in range(3):  # follow the redirects: the code may be asked at /admin/
            location = urlsplit(response.header("Location"))
            path = location.path + (f"?{location.query}" if location.query else "")
            if "/two-factor/" in location.path:
                break
            response = self.get(path)
            if response.status != 302:
                return response
        else:
            raise AssertionError("too many redirects after the login")
        assert code is not None, "the admin asks for a second factor"
        page = self.get(path)
        assert page.status == 200, page.status
        fields = [(k, v) for k, v in form_fields(page.text) if k != "code"]
        response = self.post(path, fields + [("code", code() if callable(code) else code)])
        assert response.status == 302, (response.status, response.text[:2000])
        assert "/two-factor/" not in response.header("Location")
        assert self.get("/admin/").status == 200
        return response


class _FormParser(HTMLParser):
    """The values a browser would submit for the first <form method=post> after the login bar."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.done = False
        self.fields = []
        self._select = None
        self._select_multiple = False
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and a.get("method", "").lower() == "post":
            if self.form_id is None or a.get("id") == self.form_id:
                self.in_form = True
            return
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_fields(html, form_id=None):
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.fields


def replace_field(fields, name, value):
    fields = [(k, v) for k, v in fields if k != name]
    return fields + [(name, value)]
