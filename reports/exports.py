"""CSV columns of the reports and news lists (the machinery is core.exports)."""

from collections import defaultdict
from itertools import islice

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.exports import CHUNK_SIZE
from core.exports import Column
from core.exports import joined
from core.exports import page_column
from core.links import reverse_with
from core.models import Publishable

from .models import Report


class ReportRow:
    """One line of the reports CSV: plain values, no model instance."""

    __slots__ = ("number", "title", "kind", "publication_date", "group", "countries", "url")

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
    # The page's language, the French text when there is no English one (as on the pages).
    english = (get_language() or "fr").startswith("en")
    kinds = dict(Report.Kind.choices)
    now = timezone.now()
    rows = (
        queryset.prefetch_related(None)
        .values_list(
            "pk",
            "number",
            "title_fr",
            "title_en",
            "kind",
            "publication_date",
            "slug",
            "group__name_fr",
            "group__name_en",
            "group__status",
            "group__published_at",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    through = Report.countries.through
    while chunk := list(islice(rows, CHUNK_SIZE)):
        countries = defaultdict(list)
        links = (
            through.objects.filter(report_id__in=[row[0] for row in chunk])
            .order_by("country__name")
            .values_list("report_id", "country__name_fr", "country__name_en")
        )
        for report_id, name_fr, name_en in links:
            countries[report_id].append(english and name_en or name_fr)
        for (
            pk,
            number,
            title_fr,
            title_en,
            kind,
            date,
            slug,
            group_fr,
            group_en,
            status,
            since,
        ) in chunk:
            public = status == Publishable.Status.PUBLISHED and since <= now
            yield ReportRow(
                number=number,
                title=english and title_en or title_fr,
                kind=str(kinds.get(kind, kind)),
                publication_date=date,
                group=(english and group_en or group_fr) if public else None,
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
