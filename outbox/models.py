"""The outbox: every e-mail the site sends, kept until an SMTP server has accepted it.

Code sends e-mail the Django way (``send_mail``, ``EmailMessage.send()``); the
EMAIL_BACKEND (outbox.backends.OutboxBackend) writes each message here, in the
caller's transaction, and ``manage.py send_mail_outbox`` delivers them. A message
that fails stays here with its error and is tried again later, up to
EMAIL_OUTBOX_MAX_ATTEMPTS times; then it stays as failed, for staff to see.
"""

from email import message_from_bytes
from email import policy

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMessageQuerySet(models.QuerySet):
    def due(self, now):
        """Queued messages whose next attempt has come, oldest first."""
        return self.filter(status=OutgoingMessage.Status.QUEUED, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "pk"
        )


class OutgoingMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (no more attempts)")

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    from_email = models.CharField(_("sender"), max_length=320)
    recipients = ArrayField(models.CharField(max_length=320), verbose_name=_("recipients"))
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    # The whole message as the SMTP server will receive it (headers, parts, attachments),
    # so that what is delivered is exactly what the code built.
    raw = models.BinaryField(_("message"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return self.subject

    def parsed(self):
        """The stored message as an ``email.message.EmailMessage`` (no query)."""
        return message_from_bytes(bytes(self.raw), policy=policy.default)

    def text(self):
        """The plain-text body, for the admin."""
        part = self.parsed().get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""
