"""Writes on a staff member's second factor: enrol, confirm, reset."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


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


@transaction.atomic
def two_factor_reset(*, user):
    """Remove every second-factor device of ``user`` and end their sessions, so that a
    stolen phone's session is closed too; return (devices removed, sessions ended)."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    # Through the session engine, whichever it is: a cached engine (cached_db) reads a
    # session from the cache first, and deleting its row alone would leave it open.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    ended = 0
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store.delete(session.session_key)
            ended += 1
    return removed, ended
