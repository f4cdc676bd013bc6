"""Delivering the outbox (``manage.py send_mail_outbox``)."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutgoingMessage

logger = logging.getLogger(__name__)


class _StoredMIME:
    """What Django's SMTP backend asks of ``EmailMessage.message()``: the bytes, as stored."""

    def __init__(self, raw):
        self.raw = raw

    def as_bytes(self, linesep="\n"):
        return self.raw

    def get_charset(self):
        return None  # the console backend then reads the bytes as UTF-8


class _StoredMessage(EmailMessage):
    """A queued row, handed to a Django e-mail backend as the message it was built as."""

    def __init__(self, row):
        super().__init__(from_email=row.from_email, to=row.recipients)
        self.row = row

    def message(self):
        return _StoredMIME(bytes(self.row.raw))


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  # failed this time, to be tried again
    given_up: int = 0  # failed for the last time: status FAILED


def outbox_purge(*, now=None):
    """Delete the messages sent more than EMAIL_OUTBOX_KEEP_DAYS ago (they hold addresses:
    personal data, kept no longer than the personal-data page says). Failed ones stay."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EMAIL_OUTBOX_KEEP_DAYS)
    deleted, _ = OutgoingMessage.objects.filter(
        status=OutgoingMessage.Status.SENT, sent_at__lt=cutoff
    ).delete()
    return deleted


def retry_delay(attempts):
    """How long to wait after the ``attempts``-th failure: doubling, from
    EMAIL_OUTBOX_RETRY_MINUTES, at most a day (1, 2, 4, 8... minutes)."""
    minutes = settings.EMAIL_OUTBOX_RETRY_MINUTES * 2 ** (attempts - 1)
    return datetime.timedelta(minutes=min(minutes, 24 * 60))


def outbox_deliver(*, limit=None):
    """Send the messages that are due, each in its own transaction; return a DeliveryReport.

    Each row is locked while it is sent (``skip_locked``): two runs at once (a timer
    and an operator) never send the same message twice. A row is marked sent only
    after the server accepted it; a failure is logged and recorded on the row (error,
    attempts, next attempt), and after EMAIL_OUTBOX_MAX_ATTEMPTS the row stays as
    failed: nothing is dropped. Should the process die between the server's answer
    and the commit, the message is sent again on the next run (at least once, never
    lost).
    """
    report = DeliveryReport()
    started = timezone.now()
    tried = []  # each row once per run, whatever happens to it
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        while limit is None or len(tried) < limit:
            with transaction.atomic():
                row = (
                    OutgoingMessage.objects.due(started)
                    .exclude(pk__in=tried)
                    .select_for_update(skip_locked=True)
                    .first()
                )
                if row is None:
                    break
                tried.append(row.pk)
                _deliver_one(row, connection, report)
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            pass  # the server went away after its last answer: nothing was lost
    return report


def _deliver_one(row, connection, report):
    row.attempts += 1
    try:
        if not connection.send_messages([_StoredMessage(row)]):
            raise smtplib.SMTPException("the e-mail backend sent nothing")
    except (smtplib.SMTPException, OSError) as error:
        # A refused or broken connection: close it, the next message opens a new one.
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            pass
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= settings.EMAIL_OUTBOX_MAX_ATTEMPTS:
            row.status = OutgoingMessage.Status.FAILED
            report.given_up += 1
            logger.error(
                "e-mail %s not sent after %s attempts, given up: %s",
                row.pk,
                row.attempts,
                row.last_error,
            )
        else:
            row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
            report.failed += 1
            logger.warning(
                "e-mail %s not sent (attempt %s of %s), next at %s: %s",
                row.pk,
                row.attempts,
                settings.EMAIL_OUTBOX_MAX_ATTEMPTS,
                row.next_attempt_at.isoformat(),
                row.last_error,
            )
    else:
        row.status = OutgoingMessage.Status.SENT
        row.sent_at = timezone.now()
        report.sent += 1
    row.save(update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"])
