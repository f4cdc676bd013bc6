"""Check the export's rows against the import rules and build the plan of portal records.

No Django here: the input is ``parse.Export.read()``'s {table: [row]}, the output a ``Plan``
of plain dicts keyed by their source key ("<table>:<key>"), using the portal's field names,
and the ``Report``. Each rule has a name that the report gives with the row's key:

reject    a row that cannot be imported faithfully (nothing of it is written):
          ``not_null`` (NULL in a NOT NULL column), ``unknown_group``, ``unknown_senator``,
          ``unknown_membership``, ``membership_rejected`` (a function of a rejected
          membership), ``unknown_function``, ``unknown_civility``, ``unknown_nation``,
          ``country_not_iso`` (a COG code with no ISO 3166 country),
          ``country_not_in_portal``, ``unknown_political_group``, ``unknown_kind``,
          ``no_name``, ``ends_before_start``, ``overlapping_function``,
          ``second_current_president``, ``second_current_delegate``,
          ``second_current_membership``, ``unknown_date``, ``reception_country_unknown``
          (a regional group's reception: the country is not in the data),
          ``unknown_activity``, ``activity_rejected``, ``duplicate_key`` (two rows give
          the same key: neither is imported, nothing is guessed), ``group_rejected``,
          ``senator_rejected``, ``bad_date`` (a date that does not exist, e.g. 2020-13-45),
          ``value_too_long`` (longer than the portal's column: never cut),
          ``nation_name_mismatch`` (a ``nation`` row whose label is not the COG's name of
          its code: the code or the label is wrong, so neither is published),
          ``nation_rejected`` (a group's link to such a nation).
correct   ``function_ends_with_membership``, ``membership_ends_with_group``.
report    ``delegate_country_unknown`` (a président délégué imported without a country),
          ``reception_country_unknown`` (a regional group's reception whose text names
          none of its countries: kept without one; any other group's is rejected).
normalise (counted) ``sentinel_start``, ``sentinel_end``, ``blank_label``,
          ``label_fallback``, ``name_from_group_row``.
skip      (counted) groups of a type the mapping does not import (study, liaison…), with
          their names, countries, memberships, functions and activities; activities of
          other bodies or of a type the mapping does not know, with their participants.
"""

import csv
import dataclasses
import datetime
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from core.importing import Report
from groups.periods import holds_on

DATA = Path(__file__).resolve().parent.parent / "data"

# Columns read from each table (parse reads nothing else).
WANTED = {
    "grpsenami": (
        "orgcod", "typgrpsencod", "orgdatcre", "orgdatfin", "evelic", "evelib", "evelil",
        "orgurlsim", "orgurlcmp",
    ),
    "libgrpsen": (
        "libgrpsenid", "orgcod", "libgrpsendatautbur", "libgrpsendatfin", "libgrpsenlib",
        "libgrpsenlic", "libgrpsenlil",
    ),
    "nationgrpsen": (
        "nationgrpsenid", "orgcod", "nationcod", "nationgpsendatdeb", "nationgrpsendatfin",
    ),
    "nation": ("nationcod", "nationlibcog", "nationlic", "nationlibenr"),
    "sen": ("senmat", "quacod", "sennomuse", "senprenomuse", "etasencod", "sencircou"),
    "qua": ("quacod", "quacodsex"),
    "memgrpsen": ("memgrpsenid", "orgcod", "senmat", "memgrpsendatent", "memgrpsendatsor"),
    "fonmemgrpsen": (
        "fonmemgrpsenid", "memgrpsenid", "fongrpsencod", "fonmemgrpsendatdeb",
        "fonmemgrpsendatfin", "fonmemgrpsenrngele", "evelib", "evelil", "eveobs",
    ),
    "fongrpsen": (
        "fongrpsencod", "fongrpsenlib", "fongrpsenlic", "fongrpsenlil", "fongrpsenlibfem",
        "fongrpsenlicfem", "fongrpsenlilfem",
    ),
    "grppol": (
        "grppolcod", "grppoldatcre", "grppoldatfin", "grppolliccou", "grppollibcou",
        "grppollilcou", "evelic", "evelib", "evelil",
    ),
    "memgrppol": (
        "memgrppolid", "grppolcod", "typapppolcod", "memgrppoldatdeb", "memgrppoldatfin",
        "senmat",
    ),
    "typapppol": (
        "typapppolcod", "typapppollib", "typapppollic", "typapppollil", "typapppollibfem",
        "typapppollicfem", "typapppollilfem",
    ),
    "activite": (
        "actid", "typactcod", "catactcod", "actlib", "actlic", "datdeb", "datfin", "giacod",
    ),
    "activite_participant": ("actparid", "actid", "senmat", "fapcod", "fapidx", "typactparcod"),
    "type_activite_participant": ("typactparcod", "typactparlib"),
    "fonact_participant": ("fapcod", "faplib", "faplibfem"),
}  # fmt: skip

NOT_NULL = {
    "grpsenami": ("orgcod", "typgrpsencod", "orgdatcre"),
    "libgrpsen": ("libgrpsenid", "orgcod", "libgrpsendatautbur"),
    "nationgrpsen": ("nationgrpsenid", "orgcod", "nationcod"),
    "sen": ("senmat", "quacod", "sennomuse", "senprenomuse", "etasencod"),
    "memgrpsen": ("memgrpsenid", "orgcod", "senmat", "memgrpsendatent", "memgrpsendatsor"),
    "fonmemgrpsen": ("fonmemgrpsenid", "memgrpsenid", "fongrpsencod", "fonmemgrpsendatdeb"),
    "fongrpsen": ("fongrpsencod",),
    "grppol": ("grppolcod",),
    "memgrppol": ("memgrppolid", "grppolcod", "typapppolcod", "senmat"),
    "activite": ("actid", "typactcod", "catactcod", "datdeb", "datfin"),
    "activite_participant": ("actparid", "actid", "senmat", "fapcod"),
}

# Roles of the portal, recognised from the function table's own masculine label
# (fongrpsenlib), never from its codes; any other function is a member with its label.
PRESIDENT, DELEGATE, VICE, SECRETARY, MEMBER = (
    "president", "delegate_president", "vice_president", "secretary", "member",
)  # fmt: skip


def load_mapping(path=None):
    return json.loads(Path(path or DATA / "mapping.json").read_text(encoding="utf-8"))


def _cog_rows(path=None):
    with open(path or DATA / "cog_iso.csv", encoding="utf-8", newline="") as stream:
        lines = (line for line in stream if not line.startswith("#"))
        return list(csv.DictReader(lines))


def load_cog_iso(path=None):
    """{COG code: ISO 3166-1 alpha-2} from the shipped table (sens/data/cog_iso.csv)."""
    return {row["cog"]: row["iso2"] for row in _cog_rows(path) if row["iso2"]}


def load_cog_names(path=None):
    """{COG code: INSEE's name of it (LIBCOG)} from the same table."""
    return {row["cog"]: row["name"] for row in _cog_rows(path) if row["name"]}


def same_name(a, b):
    """Two labels of a country are the same name: case, accents, punctuation aside."""

    def words(text):
        return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())

    return words(a) == words(b)


def fold(text):
    """Lower case without accents, for comparing labels."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def role_of(label):
    folded = fold(label).strip()
    if re.match(r"^(president|presidente) (delegue|deleguee)\b", folded):
        return DELEGATE
    if re.match(r"^vice[- ]?(president|presidente)\b", folded):
        return VICE
    if folded in ("president", "presidente"):
        return PRESIDENT
    if re.match(r"^secretaire\b", folded):
        return SECRETARY
    return MEMBER


@dataclasses.dataclass
class Plan:
    export_date: datetime.date
    groups: dict = dataclasses.field(default_factory=dict)
    names: dict = dataclasses.field(default_factory=dict)
    links: dict = dataclasses.field(default_factory=dict)
    senators: dict = dataclasses.field(default_factory=dict)
    political_groups: dict = dataclasses.field(default_factory=dict)
    political_memberships: dict = dataclasses.field(default_factory=dict)
    memberships: dict = dataclasses.field(default_factory=dict)
    missions: dict = dataclasses.field(default_factory=dict)
    receptions: dict = dataclasses.field(default_factory=dict)
    participants: dict = dataclasses.field(default_factory=dict)


# The timestamp columns read, checked on every row (``bad_date``).
DATES = {table: tuple(c for c in columns if "dat" in c) for table, columns in WANTED.items()}


class CheckerBase:
    """The values and row helpers every table's rules use (sens/check/*.py add the rules)."""

    def __init__(
        self, tables, export_date, portal_countries, cog_iso=None, mapping=None, limits=None
    ):
        self.t = tables
        self.day = export_date
        self.portal_countries = set(portal_countries)
        self.cog_iso = cog_iso if cog_iso is not None else load_cog_iso()
        self.cog_names = load_cog_names()
        self.mapping = mapping or load_mapping()
        self.limits = limits or {}
        self.report = Report()
        self.plan = Plan(export_date=export_date)
        self.rejected_groups, self.rejected_senators = set(), set()

    # --- values ----------------------------------------------------------------------

    def label(self, table, row, *columns):
        """The first non-blank of the columns, trimmed; counts blanks and fallbacks."""
        for position, column in enumerate(columns):
            value = row.get(column)
            if value is None:
                continue
            stripped = value.strip()
            if not stripped:
                self.report.normalise(table, "blank_label")
                continue
            if stripped != value:
                self.report.normalise(table, "padded_value")
            if position:
                self.report.normalise(table, "label_fallback")
            return stripped
        return ""

    def code(self, value):
        return value.strip() if value is not None else None

    def date(self, table, value, end=False):
        """A timestamp as a Paris date; sentinels become None (unknown start, still open)."""
        if value is None or not value.strip():
            return None
        day = datetime.date.fromisoformat(value.strip()[:10])
        if day.year <= 1900:
            self.report.normalise(table, "sentinel_start" if not end else "sentinel_end")
            return None
        if day.year >= 2200:
            self.report.normalise(table, "sentinel_end")
            return None
        return day

    def read(self, table):
        rows = self.t[table]
        self.report.count(table, "read", len(rows))
        return rows

    def unique_rows(self, table, key_column, rejected=None):
        """(key, row) for each row of ``table`` whose key no other row gives; rows that
        share a key are all rejected (``duplicate_key``): which one is right is a guess."""
        rows = self.read(table)
        counts = Counter(self.code(row[key_column]) for row in rows)
        for row in rows:
            key = self.code(row[key_column])
            # The group and senator the row is about, for the report's links.
            self.report.context = {
                "group": self.code(row.get("orgcod") or row.get("giacod")),
                "senator": self.code(row.get("senmat")),
            }
            if counts[key] > 1:
                self.report.reject(table, key, "duplicate_key", str(counts[key]))
                if rejected is not None:
                    rejected.add(key)
                continue
            yield key, row
        self.report.context = {}

    def complete_rows(self, table, key_column, rejected=None):
        """(key, row) for each row of ``table`` with a unique key, a value in every NOT NULL
        column and real dates; the others are rejected (``duplicate_key``, ``not_null``,
        ``bad_date``), their keys added to the ``rejected`` set if given."""
        for key, row in self.unique_rows(table, key_column, rejected):
            missing = [
                c for c in NOT_NULL.get(table, ()) if row.get(c) is None or not row[c].strip()
            ]
            bad = [f"{c} = {row[c]}" for c in DATES.get(table, ()) if not valid_date(row[c])]
            if not (missing or bad):
                yield key, row
                continue
            if missing:
                self.report.reject(table, key, "not_null", ", ".join(missing))
            else:
                self.report.reject(table, key, "bad_date", ", ".join(bad))
            if rejected is not None:
                rejected.add(key)

    def fits(self, section, table, key, record):
        """False, with the row rejected (``value_too_long``), when a text of ``record`` is
        longer than the portal's column for it: a name is never cut short silently."""
        long = [
            f"{field} ({len(record[field])} > {length})"
            for field, length in self.limits.get(section, {}).items()
            if record.get(field) and len(record[field]) > length
        ]
        if long:
            self.report.reject(table, key, "value_too_long", ", ".join(long))
        return not long

    def orphan(self, table, key, parent, skipped, rejected, name):
        """A row whose ``name`` row ``parent`` is not in the plan: skipped with its parent,
        else rejected (``<name>_rejected`` when the parent was, ``unknown_<name>``)."""
        if skipped:
            self.report.count(table, "skipped")
        else:
            rule = f"{name}_rejected" if rejected else f"unknown_{name}"
            self.report.reject(table, key, rule, parent)

    def parent_key(self, table, key, parents, prefix, code, name, skipped=(), rejected=()):
        """``prefix:code``, the plan key of the row's ``name`` row, when the plan's ``parents``
        hold it; else None, the row skipped or rejected as ``orphan()`` says."""
        parent = f"{prefix}:{code}"
        if parent in parents:
            return parent
        self.orphan(table, key, code, code in skipped, code in rejected, name)
        return None

    @staticmethod
    def refs(record):
        """The report's context for a plan record: its group's and senator's codes."""
        return {
            "group": (record.get("group") or "").partition(":")[2],
            "senator": (record.get("senator") or "").partition(":")[2],
        }

    # Whether a dated row holds on a day: the portal's one rule (groups.periods.holds_on).
    current = staticmethod(holds_on)

    # --- tables ----------------------------------------------------------------------

    def run(self):
        self.check_groups()
        self.check_names()
        self.check_links()
        self.check_senators()
        self.check_political()
        self.check_memberships()
        self.check_activities()
        self.report.context = {}
        return self.plan, self.report


def valid_date(value):
    """True for NULL, blank or a real timestamp (``2015-06-02 00:00:00`` or a date)."""
    if value is None or not value.strip():
        return True
    try:
        datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True
