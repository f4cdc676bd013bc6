"""The EMAIL_BACKEND of the site: it queues, ``send_mail_outbox`` delivers.

Writing to a table instead of talking to an SMTP server means that a page which
sends e-mail never waits for one nor fails because of one, and that a message is
kept (with the row that caused it, in the same transaction) until a server has
accepted it. Delivery goes through EMAIL_DELIVERY_BACKEND, Django's SMTP backend
in production (outbox/services.py).
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import sanitize_address
from django.utils import timezone

from .models import OutgoingMessage


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        rows = []
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            encoding = message.encoding or settings.DEFAULT_CHARSET
            rows.append(
                OutgoingMessage(
                    from_email=sanitize_address(message.from_email, encoding),
                    recipients=[sanitize_address(a, encoding) for a in recipients],
                    subject=str(message.subject)[:998],
                    raw=message.message().as_bytes(linesep="\r\n"),
                    next_attempt_at=timezone.now(),
                )
            )
        OutgoingMessage.objects.bulk_create(rows)
        return len(rows)
