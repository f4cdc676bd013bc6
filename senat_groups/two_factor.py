"""The second step of a staff login: a six-digit code (TOTP) or a recovery code.

The admin's login form checks the password and logs the user in; until a code is
given, ``SenatAdminSite.has_permission`` refuses every admin page and its login view
sends the user here (django-otp marks the session as verified). Staff without a
device enrol first: scan a QR code with an authenticator app, type the code it shows,
and write down ten single-use recovery codes. An administrator who lost their phone
is reset with ``manage.py reset_two_factor USERNAME`` and enrols again.

Once verified, staff may also register passkeys (WebAuthn: the computer's fingerprint
reader or PIN, a security key, a phone); at the code step, "Use a passkey" then
replaces the code. django-otp-webauthn runs the ceremonies and ships the front end;
the views below narrow its own: registration only in a verified session (the library
would let a user with no device register one and skip the app), verification only
for a logged-in member of staff who owes a second factor (never passwordless), and
our messages instead of its English-only ones.

Wrong codes and refused passkeys count as failed logins for django-axes, exactly as
wrong passwords do, and the count is reset only once the second factor is given.
"""

import base64
import functools
import io

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.i18n import JavaScriptCatalog
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import exceptions as webauthn_errors
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from senat_groups.lockout import lockout_response
from senat_groups.security import is_back_office_request
from senat_groups.security import is_verified

RECOVERY_CODE_COUNT = 10
SESSION_CODES_KEY = "two_factor_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "numeric"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _with_next(request, name):
    url = reverse(name)
    nxt = request.POST.get("next") or request.GET.get("next")
    return f"{url}?{urlencode({'next': nxt})}" if nxt else url


def _credentials(user):
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def _render(request, site, template, context):
    return render(
        request,
        template,
        {**site.each_context(request), "next": _next_url(request), **context},
    )


def match_code(user, code):
    """The device that accepts ``code``: six digits are the authenticator app's code,
    anything else a recovery code. django_otp.match_token would try every device, and a
    recovery code tried against the app's device counts as a failure there, whose
    throttling then refuses the app's good codes for longer after each such login."""
    kind = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, kind) and device.verify_token(code):
                return device
    return None


def _guard(request):
    """The user this step is for, or a response that sends them elsewhere."""
    user = request.user
    if not user.is_authenticated or not is_back_office_request(request):
        return None, redirect(_with_next(request, "admin:login"))
    if is_verified(user):
        return None, redirect(_next_url(request))
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        return None, lockout_response(request, credentials=_credentials(user))
    return user, None


def _code_step(view):
    """A step that asks a logged-in staff member for a code: ``view(request, site, user)``
    runs only for a user who still owes one and is not locked out."""

    @sensitive_post_parameters("code")
    @csrf_protect
    @never_cache
    @functools.wraps(view)
    def step(request, site):
        user, response = _guard(request)
        return response or view(request, site, user)

    return step


def _check_code(request, user, device_for):
    """The code form, and the device that accepted its code (None on a GET or a wrong code).

    ``device_for(code)`` is the device that accepts ``code``, or None. A right code marks
    the session verified and forgets the failed logins; a wrong one counts as a failed
    login for django-axes, like a wrong password."""
    form = CodeForm(request.POST or None)
    if not form.is_valid():
        return form, None
    device = device_for(form.cleaned_data["code"])
    if device is None:
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
        form.add_error("code", _("This code is wrong or has expired. Try the current one."))
    else:
        otp_login(request, device)
        axes_reset(ip=request.axes_ip_address, username=user.get_username())
    return form, device


@_code_step
def verify(request, site, user):
    if not user_has_device(user):
        return redirect(_with_next(request, "admin:two-factor-enrol"))
    form, device = _check_code(request, user, lambda code: match_code(user, code))
    if device is not None:
        return redirect(_next_url(request))
    if request.axes_locked_out:
        return lockout_response(request, credentials=_credentials(user))
    has_passkey = WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    return _render(
        request,
        site,
        "admin/two_factor/verify.html",
        {
            "title": _("Second factor"),
            "form": form,
            "webauthn_config": passkey_config(request, site) if has_passkey else None,
        },
    )


def _qr_data_uri(text):
    """The QR code as an SVG data: URI, which the CSP allows (img-src data:)."""
    out = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


@transaction.atomic
def two_factor_enrol(*, user):
    """The user's TOTP device waiting for its first code (the same one on each visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, device):
    """Confirm the TOTP device and give the user fresh recovery codes; return the codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    static = StaticDevice.objects.create(user=device.user, name="recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@_code_step
def enrol(request, site, user):
    if user_has_device(user):
        # Someone with the password only must not add a device of their own.
        return redirect(_with_next(request, "admin:two-factor"))
    device = two_factor_enrol(user=user)
    form, accepted = _check_code(
        request, user, lambda code: device if device.verify_token(code) else None
    )
    if accepted is not None:
        request.session[SESSION_CODES_KEY] = two_factor_confirm(device=device)
        return redirect(_with_next(request, "admin:two-factor-codes"))
    if request.axes_locked_out:
        return lockout_response(request, credentials=_credentials(user))
    secret = base64.b32encode(device.bin_key).decode()
    return _render(
        request,
        site,
        "admin/two_factor/enrol.html",
        {
            "title": _("Set up your second factor"),
            "form": form,
            "qr_code": _qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@never_cache
def recovery_codes(request, site):
    """The recovery codes, shown once, right after enrolment."""
    if not (is_back_office_request(request) and is_verified(request.user)):
        return redirect(_with_next(request, "admin:login"))
    codes = request.session.pop(SESSION_CODES_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    return _render(
        request,
        site,
        "admin/two_factor/codes.html",
        {"title": _("Your recovery codes"), "codes": codes},
    )


# --- Passkeys ---------------------------------------------------------------------------


def passkey_config(request, site):
    """What the library's front end reads from the page (#otp_webauthn_config): the URLs
    of our views below, and the CSRF token (its cookie is HttpOnly)."""
    from django.middleware.csrf import get_token

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
    return _render(
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
        if not AxesProxyHandler.is_allowed(request, _credentials(user)):
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
            if AxesProxyHandler.is_allowed(request, _credentials(user)):
                user_login_failed.send(
                    sender=__name__, credentials=_credentials(user), request=request
                )
        return response

    def get_success_url(self):
        return _next_url(self.request)


# The library's four JSON views, narrowed as above: (ceremony, step) -> view; their URLs
# are two-factor/passkeys/<ceremony>/<step>/ (senat_groups/security.py).
PASSKEY_CEREMONIES = {
    ("register", "begin"): PasskeyRegisterBegin,
    ("register", "complete"): PasskeyRegisterComplete,
    ("verify", "begin"): PasskeyVerifyBegin,
    ("verify", "complete"): PasskeyVerifyComplete,
}
