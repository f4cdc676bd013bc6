from collections import Counter

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ViewOnlyMixin
from core.importing import COLUMNS
from groups.models import FriendshipGroup
from groups.models import Senator

from . import rules
from .models import ImportRun

SHOWN = 500  # rows of a report shown on the page (a bad day has thousands: see the JSON)


@admin.register(ImportRun)
class ImportRunAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Staff read import runs here; nothing is edited by hand. The change page says, in the
    staff's language, what each rejected, corrected or reported row means, what to do about
    it and links to the group or senator concerned (templates/admin/sens/importrun/)."""

    list_display = (
        "started_at",
        "importer",
        "status",
        "export_date",
        "user",
        "run_by",
        "rows_written",
    )
    list_filter = ("importer", "status")
    list_select_related = ("user",)
    date_hierarchy = "started_at"
    fields = (
        "importer",
        "status",
        "outcome",
        "started_at",
        "finished_at",
        "user",
        "run_by",
        "source",
        "export_date",
        "rows_written",
    )

    @admin.display(description=_("outcome"))
    def outcome(self, obj):
        """What happened, in the staff's language: the figures of a run that went to its end,
        the importer's sentence for one it refused."""
        if obj.status not in (ImportRun.Status.DONE, ImportRun.Status.DRY_RUN):
            return obj.message
        actions = Counter(row.get("action") for row in obj.rows or [])
        return _(
            "%(written)s rows written; %(rejected)s rows left out, %(corrected)s corrected, "
            "%(reported)s to check (below)."
        ) % {
            "written": obj.rows_written,
            "rejected": actions["rejected"],
            "corrected": actions["corrected"],
            "reported": actions["reported"],
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context |= {"figures": figures(obj), "problems": problems(obj), "shown": SHOWN}
        return super().render_change_form(request, context, add, change, form_url, obj)


def figures(run):
    """The figures table: the columns where some table has a figure, a row per table."""
    summary = run.summary or {}
    columns = [c for c in COLUMNS if any(f.get(c) for f in summary.values())]
    return {
        "columns": [rules.FIGURES[c] for c in columns],
        "rows": [
            {
                "label": rules.TABLES.get(table, table),
                "code": table,
                "values": [counts.get(c, 0) for c in columns],
            }
            for table, counts in sorted(summary.items(), key=lambda item: order(item[0]))
        ],
    }


def order(table):
    """Tables in the order of rules.TABLES (groups first), unknown ones last."""
    names = list(rules.TABLES)
    return (names.index(table) if table in names else len(names), table)


def problems(run):
    """Each of the first SHOWN rows of the report, explained, with the pks of its group and
    senator for the links (2 queries, whatever the number of rows)."""
    rows = (run.rows or [])[:SHOWN]

    def code(row, name, table):
        return row.get(name) or (row.get("key") if row.get("table") == table else None)

    groups = dict(
        FriendshipGroup.objects.filter(
            senate_code__in={code(r, "group", "grpsenami") for r in rows} - {None}
        ).values_list("senate_code", "pk")
    )
    senators = dict(
        Senator.objects.filter(
            senate_id__in={code(r, "senator", "sen") for r in rows} - {None}
        ).values_list("senate_id", "pk")
    )
    explained = []
    for row in rows:
        # The template builds the back-office links (the admin's URL names are backoffice's).
        links = {
            "group": groups.get(code(row, "group", "grpsenami")),
            "senator": senators.get(code(row, "senator", "sen")),
        }
        explained.append(rules.explain(row) | {"links": links, "rule": row.get("rule")})
    return {"rows": explained, "total": len(run.rows or [])}
