"""The import as one service: open, check, write in one transaction, record the run."""

import dataclasses
import datetime
import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from cooperation import importer as cooperation_importer
from groups import reference
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import PoliticalGroup
from groups.models import Senator
from groups.models import Zone
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report

from . import check
from . import download
from . import parse
from . import write
from .models import ImportRun
from .signals import import_written

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """The export was refused; nothing changed. ``run`` is the recorded ImportRun."""

    def __init__(self, message, run):
        super().__init__(message)
        self.run = run


@dataclasses.dataclass
class Outcome:
    run: ImportRun
    report: object


def _progress(enabled):
    if not enabled:
        return None
    return lambda iterable, **kw: tqdm(iterable, leave=False, **kw)


def demo_data():
    """{what: count} of the demo rows (fixtures/demo.json) in the database; {} if none."""
    demo = reference.read_fixture("demo.json")
    found = {
        "groups": FriendshipGroup.objects.filter(
            slug__in=[g["slug"] for g in demo["groups"]], senate_code__isnull=True
        ).count(),
        "senators": Senator.objects.filter(
            senate_id__in=[s["senate_id"] for s in demo["senators"]], source_key__isnull=True
        ).count(),
    }
    return {k: v for k, v in found.items() if v}


def demo_remove():
    """Delete the demo's groups, senators, missions, receptions, colloquia, reports, news.

    Zones and countries stay (reference data the import needs).
    """
    demo = reference.read_fixture("demo.json")
    with transaction.atomic():
        Report.objects.filter(slug__in=[r["slug"] for r in demo["reports"]]).delete()
        NewsItem.objects.filter(slug__in=[n["slug"] for n in demo["news"]]).delete()
        Colloquium.objects.filter(slug__in=[c["slug"] for c in demo["colloquia"]]).delete()
        Reception.objects.filter(slug__in=[r["slug"] for r in demo["receptions"]]).delete()
        Mission.objects.filter(slug__in=[m["slug"] for m in demo["missions"]]).delete()
        FriendshipGroup.objects.filter(
            slug__in=[g["slug"] for g in demo["groups"]], senate_code__isnull=True
        ).delete()
        Senator.objects.filter(
            senate_id__in=[s["senate_id"] for s in demo["senators"]], source_key__isnull=True
        ).delete()
        # The demo's fictitious political groups, once no senator belongs to them.
        PoliticalGroup.objects.filter(
            senate_code__in=[p["senate_code"] for p in demo["political_groups"]],
            source_key__isnull=True,
            memberships__isnull=True,
        ).delete()


def countries_ensure():
    """An empty portal gets the zones and the 249 ISO countries (reference data of
    fixtures/, the same rows as `load_demo`'s) so that group countries can be linked."""
    if Country.objects.exists():
        return 0
    zones = {
        z["slug"]: Zone.objects.get_or_create(
            slug=z["slug"], defaults={k: v for k, v in z.items() if k != "slug"}
        )[0]
        for z in reference.zone_rows()
    }
    countries = [Country(code=code, **values) for code, values in reference.country_rows(zones)]
    return len(Country.objects.bulk_create(countries))


def shorten(text, length):
    """``text`` cut in its middle with « … » to fit ``length`` characters."""
    if len(text) <= length:
        return text
    half = (length - 1) // 2
    return f"{text[:half]}…{text[-(length - 1 - half) :]}"


def plausible_export_date(day, origin):
    """Refuse an export date before the Senate published its data or far ahead: the zip's
    1980-01-01 (the zip format's earliest date, a file without one) or a mistyped 2099 would
    judge every membership at the wrong day, so every row would be current or ended wrongly.
    (A few weeks ahead is allowed: a date typed for an export announced for that day.)"""
    latest = timezone.localdate() + datetime.timedelta(days=365)
    if FIRST_EXPORT_DATE <= day <= latest:
        return
    raise parse.ExportError(
        f"The export's date {day:%Y-%m-%d} ({origin}) is not plausible (before "
        f"{FIRST_EXPORT_DATE:%Y} or more than a year ahead): give the real one with "
        "--export-date; refused, nothing changed."
    )


FIRST_EXPORT_DATE = datetime.date(2000, 1, 1)


def _fail(run, status, message, day=None):
    run.status = status
    run.export_date = day
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    return ImportRefused(message, run)


def sens_import(
    *,
    path=None,
    url=None,
    export_date=None,
    dry_run=False,
    remove_demo=False,
    source=None,
    user=None,
    run_by="",
    progress=False,
    download_limits=None,
):
    """Import the export at ``path`` (or downloaded from ``url``); returns an Outcome,
    raises ImportRefused (always with a recorded run whose message says why).

    Everything happens in one transaction: the import completes or changes nothing; the
    run of an import that writes is saved in that transaction too (if it cannot be saved,
    nothing is). A dry run does everything, then rolls back, and records the same report.
    """
    run = ImportRun(
        source=shorten(source or url or str(path), ImportRun._meta.get_field("source").max_length),
        user=user,
        run_by=run_by,
    )
    try:
        with tempfile.TemporaryDirectory(prefix="import_sens-") as folder:
            if url:
                path = Path(folder) / "export_sens.zip"
                download.download(url, path, **(download_limits or {}))
            return _import(run, path, export_date, dry_run, remove_demo, progress)
    except (parse.ExportError, download.DownloadError) as error:
        raise _fail(run, ImportRun.Status.REFUSED, str(error)) from error
    except ImportRefused:
        raise
    except Exception as error:
        # Whatever the checks did not foresee: rolled back, recorded, said in one sentence
        # (the traceback goes to the log for the developers).
        logger.exception("import_sens failed")
        message = (
            f"The import stopped on an unexpected error ({type(error).__name__}: "
            f"{str(error).splitlines()[0] if str(error) else ''}), nothing was saved."
        )
        raise _fail(run, ImportRun.Status.FAILED, message, run.export_date) from error


def import_refused(*, source, message, user=None, run_by=""):
    """Record a run refused before it started (a bad option); returns the ImportRefused."""
    run = ImportRun(
        source=shorten(str(source), ImportRun._meta.get_field("source").max_length),
        user=user,
        run_by=run_by,
    )
    return _fail(run, ImportRun.Status.REFUSED, message)


def _import(run, path, export_date, dry_run, remove_demo, progress):
    if export_date:
        plausible_export_date(export_date, "--export-date")
    export = parse.open_export(path, export_date)
    if not export_date and export.export_date:
        plausible_export_date(export.export_date, "the date of the file")
    tables = export.read(check.WANTED, check.NOT_NULL, progress=progress, limits=read_limits())
    day = export.export_date or timezone.localdate()
    run.export_date = day
    try:
        with transaction.atomic():
            if remove_demo:
                demo_remove()
            countries_ensure()
            countries = list(Country.objects.values_list("code", flat=True))
            plan, report = check.check(tables, day, countries, limits=write.field_limits())
            del tables
            write.write(plan, report, progress=_progress(progress))
            run.status = ImportRun.Status.DRY_RUN if dry_run else ImportRun.Status.DONE
            run.summary = report.summary()
            run.rows = report.rows
            run.rows_written = 0 if dry_run else report.written()
            run.message = f"{len(report.rows)} row(s) rejected, corrected or reported"
            run.finished_at = timezone.now()
            if dry_run:
                transaction.set_rollback(True)
            else:
                run.save()
    except DatabaseError as error:
        # A rule of the database the checks did not foresee (say, a current président
        # entered by hand in the back office): everything is rolled back and recorded.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise _fail(
            run,
            ImportRun.Status.FAILED,
            f"The database refused a row, nothing was saved: {first_line}",
            day,
        ) from error
    if dry_run:
        run.save()
    if not dry_run and report.written():
        # Bulk writes send no post_save: say it once, for the page cache (the wiring).
        import_written.send(sender=ImportRun, run=run)
    return Outcome(run=run, report=report)


def cooperation_import(*, path, user=None, run_by="", progress=None):
    """Import the cooperation agreements of the CSV file at ``path`` (cooperation.importer)
    and record the run like the Senate's: returns an Outcome, raises ImportRefused (a file
    that cannot be read, every row rejected, an unexpected error: nothing saved)."""
    run = ImportRun(
        importer=ImportRun.Importer.COOPERATION,
        source=shorten(str(path), ImportRun._meta.get_field("source").max_length),
        user=user,
        run_by=run_by,
    )
    try:
        report = cooperation_importer.import_file(path, progress=progress or (lambda rows: rows))
    except (OSError, cooperation_importer.ImportFileError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        message = f"{Path(path).name}: {reason}; nothing imported."
        raise _fail(run, ImportRun.Status.REFUSED, message) from error
    except Exception as error:
        logger.exception("import_cooperation failed")
        message = (
            f"The import stopped on an unexpected error ({type(error).__name__}: "
            f"{str(error).splitlines()[0] if str(error) else ''}), nothing was saved."
        )
        raise _fail(run, ImportRun.Status.FAILED, message) from error
    run.summary = report.summary()
    run.rows = report.rows
    run.rows_written = report.written()
    figures = report.figures[cooperation_importer.TABLE]
    if figures["read"] and figures["rejected"] == figures["read"]:
        raise _fail(run, ImportRun.Status.REFUSED, "Every row was rejected: nothing imported.")
    run.status = ImportRun.Status.DONE
    run.message = f"{len(report.rows)} row(s) rejected"
    run.finished_at = timezone.now()
    run.save()
    return Outcome(run=run, report=report)


def read_limits():
    """The reader's limits; the uncompressed size is a setting (SENS_IMPORT_MAX_BYTES)."""
    return parse.Limits(max_chars=settings.SENS_IMPORT_MAX_BYTES)
