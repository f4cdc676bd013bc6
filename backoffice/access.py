"""Who may enter the back office, and what the login steps share.

The bottom of the back office's staff access: the admin site (sites.py), the login steps
(login.py, passkeys.py) and the lockout page (lockout.py) import this module, never the
reverse, so there is no import circle between them.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.http import urlencode

# Its members are the DRIP editors; backoffice/permissions.py gives it its permissions.
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


def next_url(request):
    """Where to go once the step is done: ``next`` if it stays on this site, else the
    back office's home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def with_next(request, name):
    """The URL named ``name``, carrying this request's ``next`` along."""
    url = reverse(name)
    nxt = request.POST.get("next") or request.GET.get("next")
    return f"{url}?{urlencode({'next': nxt})}" if nxt else url


def credentials(user):
    """What django-axes counts a failed login against: the account's username."""
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def render_step(request, site, template, context):
    """A login step's page, with the admin's titles and the ``next`` to carry along."""
    return render(
        request,
        template,
        {**site.each_context(request), "next": next_url(request), **context},
    )
