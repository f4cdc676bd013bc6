"""Publish the unpublished versions of live records whose scheduled date has come.

Run it every few minutes on one machine (docs/backoffice.md), like the Senate's import.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from backoffice.models import Draft
from backoffice.services import draft_publish


class Command(BaseCommand):
    help = "Publish the scheduled drafts of live records whose date has come."

    def handle(self, *args, **options):
        for draft in Draft.objects.due(timezone.now()):
            errors = draft_publish(draft=draft)
            if errors:
                self.stderr.write(f"{draft}: not published: {' '.join(errors)}")
            else:
                self.stdout.write(f"{draft}: published")
