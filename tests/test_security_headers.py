"""Response headers, scored with the Mozilla HTTP Observatory's published rules.

The scoring below implements the Observatory's tests that a single response can
answer (MDN "HTTP Observatory: tests and scoring"): every site starts at 100,
penalties are taken first, and bonuses are added only if the result is still 90
or more. Requests emulate HTTPS (secure=True), as the Observatory scans https://.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_group

# --- The Observatory's tests -------------------------------------------------------

SIX_MONTHS = 15768000
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
VALID_REFERRER_POLICIES = PRIVATE_REFERRER_POLICIES | {
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
}
# The Observatory treats a cookie as a session cookie when its name says so.
SESSION_COOKIE_WORDS = ("login", "sess", "sid", "token", "user", "auth")
ANTI_CSRF_WORDS = ("csrf", "xsrf")


def parse_csp(header):
    """{directive: [sources]}; None when the header repeats a directive (invalid)."""
    policy = {}
    for part in header.split(";"):
        tokens = part.strip().split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if name in policy:
            return None
        policy[name] = [t.lower() for t in tokens[1:]]
    return policy


def score_csp(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    if not policy:
        return "csp-header-invalid", -25
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    if script is None:
        # Nothing restricts scripts: as bad as allowing inline ones.
        return "csp-implemented-with-unsafe-inline", -20
    active = script + (policy.get("object-src", default) or [])
    if any(s in ("'unsafe-inline'", "data:", "*", "http:", "https:") for s in script):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(s == "http:" or s.startswith("http://") for s in active):
        return "csp-implemented-with-insecure-scheme", -20
    if style and "'unsafe-inline'" in style:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(response, hsts):
    cookies = list(response.cookies.values())
    if not cookies:
        return "cookies-not-found", 0

    def is_session(morsel):
        return any(w in morsel.key.lower() for w in SESSION_COOKIE_WORDS)

    def is_anti_csrf(morsel):
        return any(w in morsel.key.lower() for w in ANTI_CSRF_WORDS)

    for m in cookies:
        if is_session(m) and not m["secure"]:
            if hsts:
                return "cookies-session-without-secure-flag-but-protected-by-hsts", -10
            return "cookies-session-without-secure-flag", -40
    for m in cookies:
        if is_session(m) and not m["httponly"]:
            return "cookies-session-without-httponly-flag", -30
    for m in cookies:
        if is_anti_csrf(m) and not m["samesite"]:
            return "cookies-anticsrf-without-samesite-flag", -20
    for m in cookies:
        if m["samesite"] and m["samesite"].lower() not in ("strict", "lax", "none"):
            return "cookies-samesite-flag-invalid", -20
    for m in cookies:
        if not m["secure"]:
            if hsts:
                return "cookies-without-secure-flag-but-protected-by-hsts", -5
            return "cookies-without-secure-flag", -20
    if all(m["samesite"] for m in cookies):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def score_cors(headers):
    origin = headers.get("Access-Control-Allow-Origin", "").strip()
    credentials = headers.get("Access-Control-Allow-Credentials", "").strip().lower()
    if origin == "*" and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    if origin == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    if origin:
        return "cross-origin-resource-sharing-implemented-with-restricted-access", 0
    return "cross-origin-resource-sharing-not-implemented", 0


def score_redirection(http_response, host):
    if http_response is None:
        return "redirection-not-needed-no-http", 0
    if http_response.status_code not in (301, 302, 307, 308):
        return "redirection-missing", -20
    target = urlsplit(http_response["Location"])
    if target.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection", -10
    if target.hostname != host:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def score_referrer_policy(headers):
    header = headers.get("Referrer-Policy")
    if not header:
        return "referrer-policy-not-implemented", 0
    # Browsers apply the last value they understand.
    values = [v.strip().lower() for v in header.split(",") if v.strip()]
    known = [v for v in values if v in VALID_REFERRER_POLICIES]
    if not known:
        return "referrer-policy-header-invalid", -5
    if known[-1] in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    if known[-1] == "no-referrer-when-downgrade":
        return "referrer-policy-no-referrer-when-downgrade", 0
    return "referrer-policy-unsafe", -5


class _ScriptCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def score_sri(response, host):
    if "text/html" not in response.get("Content-Type", ""):
        return "sri-not-implemented-response-not-html", 0
    collector = _ScriptCollector()
    collector.feed(response.content.decode(response.charset or "utf-8"))
    scripts = [s for s in collector.scripts if s.get("src")]
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [s for s in scripts if urlsplit(s["src"]).hostname not in (None, host)]
    insecure = [s for s in external if not s["src"].startswith("https://")]
    with_sri = all(s.get("integrity") for s in scripts)
    if insecure:
        if with_sri:
            return "sri-implemented-but-external-scripts-not-loaded-securely", -20
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if with_sri:
        return "sri-implemented-and-all-scripts-loaded-securely", 5
    if external:
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def hsts_max_age(headers):
    match = re.search(r"max-age=\"?(\d+)", headers.get("Strict-Transport-Security", ""), re.I)
    return int(match.group(1)) if match else None


def score_hsts(headers):
    if "Strict-Transport-Security" not in headers:
        return "hsts-not-implemented", -20
    max_age = hsts_max_age(headers)
    if max_age is None:
        return "hsts-header-invalid", -20
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    # The +5 for sites on the browsers' preload list cannot be earned from a test server.
    return "hsts-implemented-max-age-at-least-six-months", 0


def score_x_content_type_options(headers):
    value = headers.get("X-Content-Type-Options")
    if value is None:
        return "x-content-type-options-not-implemented", -5
    if value.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-header-invalid", -5


def score_x_frame_options(headers):
    policy = parse_csp(headers.get("Content-Security-Policy", "")) or {}
    ancestors = policy.get("frame-ancestors")
    if ancestors and "*" not in ancestors:
        return "x-frame-options-implemented-via-csp", 5
    value = headers.get("X-Frame-Options", "").strip().lower()
    if not value:
        return "x-frame-options-not-implemented", -20
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("allow-from "):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def score_corp(headers):
    value = headers.get("Cross-Origin-Resource-Policy")
    if value is None:
        return "corp-not-implemented", 0
    if value.strip().lower() in ("same-origin", "same-site", "cross-origin"):
        return "corp-implemented", 0
    return "corp-header-invalid", -5


def observatory(response, http_response=None, host="testserver"):
    """(score, {test result: modifier}) for one https response, the Observatory's way."""
    headers = response.headers
    hsts = bool(hsts_max_age(headers))
    results = dict(
        [
            score_csp(headers),
            score_cookies(response, hsts),
            score_cors(headers),
            score_redirection(http_response, host),
            score_referrer_policy(headers),
            score_sri(response, host),
            score_hsts(headers),
            score_x_content_type_options(headers),
            score_x_frame_options(headers),
            score_corp(headers),
        ]
    )
    score = 100 + sum(m for m in results.values() if m < 0)
    if score >= 90:
        score += sum(m for m in results.values() if m > 0)
    return max(score, 0), results


# --- The scorer itself --------------------------------------------------------------


def test_a_response_without_security_headers_scores_an_f():
    bare = HttpResponse("<script src='http://cdn.example/x.js'></script>")
    bare.set_cookie("sessionid", "x")
    score, results = observatory(bare)
    # -25 CSP, -40 session cookie, -20 redirection, -50 SRI, -20 HSTS, -5 nosniff, -20 XFO
    assert score == 0
    assert results["csp-not-implemented"] == -25


def test_unsafe_inline_scripts_cost_twenty_points_and_all_bonuses():
    response = HttpResponse("", content_type="text/plain")
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    response["Strict-Transport-Security"] = "max-age=31536000"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "DENY"
    response["Referrer-Policy"] = "no-referrer"
    score, results = observatory(response, HttpResponse(status=404))
    # 100 - 20 (unsafe-inline) - 20 (no redirect to https) = 60: below 90, no bonus.
    assert score == 60


# --- Our pages -------------------------------------------------------------------


@pytest.fixture
def public_url(db):
    make_group()
    return reverse("portal:home")


def _http_redirect(url):
    """The answer to plain http, with production's redirect on.

    A fresh client: SecurityMiddleware reads the setting when a client first loads it.
    """
    with override_settings(SECURE_SSL_REDIRECT=True):
        return Client().get(url)


@pytest.mark.django_db
def test_public_page_scores_at_least_115(client, public_url):
    http_response = _http_redirect(public_url)
    response = client.get(public_url, secure=True)
    assert response.status_code == 200
    score, results = observatory(response, http_response)
    assert score >= 115, results


@pytest.mark.django_db
def test_admin_login_page_scores_at_least_115(client):
    http_response = _http_redirect("/admin/login/")
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    score, results = observatory(response, http_response)
    assert results["cookies-secure-with-httponly-sessions-and-samesite"] == 5
    assert score >= 115, results


@pytest.mark.django_db
def test_admin_pages_behind_login_score_at_least_115(admin_client):
    response = admin_client.get("/admin/", secure=True)
    assert response.status_code == 200
    score, results = observatory(response, _http_redirect("/admin/"))
    assert score >= 115, results


@pytest.mark.django_db
def test_public_page_sends_the_expected_policy(client, public_url):
    response = client.get(public_url, secure=True)
    # The policy as a browser reads it (the order of its directives aside): no nonce on
    # a public page, nothing from another origin.
    assert parse_csp(response["Content-Security-Policy"]) == parse_csp(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    expected = {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    assert {header: response.get(header) for header in expected} == expected


@pytest.mark.django_db
def test_every_cookie_the_login_page_sets_is_secure_httponly_and_samesite(client):
    response = client.get("/admin/login/", secure=True)
    assert response.cookies
    for morsel in response.cookies.values():
        assert morsel["secure"], morsel.key
        assert morsel["httponly"], morsel.key
        assert morsel["samesite"] == "Lax", morsel.key


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_on_the_same_host(client, public_url):
    response = _http_redirect(public_url)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{public_url}"
