from django.core.management.base import BaseCommand

from api.opendata import opendata_export


class Command(BaseCommand):
    help = (
        "Write the dated open-data zip (JSON and CSV of every resource) into MEDIA_ROOT/opendata/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", help="Write there instead of MEDIA_ROOT/opendata/.")

    def handle(self, *args, directory=None, **options):
        report = opendata_export(directory=directory)
        for name, count in report.counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {report.path}"))
