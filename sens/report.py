"""The import's report: figures per table and every rejected or corrected row. Plain data."""

import dataclasses
from collections import Counter
from collections import defaultdict

COLUMNS = (
    "read",
    "created",
    "updated",
    "unchanged",
    "ended",
    "rejected",
    "corrected",
    "normalised",
    "skipped",
)


@dataclasses.dataclass
class Report:
    figures: dict = dataclasses.field(default_factory=lambda: defaultdict(Counter))
    rows: list = dataclasses.field(default_factory=list)
    normalised_rules: Counter = dataclasses.field(default_factory=Counter)

    def count(self, table, column, n=1):
        self.figures[table][column] += n

    def reject(self, table, key, rule, detail=""):
        self.count(table, "rejected")
        self.rows.append(
            {"table": table, "key": str(key), "action": "rejected", "rule": rule, "detail": detail}
        )

    def correct(self, table, key, rule, detail=""):
        self.count(table, "corrected")
        self.rows.append(
            {"table": table, "key": str(key), "action": "corrected", "rule": rule, "detail": detail}
        )

    def note(self, table, key, rule, detail=""):
        """Imported as is, but staff should look at it (e.g. a delegate with no country)."""
        self.rows.append(
            {"table": table, "key": str(key), "action": "reported", "rule": rule, "detail": detail}
        )

    def normalise(self, table, rule, n=1):
        self.count(table, "normalised", n)
        self.normalised_rules[f"{table}:{rule}"] += n

    def summary(self):
        return {
            table: {c: counts.get(c, 0) for c in COLUMNS}
            for table, counts in sorted(self.figures.items())
        }

    def as_dict(self):
        return {
            "summary": self.summary(),
            "rows": self.rows,
            "normalised_rules": dict(sorted(self.normalised_rules.items())),
        }

    def written(self):
        return sum(
            c.get("created", 0) + c.get("updated", 0) + c.get("ended", 0)
            for c in self.figures.values()
        )

    def table_text(self):
        width = max([len(t) for t in self.figures] + [5])
        lines = ["table".ljust(width) + "".join(c.rjust(11) for c in COLUMNS)]
        for table, counts in self.summary().items():
            lines.append(table.ljust(width) + "".join(str(counts[c]).rjust(11) for c in COLUMNS))
        return "\n".join(lines)
