"""The rules of the groups' rows: groups, their dated names and their countries."""

import datetime

from .base import fold
from .base import same_name


class GroupRules:
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
                # Its current names in the group row, for a group without dated names.
                "fallback_name": self.label("grpsenami", row, "evelic", "evelib", "evelil"),
                "fallback_official_name": self.label("grpsenami", row, "evelib", "evelil"),
                "created_on": self.date("grpsenami", row["orgdatcre"]),
                "dissolved_on": self.date("grpsenami", row["orgdatfin"], end=True),
                "senate_url": self.label("grpsenami", row, "orgurlcmp", "orgurlsim"),
            }
            names = {
                "name": group["fallback_name"],
                "official_name": group["fallback_official_name"],
            }
            if not self.fits("groups", "grpsenami", code, names):
                self.rejected_groups.add(code)
                continue
            self.plan.groups[f"grpsenami:{code}"] = group

    def group_key(self, table, row, key):
        """The plan key of the row's group, or None (skipped or rejected)."""
        code, groups = self.code(row["orgcod"]), self.plan.groups
        skipped, rejected = self.skipped_groups, self.rejected_groups
        return self.parent_key(table, key, groups, "grpsenami", code, "group", skipped, rejected)

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
            names = {"name": record["short_name"] or name, "official_name": name}
            if self.fits("names", "libgrpsen", key, record) and self.fits(
                "groups", "libgrpsen", key, names
            ):
                self.plan.names[f"libgrpsen:{key}"] = record
        # Each group's names: those valid at the export's date, else its latest dated
        # ones, else grpsenami's own labels. The public knows a group by its short name
        # (« France-Japon », as senat.fr): its title, lists and slug; the official name
        # (« Groupe interparlementaire d'amitié France-Japon ») goes under the title.
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
            fallback_official = group.pop("fallback_official_name")
            if chosen is not None:
                group["name"] = chosen["short_name"] or chosen["name"]
                group["official_name"] = chosen["name"]
            elif fallback:
                group["name"] = fallback
                group["official_name"] = fallback_official
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
