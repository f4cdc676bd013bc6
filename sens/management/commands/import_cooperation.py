"""manage.py import_cooperation FILE.csv: load agreements (columns:
docs/import-cooperation.md). The work is in cooperation/importer.py (parse, check,
write); the run is recorded like import_sens's (sens.services.cooperation_import), so
staff read it in the back office."""

import getpass

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from tqdm import tqdm

from cooperation.importer import count_lines
from cooperation.models import Agreement
from sens import services


class Command(BaseCommand):
    help = "Import decentralized cooperation agreements from a CSV file (UTF-8 or latin-1, ; or ,)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if agreements already exist."
        )

    def handle(self, file, if_empty=False, **options):
        if if_empty and Agreement.objects.exists():
            self.stdout.write("Agreements exist already: nothing imported.")
            return
        total = count_lines(file) if _readable(file) else 0

        def progress(rows):
            # The bar goes to stderr, and only on a terminal (disable=None).
            return tqdm(rows, total=total, unit=" rows", file=self.stderr._out, disable=None)

        try:
            outcome = services.cooperation_import(
                path=file, run_by=getpass.getuser(), progress=progress
            )
        except services.ImportRefused as refused:
            self.print_rejections(refused.run.rows)
            raise CommandError(str(refused)) from refused
        figures = outcome.report.summary()
        agreements = figures.get("agreements", {})
        self.stdout.write(
            f"{agreements.get('read', 0)} rows read: {agreements.get('created', 0)} agreements "
            f"created, {agreements.get('updated', 0)} updated, "
            f"{agreements.get('unchanged', 0)} unchanged, "
            f"{figures.get('authorities', {}).get('created', 0)} authorities created, "
            f"{agreements.get('rejected', 0)} rejected (import run #{outcome.run.pk})."
        )
        self.print_rejections(outcome.run.rows)

    def print_rejections(self, rows):
        for row in rows:
            self.stderr.write(f"line {row['line']}: [{row['rule']}] {row['detail']}")


def _readable(path):
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False
