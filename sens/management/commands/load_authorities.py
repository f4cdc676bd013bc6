"""manage.py load_authorities [--source DIR]: every French commune, EPCI, département and
région from Etalab's « découpage administratif » (docs/import-cooperation.md, refreshed
yearly). The work is in sens/authorities.py; a second run of the same data writes nothing."""

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from sens import authorities


class Command(BaseCommand):
    help = "Load the French local authorities (COG, EPCIs) from @etalab/decoupage-administratif."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            help="The package's directory (default: node_modules/@etalab/decoupage-administratif).",
        )

    def handle(self, source=None, **options):
        try:
            report = authorities.load(source)
        except authorities.DataError as error:
            raise CommandError(f"Nothing loaded: {error}") from error
        vintage = f" ({report.vintage} data)" if report.vintage else ""
        self.stdout.write(f"{authorities.PACKAGE} {report.version}{vintage}:")
        for kind, counts in report.summary().items():
            self.stdout.write(
                f"  {kind}: {counts.get('created', 0)} created, {counts.get('updated', 0)} "
                f"updated, {counts.get('unchanged', 0)} unchanged"
            )
