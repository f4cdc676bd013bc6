"""``import_cooperation FILE.csv``: parse, check, write (STYLE §10).

- ``parse()`` turns the file into plain dicts, one per line, streaming: UTF-8 (with or
  without BOM) or, when the bytes are not UTF-8, the Windows-1252/latin-1 that French
  spreadsheets save; ``;`` or ``,`` as the separator, whichever the header uses.
- ``Checker.check()`` validates one row against the COG, the countries, the choices and
  the columns' lengths, and returns a ``CheckedRow`` or raises ``Reject`` naming the rule.
- ``import_file()`` checks every row, rejects rows that describe the same agreement
  (``duplicate_row``: which of them is right would be a guess), then saves the others in one
  transaction through ``services``; a row the database still refuses is rejected alone
  (a savepoint each). The report is ``core.importing.Report``, one row per line left out.

The columns are documented in docs/import-cooperation.md.
"""

import codecs
import csv
import datetime
import io
import re
from dataclasses import dataclass

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError
from django.db import transaction

from core.importing import Report
from core.models import Publishable
from groups.models import Country

from . import services
from .models import Agreement
from .models import AuthorityDataset
from .models import Department
from .models import ForeignAuthority
from .models import LocalAuthority
from .models import Region
from .models import name_spelling

COLUMNS = [
    "kind",
    "french_authority_kind",
    "french_authority_code",
    "french_authority_name",
    "french_authority_department",
    "foreign_authority_name_fr",
    "foreign_authority_name_en",
    "foreign_authority_kind",
    "country",
    "signed_on",
    "state",
    "end_date",
    "renewed_on",
    "themes",
    "summary_fr",
    "summary_en",
    "source_url",
    "source_label_fr",
    "source_label_en",
    "checked_on",
    "published",
]
# country may be empty for a body (foreign_authority_kind « body »).
REQUIRED = {"kind", "french_authority_kind", "foreign_authority_name_fr", "signed_on"}
LIST_SEPARATOR = "|"  # several authorities or themes in one cell


TABLE = "agreements"  # the report's table for every row of the file
MAX_LINE = 65_536  # characters: no agreement needs more (and csv's own field limit is 131,072)


class ImportFileError(Exception):
    """The file as a whole cannot be read (not CSV, missing columns); nothing was changed."""


# --- parse ---------------------------------------------------------------------------


def detect_encoding(path, chunk_size=1 << 16):
    """ "utf-8-sig" if the whole file decodes as UTF-8, else "cp1252" (or "latin-1")."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while chunk := f.read(chunk_size):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
        # Windows-1252 is what Excel saves as « latin-1 » in France (œ, €, ’); the
        # five bytes it leaves undefined only exist in true ISO-8859-1.
        f.seek(0)
        try:
            while chunk := f.read(chunk_size):
                chunk.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return "latin-1"


def parse(path):
    """Yield (line number, {column: stripped text}) for each data line of the CSV file."""
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, newline="") as f:
        header_line = f.readline()
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        header = next(csv.reader(io.StringIO(header_line), delimiter=delimiter), [])
        header = [h.strip().lower() for h in header]
        missing = REQUIRED - set(header)
        if missing:
            raise ImportFileError(f"missing columns: {', '.join(sorted(missing))}")
        reader = csv.reader(limited_lines(f), delimiter=delimiter)
        number = 1
        try:
            for values in reader:
                number = reader.line_num + 1  # the header line was read before
                if not any(v.strip() for v in values):
                    continue
                row = {name: "" for name in COLUMNS}
                row.update(
                    {
                        name: v.strip()
                        for name, v in zip(header, values, strict=False)
                        if name in row
                    }
                )
                yield number, row
        except csv.Error as error:
            raise ImportFileError(f"line {number + 1} is not readable as CSV ({error})") from error


def limited_lines(f):
    """The lines of ``f``, refusing one longer than MAX_LINE (read at most that far)."""
    number = 1
    while line := f.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise ImportFileError(f"line {number} is longer than {MAX_LINE:,} characters")
        yield line


def count_lines(path):
    with open(path, "rb") as f:
        return max(sum(1 for _ in f) - 1, 0)


# --- check ---------------------------------------------------------------------------


@dataclass
class CheckedRow:
    line: int
    kind: str
    french: list  # [dict(kind, name, code, department, region)]
    foreign: list  # [dict(kind, name_fr, name_en, country)]
    signed_on: datetime.date
    fields: dict

    def key(self):
        """What makes two rows the same agreement (services.agreement_find's key)."""

        def place(a):
            return a.get("department") or a.get("region")

        french = frozenset(
            (a["kind"], a["code"] or a["name"].lower(), getattr(place(a), "code", ""))
            for a in self.french
        )
        foreign = frozenset(
            (getattr(a["country"], "code", ""), (a["name_fr"] or a["name_en"]).lower())
            for a in self.foreign
        )
        return (self.kind, self.signed_on, french, foreign)


class Reject(Exception):
    def __init__(self, rule, message):
        super().__init__(message)
        self.rule = rule
        self.message = message


def date_and_precision(value, column):
    """(date, precision) from YYYY-MM-DD, DD/MM/YYYY, YYYY-MM, MM/YYYY or YYYY."""
    value = value.strip()
    patterns = [
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda y, m, d: (y, m, d, "day")),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", lambda d, m, y: (y, m, d, "day")),
        (r"(\d{4})-(\d{1,2})", lambda y, m: (y, m, 1, "month")),
        (r"(\d{1,2})/(\d{4})", lambda m, y: (y, m, 1, "month")),
        (r"(\d{4})", lambda y: (y, 1, 1, "year")),
    ]
    for pattern, build in patterns:
        match = re.fullmatch(pattern, value)
        if match:
            y, m, d, precision = build(*match.groups())
            try:
                return datetime.date(int(y), int(m), int(d)), precision
            except ValueError:
                break
    raise Reject("bad_date", f"{column}: « {value} » is not a date (YYYY-MM-DD, DD/MM/YYYY, YYYY)")


def choice(value, choices, column):
    """A choice given by its code or by its label in French or English."""
    from django.utils import translation

    value = value.strip()
    for code, label in choices:
        if value.lower() == code:
            return code
        for lang in ("fr", "en"):
            with translation.override(lang):
                if value.lower() == str(label).lower():
                    return code
    raise Reject(
        f"unknown_{column}", f"{column}: « {value} » is not one of {[c for c, _ in choices]}"
    )


def max_length(model, name):
    return model._meta.get_field(name).max_length


# Texts of a row and the column that stores them: longer is rejected, never cut.
LENGTHS = {
    "french_authority_name": (LocalAuthority, "name"),
    "foreign_authority_name_fr": (ForeignAuthority, "name"),
    "foreign_authority_name_en": (ForeignAuthority, "name"),
    "source_url": (Agreement, "source_url"),
    "source_label_fr": (Agreement, "source_label"),
    "source_label_en": (Agreement, "source_label"),
}
SOURCE_URL = URLValidator(schemes=["http", "https"])


REFERENCE_KINDS = {LocalAuthority.Kind.COMMUNE, LocalAuthority.Kind.INTERCOMMUNALITY}


def split(value):
    return [part.strip() for part in value.split(LIST_SEPARATOR)] if value.strip() else []


class Checker:
    """Checks rows against the COG and the countries, loaded once per import."""

    def __init__(self):
        self.regions = {r.code: r for r in Region.objects.all()}
        self.departments = {d.code: d for d in Department.objects.all()}
        self.countries = {c.code: c for c in Country.objects.all()}
        # Once load_authorities has run, communes and EPCIs are matched on the reference
        # rows (by official code, else by name in the département), never created anew.
        self.reference_loaded = AuthorityDataset.objects.exists()

    def reference_authority(self, kind, code, name, department):
        """The loaded authority this row names: by its code, or by its name (accents,
        case and hyphens aside) in its département when that names one only."""
        authorities = LocalAuthority.objects.filter(kind=kind).select_related("department")
        if code:
            found = authorities.filter(insee_code=code).first()
            if found is None:
                raise Reject(
                    "unknown_insee_code",
                    f"french_authority_code: no {kind} « {code} » in the reference data",
                )
        else:
            named = list(authorities.filter(department=department).matching_name(name)[:10])
            # « saint etienne » spells Saint-Étienne exactly, not Saint-Étienne-le-Molard.
            exact = [a for a in named if name_spelling(a.name) == name_spelling(name)]
            found = exact[0] if len(exact) == 1 else (named[0] if len(named) == 1 else None)
            if found is None:
                raise Reject(
                    "unknown_insee_code",
                    f"french_authority_name: « {name} » names {len(named)} {kind}s in "
                    f"département « {getattr(department, 'code', '')} »: give the code",
                )
        return {
            "kind": kind,
            "name": found.name,
            "code": found.insee_code,
            "department": found.department,
        }

    def department_of_commune(self, code):
        dep = code[:3] if code.startswith("97") else code[:2]
        return self.departments.get(dep)

    def french_authority(self, kind, code, name, department_code):
        if kind == LocalAuthority.Kind.REGION:
            region = self.regions.get(code)
            if region is None:
                raise Reject("unknown_insee_code", f"french_authority_code: no région « {code} »")
            return {"kind": kind, "name": region.name, "code": code, "region": region}
        if kind == LocalAuthority.Kind.DEPARTMENT:
            department = self.departments.get(code)
            if department is None:
                raise Reject(
                    "unknown_insee_code", f"french_authority_code: no département « {code} »"
                )
            return {"kind": kind, "name": department.name, "code": code, "department": department}
        if not name:
            raise Reject("missing_name", "french_authority_name is empty")
        department = None
        if department_code:
            department = self.departments.get(department_code)
            if department is None:
                raise Reject(
                    "unknown_insee_code",
                    f"french_authority_department: no département « {department_code} »",
                )
        if kind == LocalAuthority.Kind.INTERCOMMUNALITY and code:
            if not re.fullmatch(r"\d{9}", code):
                raise Reject(
                    "unknown_insee_code",
                    f"french_authority_code: « {code} » is not a SIREN (9 digits)",
                )
        if self.reference_loaded and kind in REFERENCE_KINDS:
            return self.reference_authority(kind, code, name, department)
        if kind == LocalAuthority.Kind.COMMUNE and code:
            if not re.fullmatch(r"(\d{2}|2[AB])\d{3}", code):
                raise Reject(
                    "unknown_insee_code", f"french_authority_code: « {code} » is not a commune code"
                )
            department = self.department_of_commune(code)
            if department is None:
                raise Reject(
                    "unknown_insee_code",
                    f"french_authority_code: « {code} »'s département is unknown",
                )
        if department is None and kind != LocalAuthority.Kind.OVERSEAS:
            raise Reject(
                "unknown_insee_code", "a commune or intercommunality needs a code or a département"
            )
        return {"kind": kind, "name": name, "code": code, "department": department}

    def check(self, line, row):
        """The row as a CheckedRow; raises Reject."""
        for column in sorted(REQUIRED):
            if not row[column]:
                raise Reject("missing_value", f"{column} is empty")
        for column, (model, name) in LENGTHS.items():
            longest = max((len(part) for part in split(row[column])), default=0)
            if longest > max_length(model, name):
                raise Reject(
                    "value_too_long",
                    f"{column}: {longest} characters, the column holds {max_length(model, name)}",
                )
        if row["source_url"]:
            try:
                SOURCE_URL(row["source_url"])
            except ValidationError:
                raise Reject(
                    "bad_url", f"source_url: « {row['source_url'][:80]} » is not an http(s) link"
                ) from None
        kind = choice(row["kind"], Agreement.Kind.choices, "kind")
        fr_kinds = split(row["french_authority_kind"])
        fr_codes = split(row["french_authority_code"]) or [""] * len(fr_kinds)
        fr_names = split(row["french_authority_name"]) or [""] * len(fr_kinds)
        fr_deps = split(row["french_authority_department"]) or [""] * len(fr_kinds)
        if not (len(fr_kinds) == len(fr_codes) == len(fr_names) == len(fr_deps)):
            raise Reject(
                "list_lengths",
                "the french_authority_* columns list different numbers of authorities",
            )
        french = [
            self.french_authority(
                choice(k, LocalAuthority.Kind.choices, "french_authority_kind"), c, n, d
            )
            for k, c, n, d in zip(fr_kinds, fr_codes, fr_names, fr_deps, strict=True)
        ]
        names_fr = split(row["foreign_authority_name_fr"])
        names_en = split(row["foreign_authority_name_en"]) or [""] * len(names_fr)
        foreign_kinds = split(row["foreign_authority_kind"]) or ["city"] * len(names_fr)
        codes = split(row["country"]) or [""]
        if len(codes) == 1:
            codes = codes * len(names_fr)
        if not (len(names_fr) == len(names_en) == len(foreign_kinds) == len(codes)):
            raise Reject(
                "list_lengths",
                "the foreign_authority_* columns list different numbers of authorities",
            )
        foreign = []
        for name_fr, name_en, fkind, code in zip(
            names_fr, names_en, foreign_kinds, codes, strict=True
        ):
            fkind = choice(fkind, ForeignAuthority.Kind.choices, "foreign_authority_kind")
            country = None
            if code.upper() not in ("", "-") or fkind != ForeignAuthority.Kind.BODY:
                country = self.countries.get(code.upper())
                if country is None:
                    raise Reject("unknown_country", f"country: « {code} » is not an ISO 3166 code")
            foreign.append(
                {"kind": fkind, "name_fr": name_fr, "name_en": name_en, "country": country}
            )
        signed_on, precision = date_and_precision(row["signed_on"], "signed_on")
        fields = {
            "signed_precision": precision,
            "state": choice(row["state"] or "active", Agreement.State.choices, "state"),
            "end_date": date_and_precision(row["end_date"], "end_date")[0]
            if row["end_date"]
            else None,
            "renewed_on": date_and_precision(row["renewed_on"], "renewed_on")[0]
            if row["renewed_on"]
            else None,
            "themes": [choice(t, Agreement.Theme.choices, "themes") for t in split(row["themes"])],
            "summary_fr": row["summary_fr"],
            "summary_en": row["summary_en"],
            "source_url": row["source_url"],
            "source_label_fr": row["source_label_fr"],
            "source_label_en": row["source_label_en"],
            "checked_on": date_and_precision(row["checked_on"], "checked_on")[0]
            if row["checked_on"]
            else None,
            "status": Publishable.Status.DRAFT
            if row["published"].lower() in ("no", "non", "0", "false")
            else Publishable.Status.PUBLISHED,
        }
        if fields["end_date"] and fields["end_date"] < signed_on:
            raise Reject("bad_date", "end_date is before signed_on")
        if fields["renewed_on"] and fields["renewed_on"] < signed_on:
            raise Reject("bad_date", "renewed_on is before signed_on")
        if fields["state"] == Agreement.State.RENEWED and not fields["renewed_on"]:
            raise Reject("bad_date", "a renewed agreement needs renewed_on")
        return CheckedRow(line, kind, french, foreign, signed_on, fields)


# --- write ---------------------------------------------------------------------------


def write_row(row, report):
    """Save one checked row through the services; count what happened in ``report``."""
    french = []
    for a in row.french:
        authority, created = services.local_authority_get_or_create(
            kind=a["kind"],
            name=a["name"],
            code=a["code"],
            department=a.get("department"),
            region=a.get("region"),
        )
        french.append(authority)
        report.count("authorities", "created", created)
    foreign = []
    for a in row.foreign:
        authority, created = services.foreign_authority_get_or_create(**a)
        foreign.append(authority)
        report.count("authorities", "created", created)
    _, outcome = services.agreement_save(
        french=french, foreign=foreign, kind=row.kind, signed_on=row.signed_on, fields=row.fields
    )
    report.count(TABLE, outcome)


def import_file(path, progress=lambda rows: rows):
    """Parse, check and write ``path`` in one transaction (all or nothing), as one history
    revision; returns the Report (its rows: the lines left out, with their rule).

    Every row is checked first (the checked rows of one file fit in memory: a few thousand
    agreements), so that rows describing the same agreement are all left out."""
    report = Report()
    checker = Checker()
    checked = []
    for line, row in progress(parse(path)):
        report.count(TABLE, "read")
        try:
            checked.append(checker.check(line, row))
        except Reject as e:
            report.reject(TABLE, line, e.rule, e.message, line=line)
    lines = {}
    for row in checked:
        lines.setdefault(row.key(), []).append(row.line)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("import_cooperation")
        for row in sorted(checked, key=lambda r: r.line):
            same = lines[row.key()]
            if len(same) > 1:
                others = ", ".join(str(n) for n in same if n != row.line)
                report.reject(
                    TABLE, row.line, "duplicate_row", f"same agreement as line {others}",
                    line=row.line,
                )  # fmt: skip
                continue
            try:
                with transaction.atomic():
                    write_row(row, report)
            except (ValidationError, DatabaseError) as error:
                message = "; ".join(getattr(error, "messages", None) or [str(error)])
                report.reject(
                    TABLE, row.line, "refused_by_database", message.splitlines()[0], line=row.line
                )
    report.rows.sort(key=lambda r: r.get("line", 0))
    return report
