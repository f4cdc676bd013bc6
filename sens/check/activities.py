"""The rules of the activities' rows: missions, receptions and their participants."""

from .base import fold


class ActivityRules:
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
            elif len(countries) > 1:
                # A regional group's: the country its text names, as for a délégué, else
                # none (the portal keeps a regional group's reception without a country).
                text = " ".join(row.get(c) or "" for c in ("actlib", "actlic"))
                record["country"] = self.named_country(group_key, text)
                if record["country"] is None:
                    self.report.note("activite", key, "reception_country_unknown")
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
