"""Read the Senate's `sens` export into plain rows (no Django).

Two forms are accepted:

* the official full export, ``export_sens.zip`` or the ``export_sens.sql`` inside it: a
  plain-text pg_dump whose tables are ``COPY table (cols) FROM stdin;`` blocks of
  tab-separated values (``\\N`` = NULL) ending with ``\\.``. It is read in one streaming
  pass; only the wanted tables and columns are kept, every other line is skipped.
* a folder holding one UTF-8 CSV per table (``grpsenami.csv``…), header = column names,
  an empty field = NULL.

Anything else is refused with an ``ExportError`` whose message says why: the latin-1
``ODSEN_*.csv`` extracts, a truncated dump, a missing or empty table (the download was once
served as an empty zip: it must never read as "every group ended"), an encrypted zip or one
compressed by another method than deflate, and a file past the ``Limits`` (a zip bomb: the
real export is 8 MB zipped, 58 MB of text). Lines are read with a length limit, so that
memory stays bounded whatever the file holds, and the rows kept are compact tuples whose
short values (codes, dates) are shared.
"""

import collections
import csv
import dataclasses
import datetime
import functools
import io
import os
import re
import zipfile
from pathlib import Path

from tqdm import tqdm

DUMP_END = "-- PostgreSQL database dump complete"
COPY_RE = re.compile(r"^COPY (?:[\w\"]+\.)?\"?(\w+)\"? \((.*)\) FROM stdin;\s*$")
ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))")
ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


class ExportError(Exception):
    """The input is not an export the importer can read; nothing was changed."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """What the reader accepts. The real export (2026): 58 MB of text, about 210,000 rows in
    the tables read, no line over 2,000 characters, no field over 500 (``typorgurlsim``)."""

    max_chars: int = 240_000_000  # settings.SENS_IMPORT_MAX_BYTES: about 4 times the real size
    # The memory the rows kept may take (the tables read, counted as Python stores them):
    # the real export takes about 30 MB; a file past this is refused, so the whole import
    # stays under 300 MB whatever the file (every value distinct, the worst case).
    max_memory: int = 150_000_000
    max_line: int = 65_536
    max_field: int = 4_096


def _get(row, name, default=None):
    return getattr(row, name, default)


def row_class(names):
    """The rows of a table: tuples (a third of the memory of a dict per row) read by column
    name, ``row["orgcod"]`` or ``row.get(c)``. A namedtuple's accessors read the tuple in C,
    and ``row[name]`` is the attribute lookup itself: the checks read millions of values."""
    base = collections.namedtuple("Row", names)
    return type(
        "Row", (base,), {"__slots__": (), "__getitem__": object.__getattribute__, "get": _get}
    )


def limited_lines(stream, name, limits, counter):
    """The lines of ``stream``, refusing a line longer than ``limits.max_line`` (read at
    most that far, never the whole line) and more than ``limits.max_chars`` in all
    (``counter``: a one-item list shared by the files of one export)."""
    while line := stream.readline(limits.max_line + 1):
        if len(line) > limits.max_line:
            raise ExportError(
                f"{name} has a line longer than {limits.max_line:,} characters (the real "
                "export has none over 2,000): refused, nothing changed."
            )
        counter[0] += len(line)
        if counter[0] > limits.max_chars:
            raise ExportError(too_big(name, limits))
        yield line


def too_big(name, limits):
    return (
        f"{name} holds more than {limits.max_chars:,} characters of text (the real export "
        "has about 58 million; the limit is the setting SENS_IMPORT_MAX_BYTES): refused, "
        "nothing changed."
    )


def _unescape_match(m):
    if m.group(1):
        return chr(int(m.group(1), 8))
    if m.group(2):
        return chr(int(m.group(2), 16))
    return ESCAPES.get(m.group(3), m.group(3))


def copy_value(text):
    """One field of a COPY text line: ``\\N`` is NULL, backslash escapes are undone."""
    if text == "\\N":
        return None
    if "\\" not in text:
        return text
    return ESCAPE_RE.sub(_unescape_match, text)


def csv_value(text):
    return text if text != "" else None


SHARED = 24  # values up to this length (codes, dates, flags) are stored once…
SHARED_MAX = 200_000  # …the first that many of them (distinct ids would only cost memory)


class Rows:
    """Builds a table's rows: values in ``names`` order, None where the table lacks the
    column; short values shared through ``values`` (one dict for the whole export). Adds
    the memory each row takes to ``export.memory``."""

    def __init__(self, names, keep, convert, export):
        self.cls = row_class(names)
        self.new = functools.partial(tuple.__new__, self.cls)
        self.size = len(names)
        self.keep = [(names.index(name), i) for name, i in keep]
        self.convert = convert
        self.export = export
        self.values = export.values

    def __call__(self, fields):
        row = [None] * self.size
        values = self.values
        cost = 56 + 8 * self.size  # the tuple
        for position, i in self.keep:
            value = self.convert(fields[i])
            if value is not None:
                shared = values.get(value) if len(value) <= SHARED else None
                if shared is not None:
                    value = shared
                else:
                    if len(value) <= SHARED and len(values) < SHARED_MAX:
                        values[value] = value
                        cost += 100  # its entry in the dict
                    # what CPython takes for a str: 49 bytes + 1 a character (ASCII), up to
                    # 76 + 4 a character
                    cost += 49 + len(value) if value.isascii() else 76 + 4 * len(value)
            row[position] = value
        self.export.add_memory(cost)
        return self.new(row)


class Export:
    """An opened export. ``read(wanted)`` returns {table: [row dict]} for the wanted columns."""

    def __init__(self, path, form, export_date):
        self.path = path
        self.form = form  # "dump" or "csv"
        self.export_date = export_date

    def read(self, wanted, required=None, progress=True, limits=None):
        """{table: [row]} of the wanted columns; a wanted column absent from the table is
        NULL in every row, unless it is one of ``required``'s (then the export is refused)."""
        self.required = required or {}
        self.limits = limits or Limits()
        self.chars = [0]
        self.memory = 0
        self.values = {}
        tables = (
            self._read_dump(wanted, progress) if self.form == "dump" else self._read_csv(wanted)
        )
        missing = sorted(set(wanted) - set(tables))
        if missing:
            raise ExportError(
                f"The export lacks the table(s) {', '.join(missing)}: refused, nothing changed."
            )
        empty = sorted(t for t, rows in tables.items() if not rows)
        if empty:
            raise ExportError(
                f"The export holds no row in {', '.join(empty)}: refused, nothing changed "
                "(an empty export must never read as every group ended)."
            )
        return tables

    # --- pg_dump -------------------------------------------------------------------------

    def _open_text(self):
        if self.path.suffix.lower() == ".zip":
            archive = zipfile.ZipFile(self.path)
            members = [n for n in archive.namelist() if n.lower().endswith(".sql")]
            if len(members) != 1:
                raise ExportError(
                    f"{self.path.name} holds {len(members)} .sql file(s), not the one "
                    "export_sens.sql expected: refused, nothing changed."
                )
            info = archive.getinfo(members[0])
            if info.flag_bits & 0x1:
                raise ExportError(
                    f"{self.path.name} is encrypted (password-protected): the Senate's export "
                    "never is; refused, nothing changed."
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ExportError(
                    f"{self.path.name} is compressed by a method other than deflate (method "
                    f"{info.compress_type}), which the Senate's export never uses: refused, "
                    "nothing changed."
                )
            if info.file_size > self.limits.max_chars:
                raise ExportError(too_big(self.path.name, self.limits))
            raw = archive.open(info)
            return io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), info.file_size
        size = self.path.stat().st_size
        return open(self.path, encoding="utf-8", newline="\n"), size

    def check_fields(self, name, fields, length):
        """Refuse a field past ``limits.max_field`` (``length``: the line's, no field is
        longer)."""
        if length > self.limits.max_field and max(map(len, fields)) > self.limits.max_field:
            raise ExportError(
                f"{name} has a field longer than {self.limits.max_field:,} characters (the "
                "longest column of the export holds 500): refused, nothing changed."
            )

    def add_memory(self, cost):
        """Refuse the export once its rows would take more than ``limits.max_memory``."""
        self.memory += cost
        if self.memory > self.limits.max_memory:
            raise ExportError(
                f"{self.path.name} holds more rows in the tables the import reads than fit in "
                f"{self.limits.max_memory // 1_000_000} MB (the real export takes about 30): "
                "refused, nothing changed."
            )

    def _read_dump(self, wanted, progress):
        tables = {}
        try:
            stream, size = self._open_text()
        except zipfile.BadZipFile as error:
            raise ExportError(f"{self.path.name} is not a readable zip ({error}).") from error
        complete = False
        bar = tqdm(total=size, unit="B", unit_scale=True, desc="read", disable=not progress or None)
        try:
            with stream:
                lines = limited_lines(stream, self.path.name, self.limits, self.chars)
                for line in lines:
                    bar.update(len(line))
                    if line.startswith(DUMP_END):
                        complete = True
                        continue
                    if not line.startswith("COPY "):
                        continue
                    match = COPY_RE.match(line)
                    if not match:
                        continue
                    table = match.group(1)
                    columns = [c.strip().strip('"') for c in match.group(2).split(",")]
                    keep = self._positions(table, columns, wanted)
                    rows = tables.setdefault(table, []) if keep is not None else None
                    if rows is not None:
                        make = Rows(wanted[table], keep, copy_value, self)
                    ended = False
                    for data in lines:
                        bar.update(len(data))
                        if data == "\\.\n" or data == "\\.":
                            ended = True
                            break
                        if rows is None:
                            continue
                        fields = data.rstrip("\n").split("\t")
                        if len(fields) != len(columns):
                            raise ExportError(
                                f"Table {table}: a line has {len(fields)} fields instead of "
                                f"{len(columns)} (truncated or damaged dump): refused."
                            )
                        self.check_fields(f"Table {table}", fields, len(data))
                        rows.append(make(fields))
                    if not ended:
                        raise ExportError(
                            f"The dump ends inside table {table} (truncated download?): "
                            "refused, nothing changed."
                        )
        # zipfile raises NotImplementedError for a compression method it cannot read and
        # RuntimeError for an encrypted member: both are files we refuse, in one sentence.
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
            raise ExportError(f"{self.path.name} cannot be read to its end ({error}).") from error
        except UnicodeDecodeError as error:
            raise ExportError(f"{self.path.name} is not UTF-8 text ({error}).") from error
        finally:
            bar.close()
        if not complete:
            raise ExportError(
                f'{self.path.name} lacks pg_dump\'s closing line "{DUMP_END}" '
                "(truncated or not a pg_dump): refused, nothing changed."
            )
        return tables

    def _positions(self, table, columns, wanted):
        """The (name, position) of each wanted column present in this table's columns."""
        if table not in wanted:
            return None
        missing = [c for c in self.required.get(table, ()) if c not in columns]
        if missing:
            raise ExportError(
                f"Table {table} lacks the column(s) {', '.join(missing)}: refused, nothing changed."
            )
        return [(name, columns.index(name)) for name in wanted[table] if name in columns]

    # --- CSV folder ----------------------------------------------------------------------

    def _read_csv(self, wanted):
        tables = {}
        for table in wanted:
            path = self.path / f"{table}.csv"
            if not path.exists():
                continue
            try:
                with open(path, encoding="utf-8", newline="") as stream:
                    reader = csv.reader(limited_lines(stream, path.name, self.limits, self.chars))
                    header = [h.strip() for h in next(reader, [])]
                    keep = self._positions(table, header, wanted)
                    make = Rows(wanted[table], keep, csv_value, self)
                    rows = tables[table] = []
                    for fields in reader:
                        if not fields:
                            continue
                        number = reader.line_num
                        if len(fields) != len(header):
                            raise ExportError(
                                f"{path.name}, line {number}: {len(fields)} fields instead of "
                                f"{len(header)}."
                            )
                        self.check_fields(
                            f"{path.name}, line {number},", fields, sum(map(len, fields))
                        )
                        rows.append(make(fields))
            except csv.Error as error:
                raise ExportError(
                    f"{path.name} is not a readable CSV file ({error}): refused, nothing changed."
                ) from error
            except UnicodeDecodeError as error:
                raise ExportError(
                    f"{path.name} is not UTF-8 ({error}); the latin-1 ODSEN_*.csv extracts "
                    "are not the supported form."
                ) from error
        return tables


ODSEN_MESSAGE = (
    "{name}: the ODSEN_*.csv extracts (latin-1, column aliases, current political group "
    "only) are not the supported form. Use the full export (export_sens.zip or "
    "export_sens.sql) or a folder of per-table CSVs named <table>.csv."
)


def open_export(path, export_date=None):
    """Recognise the form of ``path``; refuse what is none of the accepted forms."""
    path = Path(path)
    if not path.exists():
        raise ExportError(f"{path} does not exist.")
    if path.name.upper().startswith("ODSEN_"):
        raise ExportError(ODSEN_MESSAGE.format(name=path.name))
    if path.is_dir():
        names = os.listdir(path)
        if not any(n.endswith(".csv") and not n.upper().startswith("ODSEN_") for n in names):
            odsen = [n for n in names if n.upper().startswith("ODSEN_")]
            if odsen:
                raise ExportError(ODSEN_MESSAGE.format(name=odsen[0]))
            raise ExportError(f"{path} holds no <table>.csv file: refused, nothing changed.")
        return Export(path, "csv", export_date or _mtime_date(path / "grpsenami.csv"))
    suffix = path.suffix.lower()
    if suffix == ".zip":
        if not zipfile.is_zipfile(path):
            raise ExportError(f"{path.name} is not a zip file: refused, nothing changed.")
        with zipfile.ZipFile(path) as archive:
            sql = [i for i in archive.infolist() if i.filename.lower().endswith(".sql")]
            stamp = datetime.date(*sql[0].date_time[:3]) if sql else None
        return Export(path, "dump", export_date or stamp)
    if suffix == ".sql":
        with open(path, "rb") as stream:
            head = stream.read(4096)
        if b"PostgreSQL database dump" not in head:
            raise ExportError(f"{path.name} is not a pg_dump (no pg_dump header).")
        return Export(path, "dump", export_date or _mtime_date(path))
    raise ExportError(
        f"{path.name} is none of the accepted forms (export_sens.zip, export_sens.sql, "
        "a folder of <table>.csv files): refused, nothing changed."
    )


def _mtime_date(path):
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None
