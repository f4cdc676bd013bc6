"""Delete report PDFs that no report and no version in the history refers to any more.

Run it after pruning the history (django-reversion's ``deleterevisions``): replaced and
deleted PDFs are kept while the history can still recover them.
"""

from django.core.management.base import BaseCommand

from reports.models import Report
from reports.services import report_pdf_release


class Command(BaseCommand):
    help = "Delete the stored report PDFs that nothing refers to any more."

    def handle(self, *args, **options):
        storage = Report._meta.get_field("pdf").storage
        try:
            _, files = storage.listdir("reports")
        except FileNotFoundError:
            files = []
        deleted = sum(
            report_pdf_release(name=f"reports/{name}", storage=storage)
            for name in files
            if name.endswith(".pdf")
        )
        self.stdout.write(f"{deleted} PDF file(s) deleted, {len(files) - deleted} kept.")
