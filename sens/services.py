"""The import as one service: open, check, write in one transaction, record the run."""

import dataclasses
import datetime

from django.apps import apps
from django.db import DatabaseError
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from tqdm import tqdm

from groups import reference
from groups.models import DATABASE_RULES
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
from . import parse
from . import write
from .models import ImportRun
from .signals import import_written


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


def sens_import(
    *,
    path,
    export_date=None,
    dry_run=False,
    remove_demo=False,
    source=None,
    user=None,
    run_by="",
    progress=False,
):
    """Import the export at ``path``; returns an Outcome, raises ImportRefused.

    Everything happens in one transaction: the import completes or changes nothing. A dry
    run does everything, then rolls back, and records the same report.
    """
    run = ImportRun(source=source or str(path), user=user, run_by=run_by)
    try:
        export = parse.open_export(path, export_date)
        tables = export.read(check.WANTED, check.NOT_NULL, progress=progress)
    except parse.ExportError as error:
        run.status = ImportRun.Status.REFUSED
        run.message = str(error)
        run.finished_at = timezone.now()
        run.save()
        raise ImportRefused(str(error), run) from error
    day = export.export_date or timezone.localdate()
    try:
        with transaction.atomic():
            if remove_demo:
                demo_remove()
            countries_ensure()
            countries = list(Country.objects.values_list("code", flat=True))
            plan, report = check.check(tables, day, countries)
            del tables
            write.write(plan, report, progress=_progress(progress))
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        # A rule of the database the checks did not foresee (say, a current président
        # entered by hand in the back office): everything is rolled back and recorded.
        run.status = ImportRun.Status.FAILED
        run.export_date = day
        run.message = f"The database refused a row, nothing was saved: {refused_rule(error)}"
        run.finished_at = timezone.now()
        run.save()
        raise ImportRefused(run.message, run) from error
    if not dry_run and report.written():
        # Bulk writes send no post_save: say it once, for the page cache (the wiring).
        import_written.send(sender=ImportRun, run=run)
    run.status = ImportRun.Status.DRY_RUN if dry_run else ImportRun.Status.DONE
    run.export_date = day
    run.summary = report.summary()
    run.rows = report.rows
    run.rows_written = 0 if dry_run else report.written()
    run.message = f"{len(report.rows)} row(s) rejected, corrected or reported"
    run.finished_at = timezone.now()
    run.save()
    return Outcome(run=run, report=report)


def refused_rule(error):
    """The rule a DatabaseError broke, in one sentence for staff: the constraint's own
    message, never the database's text (PL/pgSQL context, keys, SQL)."""
    diag = getattr(error.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    with translation.override("en"):  # as the rest of the run's record
        return _refused_rule(name, diag)


def _refused_rule(name, diag):
    if name in DATABASE_RULES:
        return str(DATABASE_RULES[name])
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name:
                return str(constraint.get_violation_error_message())
    return getattr(diag, "message_primary", None) or "a rule of the database."


def parse_date(value):
    return datetime.date.fromisoformat(value) if value else None
