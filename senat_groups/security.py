"""Who may enter the back office, and which address a login attempt comes from."""

from django.conf import settings
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path
from django.views.defaults import bad_request

from backoffice.sites import BackOfficeSite

# Its members are the DRIP editors; portal's data migration gives it its permissions.
EDITORS_GROUP = settings.EDITORS_GROUP


def is_back_office_user(user):
    """Superusers, and active staff who belong to the editors' group."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def is_back_office_request(request):
    """is_back_office_user(request.user), asked several times per page: one query at most."""
    if not hasattr(request, "_is_back_office_user"):
        request._is_back_office_user = is_back_office_user(request.user)
    return request._is_back_office_user


def is_verified(user):
    """True once the user has given their second factor in this session (django-otp)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())


class SenatAdminSite(BackOfficeSite):
    """The default admin site (the back office's dashboard and previews), closed to staff
    outside the editors' group, and to staff who have not given their second factor in
    this session (senat_groups/two_factor.py).
    """

    def has_permission(self, request):
        # Asked several times per admin page: one query per request at most.
        return is_back_office_request(request) and is_verified(request.user)

    def login(self, request, extra_context=None):
        # After the password, the code (or, the first time, the enrolment).
        user = request.user
        if user.is_authenticated and not is_verified(user) and is_back_office_request(request):
            query = {"next": request.GET["next"]} if request.GET.get("next") else {}
            url = reverse("admin:two-factor", current_app=self.name)
            return redirect(f"{url}?{urlencode(query)}" if query else url)
        return super().login(request, extra_context)

    def get_urls(self):
        from senat_groups import two_factor

        # Outside admin_view(): these pages come before the permission they grant.
        return [
            path("two-factor/", two_factor.verify, {"site": self}, name="two-factor"),
            path("two-factor/enrol/", two_factor.enrol, {"site": self}, name="two-factor-enrol"),
            path(
                "two-factor/recovery-codes/",
                two_factor.recovery_codes,
                {"site": self},
                name="two-factor-codes",
            ),
            path(
                "two-factor/passkeys/",
                self.admin_view(two_factor.passkeys, cacheable=False),
                {"site": self},
                name="two-factor-passkeys",
            ),
            path(
                "two-factor/passkeys/jsi18n/", two_factor.passkey_messages, name="passkey-messages"
            ),
            # The passkey ceremonies: passkeys/register/begin/ is "passkey-register-begin"...
            *(
                path(
                    f"two-factor/passkeys/{ceremony}/{step}/",
                    view.as_view(),
                    name=f"passkey-{ceremony}-{step}",
                )
                for (ceremony, step), view in two_factor.PASSKEY_CEREMONIES.items()
            ),
            *super().get_urls(),
        ]


class SenatAdminConfig(AdminConfig):
    default_site = "senat_groups.security.SenatAdminSite"


def client_ip(request):
    """The address a login attempt comes from, for django-axes.

    Behind TRUSTED_PROXY_COUNT proxies (load balancer, reverse proxy), each one
    appends the address it received the request from to X-Forwarded-For, so the
    client is the entry that many places from the right. Entries further left
    were written by the client itself and cannot be trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [ip for ip in forwarded if ip]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class QueryStringLimitMiddleware:
    """Answer 400 at once to a query string with too many parameters.

    Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters when
    ``request.GET`` is first read, deep in a view; with DEBUG on, its error page
    then reads ``request.GET`` again, fails again at every middleware, and the
    development server answered a 500 after 15 s. Checked here, above every
    middleware that reads the query (the page cache keys on it), the visitor gets
    the 400 page whatever DEBUG says.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018  (parsed once and kept; raises on too many fields)
        except TooManyFieldsSent as error:
            return bad_request(request, error)
        return self.get_response(request)


def csrf_failure(request, reason=""):
    """A refused form (settings.CSRF_FAILURE_VIEW): the site's bilingual error page.

    Django's own page is in English only, and its inline style is blocked by our CSP.
    ``reason`` is for the logs (Django logs it), not for the visitor.
    """
    return render(request, "403_csrf.html", status=403)


SAFE_METHODS = ["GET", "HEAD"]


class ReadOnlyPublicPagesMiddleware:
    """Answer 405 (``Allow: GET, HEAD``) to any other method on a public page.

    The public pages (everything under /fr/ and /en/) only read: without this a POST
    got the CSRF 403, and TRACE or OPTIONS got the whole page with a 200. The back
    office, /i18n/ (set_language's POST) and the API (its viewsets answer for their
    own methods) have no language prefix and keep their rules. Placed before the CSRF
    middleware, so that a POST is refused for its method, not for its missing token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS and get_language_from_path(request.path_info):
            return HttpResponseNotAllowed(SAFE_METHODS)
        return self.get_response(request)
