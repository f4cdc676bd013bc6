"""After a Senate election: end every group's terms and keep the senators still in office
as members (groups.services.groups_renew_all); each group's bureau is then elected and
entered in the back office (« Renouveler le bureau » or the group's form)."""

import datetime

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from groups.services import groups_renew_all


class Command(BaseCommand):
    help = "Renew every friendship group after a Senate election (terms end the day before --on)."

    def add_arguments(self, parser):
        parser.add_argument("--on", required=True, help="The renewal date, YYYY-MM-DD.")

    def handle(self, *args, on, **options):
        try:
            day = datetime.date.fromisoformat(on)
        except ValueError:
            raise CommandError(f"--on: not a date (YYYY-MM-DD): {on}") from None
        renewed = groups_renew_all(on=day)
        terms = sum(len(rows) for rows in renewed.values())
        self.stdout.write(f"{len(renewed)} groups renewed on {day}: {terms} members stay.")
