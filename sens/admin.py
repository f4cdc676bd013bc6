from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.importing import COLUMNS

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Staff read import runs here; nothing is edited by hand."""

    list_display = ("started_at", "status", "export_date", "user", "run_by", "rows_written")
    list_filter = ("status",)
    list_select_related = ("user",)
    date_hierarchy = "started_at"
    fields = (
        "started_at",
        "finished_at",
        "status",
        "user",
        "run_by",
        "source",
        "export_date",
        "rows_written",
        "message",
        "figures_table",
        "rows_table",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("figures"))
    def figures_table(self, obj):
        head = format_html_join("", "<th>{}</th>", ((c,) for c in ("table", *COLUMNS)))
        body = format_html_join(
            "",
            "<tr><td>{}</td>" + "<td>{}</td>" * len(COLUMNS) + "</tr>",
            (
                (table, *(figures.get(c, 0) for c in COLUMNS))
                for table, figures in (obj.summary or {}).items()
            ),
        )
        return format_html_join("", "<table><tr>{}</tr>{}</table>", [(head, body)])

    @admin.display(description=_("rejected and corrected rows"))
    def rows_table(self, obj):
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (r.get("table"), r.get("key"), r.get("action"), r.get("rule"), r.get("detail", ""))
                for r in (obj.rows or [])
            ),
        )
        return format_html_join(
            "",
            "<table><tr><th>table</th><th>key</th><th>action</th><th>rule</th>"
            "<th>detail</th></tr>{}</table>",
            [(body,)],
        )
