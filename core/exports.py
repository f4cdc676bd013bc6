"""CSV downloads of the public lists (« Télécharger (CSV) »), streamed.

Every list page offers its rows as CSV at the same URL with ``?format=csv``: the view
builds the same filtered queryset as for the page and hands it to ``csv_response()``
with the columns defined here (and in ``missions.exports``, ``reports.exports``), so a
download holds exactly the filtered rows, all pages. The bulk export
(``manage.py export_opendata``) writes the same columns.

The files open correctly in a spreadsheet: UTF-8 with a byte order mark, ``;`` between
fields on a French page (as a French spreadsheet expects) and ``,`` on an English one
(``delimiter()``; the bulk zip's files are French), header row in the page's language
(sentence case: « Code ISO »), dates as ISO ``YYYY-MM-DD``, booleans as words
(« oui »/« non », "yes"/"no"); a text cell that a spreadsheet would run as a formula
starts with ``'`` (``neutralised()``). Rows are read with ``iterator(chunk_size=…)``
and written one by one, so 100,000 reports stream in bounded memory.
"""

import csv
import datetime
import decimal

from django.http import HttpResponseBadRequest
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHUNK_SIZE = 2000
BOM = "\ufeff"


class Column:
    """A CSV column: its header (translated lazily) and how to read a row's value.

    A ``link`` column holds a path on this site; the file gets the full address.
    """

    def __init__(self, header, value, link=False, verbatim=False):
        self.header = header
        self.verbatim = verbatim  # an identifier's name (``person_id``): not capitalised
        self.value = value if callable(value) else _attribute(value)
        self.path = None if callable(value) else value  # "senator.last_name": typed by its field
        self.link = link

    @property
    def heading(self):
        # Headers are shared msgids, some lower case (« matricule »); a heading starts
        # capitalised.
        return str(self.header) if self.verbatim else capfirst(str(self.header))


def key_column(name, value):
    """A join key: the API's id of the row (``id``) or of what it references
    (``person_id``, ``organization_id``…), named as in the API, never translated. Every
    CSV ends with them, the list pages' and the bulk zip's alike, so that rows of
    different files (and the API's objects) can be joined."""
    return Column(name, value, verbatim=True)


def page_column(value=lambda obj: obj.get_absolute_url()):
    """The row's public page, in the language of the download (``value`` reads its path)."""
    return Column(_("Web page"), value, link=True)


def _attribute(path):
    def read(obj):
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    return read


def cell(value):
    """A value as CSV text: ISO dates, yes/no in the active language, "" for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).date().isoformat()
            if timezone.is_aware(value)
            else value.date().isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        # Words, not 1/0: a reader of the file should not need to know the convention.
        return gettext("yes") if value else gettext("no")
    return str(value)


# A text cell starting with one of these is a formula to a spreadsheet (OWASP, « CSV
# Injection »): a group named « @SUM(1+1)*cmd|' /C calc'!A0 » would run as typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value, text):
    """``text`` (``cell(value)``) made inert for a spreadsheet when ``value`` is text.

    OWASP's advice: a text cell that starts like a formula is prefixed with ``'``, which
    spreadsheets show as text and do not display. Numbers and dates are left as they are
    (``-3`` stays a number).
    """
    if isinstance(value, (int, float, decimal.Decimal, datetime.date)) or value is None:
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(values):
    """Several values in one cell (countries of a group...): ``|`` between them."""
    return " | ".join(str(v) for v in values)


class _Line:
    """A file-like object whose write() returns the line, for csv.writer."""

    def write(self, value):
        return value


def csv_rows(rows, columns, site="", delimiter=";"):
    """The CSV text, line by line: BOM and header first, then one line per row.

    ``site`` (``https://host``) is put before the paths of link columns.
    """
    writer = csv.writer(_Line(), delimiter=delimiter, lineterminator="\r\n")
    yield BOM + writer.writerow([column.heading for column in columns])
    for row in rows:
        yield writer.writerow([_text(column, column.value(row), site) for column in columns])


def _text(column, value, site):
    text = cell(value)
    if column.link and text:
        return site + text
    return neutralised(value, text)


def iterate(queryset):
    """A queryset's rows in chunks (prefetches included), never the whole table at once."""
    if hasattr(queryset, "iterator"):
        return queryset.iterator(chunk_size=CHUNK_SIZE)
    return iter(queryset)


def delimiter(language):
    """``;`` for a French page (a French spreadsheet, whose decimal mark is the comma,
    opens it as is), ``,`` for an English one (the usual CSV, as English spreadsheets
    and most tools read it)."""
    return "," if language == "en" else ";"


def csv_response(request, queryset, columns, name, errors=None):
    """A streamed CSV download of these rows, ``<name>-<date>.csv``.

    ``errors``: the list's FilterSet's. When a filter value is invalid the answer is a
    400 giving the reasons, never a file that looks filtered (core.filters.ListFilterSet).
    """
    if errors:
        lines = (
            f"{field}: {message}" for field, messages in errors.items() for message in messages
        )
        return HttpResponseBadRequest(
            "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
        )
    site = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        csv_rows(iterate(queryset), columns, site, delimiter(get_language())),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def filtered_csv(request, filterset, columns, name):
    """The CSV of a list's filtered rows (``filterset.qs``, all pages), or the 400 naming
    its invalid filters: what a list page answers to ``?format=csv``."""
    return csv_response(request, filterset.qs, columns, name, filterset.errors)


def wants_csv(request):
    return request.GET.get("format") == "csv"
