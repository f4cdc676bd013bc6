"""Following by e-mail: subscribe (double opt-in), confirm, unsubscribe, the daily digest.

Every message goes through Django's ``send_mail`` machinery, hence the outbox
(outbox/backends.py), in the same transaction as the row it concerns.
"""

import datetime
import logging
from dataclasses import dataclass
from dataclasses import field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from cooperation.models import Agreement
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import Report

from .models import CONFIRMATION_HOURS
from .models import SentItem
from .models import Subscription

logger = logging.getLogger(__name__)

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def confirm_token(subscription):
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT)


def unsubscribe_token(subscription):
    """Never expires: the link of a year-old message must still unsubscribe."""
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def read_confirm_token(token):
    """The subscription's id; raises signing.BadSignature (or SignatureExpired)."""
    return signing.loads(
        token, salt=CONFIRM_SALT, max_age=datetime.timedelta(hours=CONFIRMATION_HOURS)
    )


def read_unsubscribe_token(token):
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def subscription_request(*, email, target, language):
    """Ask ``email`` to confirm following ``target`` (a Country, group or authority).

    A new or still unconfirmed subscription gets a confirmation e-mail in
    ``language``; an address that already follows gets nothing, and the caller
    answers the same either way (no one learns who follows what).
    """
    email = email.strip().lower()
    kind = {"Country": "country", "FriendshipGroup": "group", "LocalAuthority": "authority"}[
        type(target).__name__
    ]
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        email=email, **{kind: target}, defaults={"language": language}
    )
    if subscription.confirmed_at is not None:
        return subscription
    if not created:  # asked again: a fresh link, valid from now, in the language of now
        subscription.language = language
        subscription.created_at = timezone.now()
        subscription.save(update_fields=["language", "created_at"])
    with translation.override(language):
        url = absolute(reverse("alerts:confirm", kwargs={"token": confirm_token(subscription)}))
        context = {"followed": target, "url": url, "hours": CONFIRMATION_HOURS}
        EmailMessage(
            subject=render_to_string("alerts/email/confirm_subject.txt", context).strip(),
            body=render_to_string("alerts/email/confirm.txt", context),
            to=[email],
        ).send()
    return subscription


def subscription_confirm(*, subscription):
    """Start the digests: from now on, what is published is sent."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = subscription.last_digest_at = timezone.now()
        subscription.save(update_fields=["confirmed_at", "last_digest_at"])
    return subscription


def subscription_delete(*, subscription_id):
    """Unsubscribe: the row and what it was sent go at once (nothing kept)."""
    Subscription.objects.filter(pk=subscription_id).delete()


# --- The digest ---------------------------------------------------------------------

# (kind, its heading's msgid is in the template) in the order the message lists them.
KINDS = ["mission", "reception", "report", "colloquium", "agreement"]


def _new_since(since):
    """Published rows that became public after ``since``: published then (``updated_at``,
    the save that published it) or scheduled for after it (``published_at``)."""
    return Q(published_at__gt=since) | Q(updated_at__gt=since)


def followed_querysets(subscription):
    """{kind: published rows touching what ``subscription`` follows}; never a draft."""
    country, group, authority = subscription.country, subscription.group, subscription.authority
    if country:
        return {
            "mission": Mission.objects.published().filter(countries=country),
            "reception": Reception.objects.published()
            .filter(country=country)
            .select_related("group"),
            "report": Report.objects.published().filter(countries=country),
            "colloquium": Colloquium.objects.published().filter(countries=country),
            "agreement": Agreement.objects.published().for_country(country),
        }
    if group:
        return {
            "mission": Mission.objects.published().filter(group=group),
            "reception": Reception.objects.published().filter(group=group).select_related("group"),
            "report": Report.objects.published().filter(group=group),
            "colloquium": Colloquium.objects.published().filter(groups=group),
        }
    return {"agreement": Agreement.objects.published().for_authority(authority)}


def followed_is_public(subscription):
    """A group that went back to draft sends nothing (a country or an authority always may)."""
    return subscription.group is None or subscription.group.is_published


@dataclass
class DigestReport:
    sent: int = 0
    empty: int = 0
    deleted_unconfirmed: int = 0
    items: dict = field(default_factory=dict)


def digest_send(*, now=None):
    """Queue one message per follower with what was published since their last digest.

    Each subscription in its own transaction: its message (through the outbox), what
    it carried (SentItem: nothing is sent twice, even when a published row is edited
    again) and its new ``last_digest_at`` are written together. Also deletes the
    unconfirmed subscriptions whose link has expired.
    """
    now = now or timezone.now()
    report = DigestReport()
    report.deleted_unconfirmed, _ = Subscription.objects.expired_unconfirmed(now).delete()
    for subscription in Subscription.objects.for_digest():
        with transaction.atomic():
            if _send_one(subscription, now):
                report.sent += 1
            else:
                report.empty += 1
    return report


def _send_one(subscription, now):
    since = subscription.last_digest_at or subscription.confirmed_at
    sections = []
    sent_keys = set()
    if followed_is_public(subscription):
        already = set(subscription.sent_items.values_list("kind", "object_id"))
        with translation.override(subscription.language):
            for kind, queryset in followed_querysets(subscription).items():
                rows = [
                    row
                    for row in queryset.filter(_new_since(since)).order_by("published_at", "pk")
                    if (kind, row.pk) not in already
                ]
                if kind == "agreement":
                    rows = list(Agreement.objects.filter(pk__in=[r.pk for r in rows]).for_list())
                if rows:
                    sections.append((kind, [_entry(kind, row) for row in rows]))
                    sent_keys.update((kind, row.pk) for row in rows)
    if sections:
        _queue_digest(subscription, sections)
        SentItem.objects.bulk_create(
            [SentItem(subscription=subscription, kind=k, object_id=pk) for k, pk in sent_keys],
            ignore_conflicts=True,
        )
    subscription.last_digest_at = now
    subscription.save(update_fields=["last_digest_at"])
    return bool(sections)


def _entry(kind, row):
    """(title, absolute URL) of a row, in the active language."""
    if kind == "reception":
        # A reception has no page of its own: its group's page lists it.
        return row.title, absolute(row.group.get_absolute_url())
    return str(row.title), absolute(row.get_absolute_url())


def _queue_digest(subscription, sections):
    with translation.override(subscription.language):
        unsubscribe = absolute(
            reverse("alerts:unsubscribe", kwargs={"token": unsubscribe_token(subscription)})
        )
        context = {
            "followed": subscription.followed,
            "followed_url": absolute(subscription.followed.get_absolute_url()),
            "sections": sections,
            "unsubscribe_url": unsubscribe,
        }
        EmailMessage(
            subject=render_to_string("alerts/email/digest_subject.txt", context).strip(),
            body=render_to_string("alerts/email/digest.txt", context),
            to=[subscription.email],
            headers={
                # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        ).send()
