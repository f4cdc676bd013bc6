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
report    ``delegate_country_unknown`` (a président délégué imported without a country).
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

DATA = Path(__file__).resolve().parent / "data"

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


class Checker:
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

    @staticmethod
    def refs(record):
        """The report's context for a plan record: its group's and senator's codes."""
        return {
            "group": (record.get("group") or "").partition(":")[2],
            "senator": (record.get("senator") or "").partition(":")[2],
        }

    @staticmethod
    def current(start, end, day):
        return (start is None or start <= day) and (end is None or end >= day)

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

    def check_groups(self):
        types = self.mapping["group_types"]
        self.skipped_groups = set()
        for code, row in self.complete_rows("grpsenami", "orgcod", self.rejected_groups):
            kind = types.get(self.code(row["typgrpsencod"]))
            if kind is None:
                self.skipped_groups.add(code)
                self.report.count("grpsenami", "skipped")
                continue
            group = {
                "senate_code": code,
                "kind": kind,  # "friendship" becomes country/regional once countries are known
                "fallback_name": self.label("grpsenami", row, "evelib", "evelic", "evelil"),
                "created_on": self.date("grpsenami", row["orgdatcre"]),
                "dissolved_on": self.date("grpsenami", row["orgdatfin"], end=True),
                "senate_url": self.label("grpsenami", row, "orgurlcmp", "orgurlsim"),
            }
            if not self.fits("groups", "grpsenami", code, {"name": group["fallback_name"]}):
                self.rejected_groups.add(code)
                continue
            self.plan.groups[f"grpsenami:{code}"] = group

    def group_key(self, table, row, key):
        """The plan key of the row's group, or None (skipped or rejected)."""
        code = self.code(row["orgcod"])
        if code in self.skipped_groups:
            self.report.count(table, "skipped")
            return None
        group_key = f"grpsenami:{code}"
        if group_key not in self.plan.groups:
            rule = "group_rejected" if code in self.rejected_groups else "unknown_group"
            self.report.reject(table, key, rule, code)
            return None
        return group_key

    def check_names(self):
        for key, row in self.complete_rows("libgrpsen", "libgrpsenid"):
            group_key = self.group_key("libgrpsen", row, key)
            if group_key is None:
                continue
            name = self.label("libgrpsen", row, "libgrpsenlib", "libgrpsenlil", "libgrpsenlic")
            if not name:
                self.report.reject("libgrpsen", key, "no_name")
                continue
            record = {
                "group": group_key,
                "name": name,
                "short_name": self.label("libgrpsen", row, "libgrpsenlic"),
                "start_date": self.date("libgrpsen", row["libgrpsendatautbur"]),
                "end_date": self.date("libgrpsen", row["libgrpsendatfin"], end=True),
            }
            if self.fits("names", "libgrpsen", key, record) and self.fits(
                "groups", "libgrpsen", key, {"name": name}
            ):
                self.plan.names[f"libgrpsen:{key}"] = record
        # Each group's name: its name valid at the export's date, else its latest dated
        # name, else grpsenami's own label.
        by_group = {}
        for name in self.plan.names.values():
            by_group.setdefault(name["group"], []).append(name)
        for group_key, group in list(self.plan.groups.items()):
            names = by_group.get(group_key, [])
            valid = [n for n in names if self.current(n["start_date"], n["end_date"], self.day)]
            chosen = max(
                valid or names,
                key=lambda n: n["start_date"] or datetime.date.min,
                default=None,
            )
            fallback = group.pop("fallback_name")
            if chosen is not None:
                group["name"] = chosen["name"]
            elif fallback:
                group["name"] = fallback
                self.report.normalise("grpsenami", "name_from_group_row")
            else:
                self.report.context = {"group": group["senate_code"]}
                self.report.reject("grpsenami", group["senate_code"], "no_name")
                del self.plan.groups[group_key]
                self.skipped_groups.add(group["senate_code"])

    def check_links(self):
        nations, wrong = {}, set()
        for cog, row in self.unique_rows("nation", "nationcod", wrong):
            labels = [
                v.strip()
                for v in (row["nationlibcog"], row["nationlic"], row["nationlibenr"])
                if v and v.strip()
            ]
            official = self.cog_names.get(cog)
            if official and labels and not any(same_name(label, official) for label in labels):
                # « Brésil » under the code INSEE gives to Fiji: the code or the label is
                # wrong; publishing either would be a guess.
                self.report.reject(
                    "nation", cog, "nation_name_mismatch", f"« {labels[0]} » ≠ « {official} »"
                )
                wrong.add(cog)
                continue
            nations[cog] = [fold(label) for label in labels]
        self.nation_labels = {}  # ISO code -> folded labels, for the présidents délégués
        for key, row in self.complete_rows("nationgrpsen", "nationgrpsenid"):
            group_key = self.group_key("nationgrpsen", row, key)
            if group_key is None:
                continue
            cog = self.code(row["nationcod"])
            if cog not in nations:
                rule = "nation_rejected" if cog in wrong else "unknown_nation"
                self.report.reject("nationgrpsen", key, rule, cog)
                continue
            iso = self.cog_iso.get(cog)
            if iso is None:
                self.report.reject("nationgrpsen", key, "country_not_iso", cog)
                continue
            if iso not in self.portal_countries:
                self.report.reject("nationgrpsen", key, "country_not_in_portal", iso)
                continue
            self.nation_labels[iso] = nations[cog]
            self.plan.links[f"nationgrpsen:{key}"] = {
                "group": group_key,
                "country": iso,
                "start_date": self.date("nationgrpsen", row["nationgpsendatdeb"]),
                "end_date": self.date("nationgrpsen", row["nationgrpsendatfin"], end=True),
            }
        # Countries covered today (or on the dissolution day); the kind follows from them.
        links_by_group = {}
        for link in self.plan.links.values():
            links_by_group.setdefault(link["group"], []).append(link)
        for group_key, group in self.plan.groups.items():
            day = group["dissolved_on"] or self.day
            links = links_by_group.get(group_key, [])
            group["all_countries"] = sorted({link["country"] for link in links})
            group["countries"] = sorted(
                {
                    link["country"]
                    for link in links
                    if self.current(link["start_date"], link["end_date"], day)
                }
            )
            if group["kind"] == "friendship":
                group["kind"] = "regional" if len(group["countries"]) > 1 else "country"
            group["is_active"] = group["dissolved_on"] is None or group["dissolved_on"] > self.day

    def check_senators(self):
        sexes = {k: self.code(r["quacodsex"]) for k, r in self.unique_rows("qua", "quacod")}
        for matricule, row in self.complete_rows("sen", "senmat", self.rejected_senators):
            civility = self.code(row["quacod"])
            if civility not in sexes:
                self.report.reject("sen", matricule, "unknown_civility", civility)
                self.rejected_senators.add(matricule)
                continue
            senator = {
                "senate_id": matricule,
                "civility": "MME" if (sexes[civility] or "").upper() == "F" else "M",
                # Names exactly as the Senate writes them (sennomuse, not the capitals).
                "last_name": row["sennomuse"].strip(),
                "first_name": row["senprenomuse"].strip(),
                "is_active": self.code(row["etasencod"]) == "ACTIF",
                "constituency_fr": self.label("sen", row, "sencircou"),
            }
            if not self.fits("senators", "sen", matricule, senator):
                self.rejected_senators.add(matricule)
                continue
            self.plan.senators[f"sen:{matricule}"] = senator

    def senator_key(self, table, row, key):
        matricule = self.code(row["senmat"])
        senator_key = f"sen:{matricule}"
        if senator_key not in self.plan.senators:
            rule = "senator_rejected" if matricule in self.rejected_senators else "unknown_senator"
            self.report.reject(table, key, rule, matricule)
            return None
        return senator_key

    def check_political(self):
        for code, row in self.complete_rows("grppol", "grppolcod"):
            name = self.label("grppol", row, "grppollibcou", "evelib", "grppollilcou", "evelil")
            short = self.label("grppol", row, "grppolliccou", "evelic")
            if not (name or short):
                self.report.reject("grppol", code, "no_name")
                continue
            record = {
                "senate_code": code,
                "name": name or short,
                "short_name": short,
                "created_on": self.date("grppol", row["grppoldatcre"]),
                "ended_on": self.date("grppol", row["grppoldatfin"], end=True),
            }
            if self.fits("political_groups", "grppol", code, record):
                self.plan.political_groups[f"grppol:{code}"] = record
        kinds = {}
        for code, row in self.unique_rows("typapppol", "typapppolcod"):
            kinds[code] = (
                self.label("typapppol", row, "typapppollib", "typapppollic", "typapppollil"),
                self.label(
                    "typapppol", row, "typapppollibfem", "typapppollicfem", "typapppollilfem"
                ),
            )
        for key, row in self.complete_rows("memgrppol", "memgrppolid"):
            senator_key = self.senator_key("memgrppol", row, key)
            if senator_key is None:
                continue
            group_key = f"grppol:{self.code(row['grppolcod'])}"
            if group_key not in self.plan.political_groups:
                self.report.reject("memgrppol", key, "unknown_political_group", row["grppolcod"])
                continue
            kind = kinds.get(self.code(row["typapppolcod"]))
            if kind is None:
                self.report.reject("memgrppol", key, "unknown_kind", row["typapppolcod"])
                continue
            start = self.date("memgrppol", row["memgrppoldatdeb"])
            end = self.date("memgrppol", row["memgrppoldatfin"], end=True)
            if start and end and end < start:
                self.report.reject("memgrppol", key, "ends_before_start")
                continue
            record = {
                "senator": senator_key,
                "political_group": group_key,
                "kind": kind[0],
                "kind_feminine": kind[1],
                "start_date": start,
                "end_date": end,
            }
            if self.fits("political_memberships", "memgrppol", key, record):
                self.plan.political_memberships[f"memgrppol:{key}"] = record

    def check_memberships(self):
        functions = {}
        for code, row in self.unique_rows("fongrpsen", "fongrpsencod"):
            masculine = self.label("fongrpsen", row, "fongrpsenlib", "fongrpsenlic", "fongrpsenlil")
            feminine = self.label(
                "fongrpsen", row, "fongrpsenlibfem", "fongrpsenlicfem", "fongrpsenlilfem"
            )
            functions[code] = (role_of(masculine), masculine, feminine)

        memberships = {}
        skipped, rejected = set(), set()  # memberships whose functions follow them
        for key, row in self.complete_rows("memgrpsen", "memgrpsenid", rejected):
            if self.code(row["orgcod"]) in self.skipped_groups:
                skipped.add(key)
            group_key = self.group_key("memgrpsen", row, key)
            if group_key is None:
                if key not in skipped:
                    rejected.add(key)
                continue
            senator_key = self.senator_key("memgrpsen", row, key)
            if senator_key is None:
                rejected.add(key)
                continue
            start = self.date("memgrpsen", row["memgrpsendatent"])
            end = self.date("memgrpsen", row["memgrpsendatsor"], end=True)
            dissolved = self.plan.groups[group_key]["dissolved_on"]
            if dissolved and (end is None or end > dissolved):
                self.report.correct("memgrpsen", key, "membership_ends_with_group", str(dissolved))
                end = dissolved
            if start and end and end < start:
                self.report.reject("memgrpsen", key, "ends_before_start")
                rejected.add(key)
                continue
            memberships[key] = {
                "group": group_key,
                "senator": senator_key,
                "start_date": start,
                "end_date": end,
                "functions": [],
            }

        for key, row in self.complete_rows("fonmemgrpsen", "fonmemgrpsenid"):
            parent = self.code(row["memgrpsenid"])
            membership = memberships.get(parent)
            if membership is not None:
                self.report.context = self.refs(membership)
            if membership is None:
                self.orphan(
                    "fonmemgrpsen", key, parent, parent in skipped, parent in rejected, "membership"
                )
                continue
            function = functions.get(self.code(row["fongrpsencod"]))
            if function is None:
                self.report.reject("fonmemgrpsen", key, "unknown_function", row["fongrpsencod"])
                continue
            role, title, title_feminine = function
            texts = {"title": title, "title_feminine": title_feminine}
            if not self.fits("memberships", "fonmemgrpsen", key, texts):
                continue
            start = self.date("fonmemgrpsen", row["fonmemgrpsendatdeb"])
            end = self.date("fonmemgrpsen", row["fonmemgrpsendatfin"], end=True)
            ends = membership["end_date"]
            if ends and (end is None or end > ends):
                self.report.correct("fonmemgrpsen", key, "function_ends_with_membership", str(ends))
                end = ends
            if membership["start_date"] and (start is None or start < membership["start_date"]):
                start = membership["start_date"]
            if start and end and end < start:
                self.report.reject("fonmemgrpsen", key, "ends_before_start")
                continue
            country = None
            if role == DELEGATE:
                country = self.delegate_country(membership["group"], row)
                if country is None:
                    self.report.note("fonmemgrpsen", key, "delegate_country_unknown")
            rank = self.code(row["fonmemgrpsenrngele"])
            membership["functions"].append(
                {
                    "key": f"fonmemgrpsen:{key}",
                    "role": role,
                    "title": title,
                    "title_feminine": title_feminine,
                    "rank": int(rank) if rank and rank.isdigit() and role == VICE else None,
                    "country": country,
                    "start_date": start,
                    "end_date": end,
                }
            )

        for key, membership in memberships.items():
            self.flatten(key, membership)
        self.enforce_unique_current()

    def delegate_country(self, group_key, row):
        """The one country of the group that the function row's free text names, or None."""
        text = " ".join(fold(row.get(c) or "") for c in ("evelib", "evelil", "eveobs"))
        if not text.strip():
            return None
        found = {
            iso
            for iso in self.plan.groups[group_key]["all_countries"]
            for label in self.nation_labels.get(iso, ())
            if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)
        }
        return found.pop() if len(found) == 1 else None

    def flatten(self, key, membership):
        """The membership as portal rows: one per function, plain member rows in the gaps.

        Unknown starts and open ends are date.min/date.max while cutting, None after.
        """
        lowest, highest, day = datetime.date.min, datetime.date.max, datetime.timedelta(days=1)
        first = membership["start_date"] or lowest
        last = membership["end_date"] or highest
        segments, cursor = [], first
        functions = sorted(
            membership["functions"], key=lambda f: (f["start_date"] or first, f["key"])
        )
        for function in functions:
            start = function["start_date"] or first
            end = function["end_date"] or last
            if start < cursor or cursor == highest:
                self.report.context = self.refs(membership)
                self.report.reject(
                    "fonmemgrpsen", function["key"].split(":")[1], "overlapping_function"
                )
                continue
            if start > cursor:
                segments.append((cursor, start - day, None))
            segments.append((start, end, function))
            cursor = highest if end == highest else end + day
        if cursor != highest and cursor <= last:
            segments.append((cursor, last, None))
        number = 0
        for start, end, function in segments:
            row = {
                "parent": key,  # the memgrpsen row this portal row comes from
                "group": membership["group"],
                "senator": membership["senator"],
                "start_date": None if start == lowest else start,
                "end_date": None if end == highest else end,
            }
            if function is not None:
                fields = ("role", "title", "title_feminine", "rank", "country")
                self.plan.memberships[function["key"]] = row | {k: function[k] for k in fields}
                continue
            number += 1
            source = f"memgrpsen:{key}" if number == 1 else f"memgrpsen:{key}:{number}"
            self.plan.memberships[source] = row | {
                "role": MEMBER,
                "title": "",
                "title_feminine": "",
                "rank": None,
                "country": None,
            }

    def enforce_unique_current(self):
        """The database allows one open row per (group, senator), one open président per
        group and one open délégué per (group, country): later duplicates are rejected."""
        seen = {}
        ordered = sorted(
            self.plan.memberships.items(),
            key=lambda item: (item[1]["start_date"] or datetime.date.min, item[0]),
        )
        for key, row in ordered:
            if row["end_date"] is not None:
                continue
            checks = [(("member", row["group"], row["senator"]), "second_current_membership")]
            if row["role"] == PRESIDENT:
                checks.append((("president", row["group"]), "second_current_president"))
            if row["role"] == DELEGATE and row["country"]:
                checks.append(
                    (("delegate", row["group"], row["country"]), "second_current_delegate")
                )
            clash = next((rule for slot, rule in checks if slot in seen), None)
            if clash:
                self.report.context = self.refs(row)
                table, source = key.split(":")[:2]
                self.report.reject(
                    table,
                    source,
                    clash,
                    seen.get(checks[0][0], ""),
                )
                del self.plan.memberships[key]
                continue
            for slot, _rule in checks:
                seen[slot] = key

    def check_activities(self):
        """Trips abroad -> missions, delegations received -> receptions (mapping.json)."""
        kinds = self.mapping["activities"]
        other_activities, rejected = set(), set()
        for key, row in self.complete_rows("activite", "actid", rejected):
            code = self.code(row["giacod"])
            if not code or code in self.skipped_groups:
                other_activities.add(key)  # not a friendship group's activity
                self.report.count("activite", "skipped")
                continue
            group_key = f"grpsenami:{code}"
            if group_key not in self.plan.groups:
                self.report.reject("activite", key, "unknown_group", code)
                rejected.add(key)
                continue
            kind_code, category = self.code(row["typactcod"]), self.code(row["catactcod"])
            kind = kinds.get(f"{kind_code}/{category}") or kinds.get(kind_code)
            if kind not in ("mission", "reception"):
                other_activities.add(key)
                self.report.count("activite", "skipped")
                continue
            title = self.label("activite", row, "actlib", "actlic")
            if not title:
                self.report.reject("activite", key, "no_name")
                rejected.add(key)
                continue
            if not self.fits(f"{kind}s", "activite", key, {"title": title}):
                rejected.add(key)
                continue
            start = self.date("activite", row["datdeb"])
            end = self.date("activite", row["datfin"], end=True) or start
            if start is None:
                self.report.reject("activite", key, "unknown_date")
                rejected.add(key)
                continue
            if end < start:
                self.report.reject("activite", key, "ends_before_start")
                rejected.add(key)
                continue
            countries = self.plan.groups[group_key]["countries"]
            record = {"group": group_key, "title": title, "start_date": start, "end_date": end}
            if kind == "mission":
                # A single-country group's trip went to its country; a regional group's
                # destination is not in the data: left empty for staff to fill in.
                record["countries"] = countries if len(countries) == 1 else []
                self.plan.missions[f"activite:{key}"] = record
            elif len(countries) == 1:
                record["country"] = countries[0]
                self.plan.receptions[f"activite:{key}"] = record
            else:
                self.report.reject("activite", key, "reception_country_unknown")
                rejected.add(key)

        leader_labels = tuple(fold(label) for label in self.mapping.get("leader_labels", ()))
        functions = {
            self.code(r["fapcod"]): fold(self.label("fonact_participant", r, "faplib", "faplibfem"))
            for _code, r in self.unique_rows("fonact_participant", "fapcod")
        }
        absent_labels = tuple(fold(label) for label in self.mapping.get("absent_labels", ()))
        absent = {
            self.code(r["typactparcod"])
            for _code, r in self.unique_rows("type_activite_participant", "typactparcod")
            if fold(self.label("type_activite_participant", r, "typactparlib")).startswith(
                absent_labels
            )
            and absent_labels
        }
        leaders = {}
        for key, row in self.complete_rows("activite_participant", "actparid"):
            activity = self.code(row["actid"])
            mission_key = f"activite:{activity}"
            if mission_key not in self.plan.missions:
                skipped = activity in other_activities or mission_key in self.plan.receptions
                self.orphan(
                    "activite_participant", key, activity, skipped, activity in rejected, "activity"
                )
                continue
            if self.code(row["typactparcod"]) in absent:
                self.report.count("activite_participant", "skipped")  # excused: not in it
                continue
            senator_key = self.senator_key("activite_participant", row, key)
            if senator_key is None:
                continue
            label = functions.get(self.code(row["fapcod"]), "")
            is_leader = bool(label) and label.startswith(leader_labels)
            rank = self.code(row["fapidx"])
            rank = int(rank) if rank and rank.isdigit() else 0
            if is_leader:
                # One leader per delegation: the first by the function's order.
                best = leaders.get(mission_key)
                if best is not None and best[0] <= rank:
                    is_leader = False
                else:
                    if best is not None:
                        self.plan.participants[best[1]]["is_leader"] = False
                    leaders[mission_key] = (rank, f"activite_participant:{key}")
            self.plan.participants[f"activite_participant:{key}"] = {
                "mission": mission_key,
                "senator": senator_key,
                "is_leader": is_leader,
            }


def valid_date(value):
    """True for NULL, blank or a real timestamp (``2015-06-02 00:00:00`` or a date)."""
    if value is None or not value.strip():
        return True
    try:
        datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def check(tables, export_date, portal_countries, cog_iso=None, mapping=None, limits=None):
    """Check the tables; return (Plan, Report). ``limits``: write.field_limits()."""
    return Checker(tables, export_date, portal_countries, cog_iso, mapping, limits).run()
