"""Writes of the back office: a staff member's second factor (enrol, confirm, reset), and
the drafts of live records (save, discard, publish)."""

import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
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


# --- Drafts of live records (backoffice/drafts.py) --------------------------------------


def draft_save(*, obj, draft, data, user):
    """Keep ``data`` (a change form's POST) as the unpublished version of the live ``obj``.

    A publication date in the future schedules it (``manage.py publish_drafts``).
    """
    from django.contrib.contenttypes.models import ContentType

    from .models import Draft

    if draft is None:
        draft = Draft(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)
    draft.data = data
    draft.version = uuid.uuid4()
    draft.saved_by = user
    draft.publish_at = obj.published_at if obj.published_at > timezone.now() else None
    draft.save()
    return draft


def draft_discard(*, draft):
    draft.delete()


def draft_publish(*, draft, user=None):
    """Apply ``draft`` to its record as its change form's « Publier » would, in one
    transaction with a history entry; the draft is then deleted. Return the errors
    ([] once published): a draft that no longer fits (a colleague changed the live
    record since) stays, for an editor to open.
    """
    import reversion
    from django.contrib import admin

    from .formdata import PUBLISH_DRAFT
    from .formdata import SEEN_DRAFT
    from .formdata import apply_form_data
    from .formdata import replay_request

    user = user or draft.saved_by
    model = draft.content_type.model_class()
    model_admin = admin.site._registry[model]
    data = {**draft.data, SEEN_DRAFT: [str(draft.version)], PUBLISH_DRAFT: ["1"]}
    request = replay_request(user, data)
    with transaction.atomic():
        obj = model_admin.get_object(request, draft.object_id)
        if obj is None:
            draft.delete()
            return [gettext("The record of this unpublished version no longer exists.")]
        with reversion.create_revision():
            reversion.set_user(user)
            errors = apply_form_data(model_admin, request, obj)
        if errors:
            transaction.set_rollback(True)
    return errors
