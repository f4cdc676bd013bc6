from django.core.management.base import BaseCommand

from outbox.services import outbox_deliver
from outbox.services import outbox_purge


class Command(BaseCommand):
    help = (
        "Deliver the queued e-mails through EMAIL_DELIVERY_BACKEND (SMTP); failures stay "
        "queued with their error and are retried later. Run it every minute (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many.")

    def handle(self, *args, limit=None, **options):
        report = outbox_deliver(limit=limit)
        purged = outbox_purge()
        self.stdout.write(
            f"{report.sent} sent, {report.failed} to retry, {report.given_up} given up, "
            f"{purged} sent long ago deleted"
        )
