"""CSV columns of the reports and news lists (the machinery is core.exports)."""

from collections import defaultdict
from itertools import islice

from django.utils.translation import gettext_lazy as _

from core.exports import CHUNK_SIZE
from core.exports import Column
from core.exports import joined
from core.exports import key_column
from core.exports import page_column
from core.i18n import translated
from core.links import reverse_with

from .models import Report


class ReportRow:
    """One line of the reports CSV: plain values, no model instance."""

    __slots__ = (
        "slug",
        "number",
        "title",
        "kind",
        "publication_date",
        "group",
        "group_slug",
        "countries",
        "url",
    )

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)


def report_rows(queryset):
    """The reports of ``queryset`` (its filters and order) as ``ReportRow``s, in chunks.

    The archive's CSV has 100,000 rows: model instances with a prefetch of their
    countries cost ~0.5 ms a row (the per-object querysets of prefetch_related and
    reverse() for the link), so the full download took over a minute. Plain tuples,
    one query per 2,000 reports for their countries and the link filled in from a
    pattern make it several times faster (bench/opendata.py). A group that is not
    published is left out, as everywhere.
    """
    kinds = dict(Report.Kind.choices)
    # The page's language, the French text when there is no English one (core.i18n), and
    # the group only when the public may see it (with_public: published_q).
    rows = (
        queryset.prefetch_related(None)
        .with_public("group")
        .values_list(
            "pk",
            "number",
            translated("title"),
            "kind",
            "publication_date",
            "slug",
            translated("group__name"),
            "group__slug",
            "group_is_public",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    through = Report.countries.through
    while chunk := list(islice(rows, CHUNK_SIZE)):
        countries = defaultdict(list)
        links = (
            through.objects.filter(report_id__in=[row[0] for row in chunk])
            .order_by("country__name")
            .values_list("report_id", translated("country__name"))
        )
        for report_id, name in links:
            countries[report_id].append(name)
        for pk, number, title, kind, date, slug, group, group_slug, group_is_public in chunk:
            yield ReportRow(
                slug=slug,
                number=number,
                title=title,
                kind=str(kinds.get(kind, kind)),
                publication_date=date,
                group=group if group_is_public else None,
                group_slug=group_slug if group_is_public else None,
                countries=countries[pk],
                url=reverse_with("reports:detail", "slug", slug),
            )


REPORT_COLUMNS = [
    Column(_("Number"), "number"),
    Column(_("Title"), "title"),
    Column(_("Type"), "kind"),
    Column(_("Publication date"), "publication_date"),
    Column(_("Group"), "group"),
    Column(_("Countries"), lambda r: joined(r.countries)),
    page_column("url"),
]

NEWS_COLUMNS = [
    Column(_("Title"), "title"),
    Column(_("Date"), "date"),
    Column(_("Summary"), "summary"),
    page_column(),
]

# Join keys (core.exports.key_column), after the columns above.
REPORT_KEYS = [key_column("id", "slug"), key_column("organization_id", "group_slug")]
NEWS_KEYS = [key_column("id", "slug")]
