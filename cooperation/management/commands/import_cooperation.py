"""manage.py import_cooperation FILE.csv: load agreements (columns: docs/import-cooperation.md)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import IntegrityError
from tqdm import tqdm

from cooperation.importer import ImportFileError
from cooperation.importer import count_lines
from cooperation.importer import import_file
from cooperation.models import Agreement


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
            report = import_file(file, progress=progress)
        except (OSError, ImportFileError) as e:
            raise CommandError(f"{file}: {e}") from e
        except (ValidationError, IntegrityError) as e:
            raise CommandError(f"{file}: nothing imported: {e}") from e
        self.stdout.write(
            f"{report.read} rows read: {report.created} agreements created, "
            f"{report.updated} updated, {report.unchanged} unchanged, "
            f"{report.authorities_created} authorities created, {len(report.rejected)} rejected."
        )
        for rejection in report.rejected:
            self.stderr.write(f"line {rejection.line}: [{rejection.rule}] {rejection.message}")
        if report.rejected and not (report.created or report.updated or report.unchanged):
            raise CommandError("every row was rejected")


def _readable(path):
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False
