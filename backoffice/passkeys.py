"""Passkeys (WebAuthn) as a second factor: the passkeys page and the four ceremonies.

Once verified, staff may register passkeys (the computer's fingerprint reader or PIN, a
security key, a phone); at the code step (login.py), "Use a passkey" then replaces the
code. django-otp-webauthn runs the ceremonies and ships the front end; the views below
narrow its own: registration only in a verified session (the library would let a user
with no device register one and skip the app), verification only for a logged-in member
of staff who owes a second factor (never passwordless), and our messages instead of its
English-only ones. A refused passkey counts as a failed login for django-axes, like a
wrong code.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.contrib.auth.signals import user_login_failed
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions as webauthn_errors
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from backoffice.access import credentials
from backoffice.access import is_back_office_request
from backoffice.access import is_verified
from backoffice.access import next_url
from backoffice.access import render_step


def has_passkey(user):
    """True if ``user`` registered a passkey (one query)."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def passkey_config(request, site):
    """What the library's front end reads from the page (#otp_webauthn_config): the URLs
    of our views below, and the CSRF token (its cookie is HttpOnly)."""

    def url(name):
        return reverse(f"admin:{name}", current_app=site.name)

    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": url("passkey-verify-begin"),
        "completeAuthenticationUrl": url("passkey-verify-complete"),
        "beginRegistrationUrl": url("passkey-register-begin"),
        "completeRegistrationUrl": url("passkey-register-complete"),
    }


def passkeys(request, site):
    """The user's passkeys, and the button that registers one (behind admin_view())."""
    return render_step(
        request,
        site,
        "admin/two_factor/passkeys.html",
        {
            "title": _("Passkeys"),
            "passkeys": WebAuthnCredential.objects.filter(user=request.user).order_by("pk"),
            "webauthn_config": passkey_config(request, site),
        },
    )


# The front end's messages (django-otp-webauthn's djangojs catalogue, and ours in
# locale/fr/LC_MESSAGES/djangojs.po). Outside admin_view(), like the code step.
passkey_messages = JavaScriptCatalog.as_view(packages=["django_otp_webauthn"])


class PasskeyRefused(webauthn_errors.OTPWebAuthnApiError):
    status_code = 403
    default_code = "refused"


class _PasskeyMessages:
    refused = _("This passkey was not accepted.")

    def handle_exception(self, exc):
        # The library's messages are in English only and some of them say too much.
        if isinstance(exc, webauthn_errors.OTPWebAuthnApiError):
            detail = exc.detail if isinstance(exc, PasskeyRefused) else self.refused
            return JsonResponse({"detail": str(detail), "code": exc.code}, status=exc.status_code)
        return super().handle_exception(exc)


class _Registration(_PasskeyMessages):
    refused = _("The passkey could not be registered.")

    def check_can_register(self):
        if not (is_back_office_request(self.request) and is_verified(self.request.user)):
            raise PasskeyRefused(_("Give your second factor first."))


class _Verification(_PasskeyMessages):
    def check_can_authenticate(self):
        request, user = self.request, self.request.user
        if not (user.is_authenticated and is_back_office_request(request)):
            raise PasskeyRefused(_("Log in with your password first."))
        if not AxesProxyHandler.is_allowed(request, credentials(user)):
            raise PasskeyRefused(_("Too many failed logins: try again later."), code="locked")


@method_decorator(csrf_protect, name="dispatch")
class PasskeyRegisterBegin(_Registration, webauthn_views.BeginCredentialRegistrationView):
    pass


@method_decorator(csrf_protect, name="dispatch")
class PasskeyRegisterComplete(_Registration, webauthn_views.CompleteCredentialRegistrationView):
    pass


@method_decorator(csrf_protect, name="dispatch")
class PasskeyVerifyBegin(_Verification, webauthn_views.BeginCredentialAuthenticationView):
    pass


@method_decorator(csrf_protect, name="dispatch")
class PasskeyVerifyComplete(_Verification, webauthn_views.CompleteCredentialAuthenticationView):
    """A passkey accepted marks the session verified and forgets the failed logins; one
    refused counts as a failed login for django-axes, like a wrong code."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        user = request.user
        if response.status_code == 200:
            axes_reset(ip=request.axes_ip_address, username=user.get_username())
        elif user.is_authenticated and is_back_office_request(request):
            if AxesProxyHandler.is_allowed(request, credentials(user)):
                user_login_failed.send(
                    sender=__name__, credentials=credentials(user), request=request
                )
        return response

    def get_success_url(self):
        return next_url(self.request)


# The library's four JSON views, narrowed as above: (ceremony, step) -> view; their URLs
# are two-factor/passkeys/<ceremony>/<step>/ (backoffice/sites.py).
PASSKEY_CEREMONIES = {
    ("register", "begin"): PasskeyRegisterBegin,
    ("register", "complete"): PasskeyRegisterComplete,
    ("verify", "begin"): PasskeyVerifyBegin,
    ("verify", "complete"): PasskeyVerifyComplete,
}
