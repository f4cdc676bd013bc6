"""manage.py import_sens: load the Senate's `sens` export (data.senat.fr) into the portal.

    manage.py import_sens export_sens.zip          # or export_sens.sql, or a CSV folder
    manage.py import_sens --url https://data.senat.fr/data/senateurs/export_sens.zip
    manage.py import_sens FOLDER --dry-run --json report.json

The work is in sens/services.py (parse, check, write); this command wires it, downloads
with --url, and prints the report.
"""

import datetime
import getpass
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from core.importing import parse_date
from sens import services

DEFAULT_MAX_BYTES = 200 * 1024 * 1024  # the zip is about 10 MB, its .sql 58 MB


class Command(BaseCommand):
    help = "Import the Senate's open data export (sens) into the portal, idempotently."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="export_sens.zip, export_sens.sql or a folder of CSVs"
        )
        parser.add_argument("--url", help="download this zip, then import it")
        parser.add_argument(
            "--timeout", type=float, default=60, help="longest wait for each read (s)"
        )
        parser.add_argument(
            "--deadline", type=float, default=600, help="longest time for the whole download (s)"
        )
        parser.add_argument(
            "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="download size limit"
        )
        parser.add_argument("--dry-run", action="store_true", help="do everything but commit")
        parser.add_argument("--json", dest="json_path", help="also write the report as JSON")
        parser.add_argument(
            "--export-date", help="date of the export (YYYY-MM-DD); default: the file's date"
        )
        parser.add_argument(
            "--remove-demo",
            action="store_true",
            help="delete the demo data first (it would otherwise mix with the Senate's)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args, **options):
        if bool(options["path"]) == bool(options["url"]):
            raise CommandError("Give either a path or --url.")
        try:
            export_date = parse_date(options["export_date"])
        except ValueError as error:
            refused = services.import_refused(
                source=options["url"] or options["path"],
                message=f"--export-date {options['export_date']} is not a date (YYYY-MM-DD): "
                "refused, nothing changed.",
                run_by=getpass.getuser(),
            )
            raise CommandError(str(refused)) from error
        progress = not options["no_progress"] and sys.stderr.isatty()
        demo = self.check_demo(options)
        try:
            outcome = services.sens_import(
                path=options["path"],
                url=options["url"],
                export_date=export_date,
                dry_run=options["dry_run"],
                remove_demo=options["remove_demo"],
                run_by=getpass.getuser(),
                progress=progress,
                download_limits={
                    "timeout": options["timeout"],
                    "deadline": options["deadline"],
                    "max_bytes": options["max_bytes"],
                },
            )
        except services.ImportRefused as refused:
            raise CommandError(str(refused)) from refused
        if demo and not options["dry_run"]:
            self.stdout.write(f"Demo data removed first ({demo}).")
        self.print_report(outcome, options)

    def check_demo(self, options):
        demo = services.demo_data()
        if not demo:
            return None
        found = ", ".join(f"{n} {what}" for what, n in demo.items())
        if not options["remove_demo"]:
            if sys.stdin.isatty():
                question = f"The database holds the demo data ({found}). Remove it first? [y/N] "
                answer = input(question)
                if answer.strip().lower() in ("y", "yes", "o", "oui"):
                    options["remove_demo"] = True
            if not options["remove_demo"]:
                raise CommandError(
                    f"The database holds the demo data ({found}). Run again with "
                    "--remove-demo to delete it first (zones and countries stay), or import "
                    "into an empty database."
                )
        return found

    def print_report(self, outcome, options):
        report, run = outcome.report, outcome.run
        self.stdout.write(report.table_text())
        for row in report.rows:
            line = f"{row['action']:9} {row['table']}:{row['key']} {row['rule']} {row['detail']}"
            self.stdout.write(line.rstrip())
        verb = "Dry run, nothing saved" if options["dry_run"] else "Imported"
        self.stdout.write(
            f"{verb}: export of {run.export_date}, {run.rows_written} row(s) written "
            f"(import run #{run.pk})."
        )
        if options["json_path"]:
            data = report.as_dict() | {
                "export_date": run.export_date.isoformat(),
                "dry_run": options["dry_run"],
                "import_run": run.pk,
                "rows_written": run.rows_written,
                "generated": datetime.datetime.now(datetime.UTC).isoformat(),
            }
            Path(options["json_path"]).write_text(
                json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
            )
