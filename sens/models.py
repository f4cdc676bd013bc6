"""One row per run of an importer (`import_sens`, `import_cooperation`): what it read, what
it did, what it refused."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.importing import COLUMNS


class ImportRunQuerySet(models.QuerySet):
    def imports(self):
        """Runs that tried to change the data: dry runs, which save nothing, left out."""
        return self.exclude(status=ImportRun.Status.DRY_RUN)

    def for_dashboard(self):
        """The last import of the Senate's data with its user, the start of the last one that
        completed (``last_done_at``), without its rows list (thousands on a bad day): one
        query."""
        senate = ImportRun.objects.filter(importer=ImportRun.Importer.SENS)
        last_done = senate.filter(status=ImportRun.Status.DONE).order_by("-started_at")
        return (
            self.imports()
            .filter(importer=ImportRun.Importer.SENS)
            .select_related("user")
            .defer("rows")
            .annotate(last_done_at=models.Subquery(last_done.values("started_at")[:1]))
            .order_by("-started_at")
        )

    def latest_for_dashboard(self):
        """The last import run as ``for_dashboard()`` loads it, or None (one query)."""
        return self.for_dashboard().first()


class ImportRun(models.Model):
    class Status(models.TextChoices):
        DONE = "done", _("Done")
        DRY_RUN = "dry_run", _("Dry run (nothing saved)")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed (nothing saved)")

    class Importer(models.TextChoices):
        SENS = "sens", _("Senate's data (import_sens)")
        COOPERATION = "cooperation", _("Cooperation agreements (import_cooperation)")

    importer = models.CharField(
        _("import"), max_length=12, choices=Importer.choices, default=Importer.SENS
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("user"),
    )
    run_by = models.CharField(
        _("run by"), max_length=150, blank=True, help_text=_("The system account that ran it.")
    )
    source = models.CharField(_("source"), max_length=500)
    export_date = models.DateField(_("export date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    message = models.TextField(_("message"), blank=True)
    # {table: {"read": n, "created": n, ...}} and [{"table", "key", "rule", "action", "detail"}]
    summary = models.JSONField(_("figures"), default=dict, blank=True)
    rows = models.JSONField(_("rejected and corrected rows"), default=list, blank=True)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        # In Paris time, like the page's fields (the title used to show UTC).
        return f"{timezone.localtime(self.started_at):%Y-%m-%d %H:%M} — {self.get_status_display()}"

    @property
    def succeeded(self):
        return self.status == self.Status.DONE

    def totals(self):
        """The figures summed over every table: {"created": n, "rejected": n, ...}."""
        totals = dict.fromkeys(COLUMNS, 0)
        for figures in (self.summary or {}).values():
            for column in COLUMNS:
                totals[column] += figures.get(column, 0)
        return totals
