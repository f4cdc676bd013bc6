"""CSV columns of the reports and news lists (see groups.exports)."""

from django.utils.translation import gettext_lazy as _

from groups.exports import Column, joined, page_column

REPORT_COLUMNS = [
    Column(_("Number"), "number"),
    Column(_("Title"), "title"),
    Column(_("Type"), lambda r: r.get_kind_display()),
    Column(_("Publication date"), "publication_date"),
    Column(_("Group"), "group.name"),
    Column(_("Countries"), lambda r: joined(c.name for c in r.countries.all())),
    page_column(),
]

NEWS_COLUMNS = [
    Column(_("Title"), "title"),
    Column(_("Date"), "date"),
    Column(_("Summary"), "summary"),
    page_column(),
]
