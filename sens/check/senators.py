"""The rules of the senators' rows: senators, political groups, memberships and functions."""

import datetime
import re

from .base import DELEGATE
from .base import MEMBER
from .base import PRESIDENT
from .base import VICE
from .base import fold
from .base import role_of


class SenatorRules:
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
        """The plan key of the row's senator, or None (rejected)."""
        code, rejected = self.code(row["senmat"]), self.rejected_senators
        return self.parent_key(table, key, self.plan.senators, "sen", code, "senator", (), rejected)

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
        return self.named_country(
            group_key, " ".join(row.get(c) or "" for c in ("evelib", "evelil", "eveobs"))
        )

    def named_country(self, group_key, text):
        """The one country of the group (now or once) that ``text`` names, or None."""
        text = fold(text)
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
