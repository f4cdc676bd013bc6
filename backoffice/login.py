"""The second step of a staff login: a six-digit code (TOTP) or a recovery code.

The admin's login form checks the password and logs the user in; until a code is
given, the admin site's ``has_permission`` refuses every admin page and its login view
sends the user here (django-otp marks the session as verified). Staff without a
device enrol first: scan a QR code with an authenticator app, type the code it shows,
and write down ten single-use recovery codes. An administrator who lost their phone
is reset with ``manage.py reset_two_factor USERNAME`` and enrols again. Once verified,
staff may also register passkeys (passkeys.py), which then replace the code here.

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
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.access import credentials
from backoffice.access import is_back_office_request
from backoffice.access import is_verified
from backoffice.access import next_url
from backoffice.access import render_step
from backoffice.access import with_next
from backoffice.lockout import lockout_response
from backoffice.passkeys import has_passkey
from backoffice.passkeys import passkey_config
from backoffice.services import two_factor_confirm
from backoffice.services import two_factor_enrol

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
        return None, redirect(with_next(request, "admin:login"))
    if is_verified(user):
        return None, redirect(next_url(request))
    if not AxesProxyHandler.is_allowed(request, credentials(user)):
        return None, lockout_response(request, credentials=credentials(user))
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
        user_login_failed.send(sender=__name__, credentials=credentials(user), request=request)
        form.add_error("code", _("This code is wrong or has expired. Try the current one."))
    else:
        otp_login(request, device)
        axes_reset(ip=request.axes_ip_address, username=user.get_username())
    return form, device


@_code_step
def verify(request, site, user):
    if not user_has_device(user):
        return redirect(with_next(request, "admin:two-factor-enrol"))
    form, device = _check_code(request, user, lambda code: match_code(user, code))
    if device is not None:
        return redirect(next_url(request))
    if request.axes_locked_out:
        return lockout_response(request, credentials=credentials(user))
    return render_step(
        request,
        site,
        "admin/two_factor/verify.html",
        {
            "title": _("Second factor"),
            "form": form,
            "webauthn_config": passkey_config(request, site) if has_passkey(user) else None,
        },
    )


def _qr_data_uri(text):
    """The QR code as an SVG data: URI, which the CSP allows (img-src data:)."""
    out = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


@_code_step
def enrol(request, site, user):
    if user_has_device(user):
        # Someone with the password only must not add a device of their own.
        return redirect(with_next(request, "admin:two-factor"))
    device = two_factor_enrol(user=user)
    form, accepted = _check_code(
        request, user, lambda code: device if device.verify_token(code) else None
    )
    if accepted is not None:
        request.session[SESSION_CODES_KEY] = two_factor_confirm(device=device)
        return redirect(with_next(request, "admin:two-factor-codes"))
    if request.axes_locked_out:
        return lockout_response(request, credentials=credentials(user))
    secret = base64.b32encode(device.bin_key).decode()
    return render_step(
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
        return redirect(with_next(request, "admin:login"))
    codes = request.session.pop(SESSION_CODES_KEY, None)
    if not codes:
        return redirect(next_url(request))
    return render_step(
        request,
        site,
        "admin/two_factor/codes.html",
        {"title": _("Your recovery codes"), "codes": codes},
    )
