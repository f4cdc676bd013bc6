from django.core.management.base import BaseCommand

from reports.models import Report
from reports.services import report_extract_text


class Command(BaseCommand):
    help = (
        "Re-extract the text of every report's PDF into its searchable text "
        "(replacing staff corrections), showing progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="Only reports whose extracted text is empty.",
        )

    def handle(self, *args, missing_only=False, **options):
        reports = Report.objects.exclude(pdf="").order_by("pk")
        if missing_only:
            reports = reports.filter(extracted_text="")
        total = reports.count()
        failed = 0
        for position, report in enumerate(reports.iterator(chunk_size=100), start=1):
            try:
                length = report_extract_text(report=report)
            except Exception as error:  # a missing or damaged file must not stop the run
                failed += 1
                self.stderr.write(f"[{position}/{total}] {report}: failed ({error!r})")
                continue
            self.stdout.write(f"[{position}/{total}] {report}: {length} characters")
        self.stdout.write(
            self.style.SUCCESS(f"{total - failed} of {total} reports extracted, {failed} failed.")
        )
