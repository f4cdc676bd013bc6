from django.core.management.base import BaseCommand

from alerts.services import digest_send


class Command(BaseCommand):
    help = (
        "Queue each follower's daily digest: what was published since their last one about "
        "what they follow (then send_mail_outbox delivers). Run it once a day."
    )

    def handle(self, *args, **options):
        report = digest_send()
        self.stdout.write(
            f"{report.sent} digests queued, {report.empty} followers with nothing new, "
            f"{report.deleted_unconfirmed} unconfirmed subscriptions deleted"
        )
