"""What every importer reports, one definition for all of them (sens, cooperation): the
figures per table and every rejected, corrected or reported row with its rule, and the
dates of a source read as ISO dates. Plain data, no Django.

A row of the report is {"table", "key", "action", "rule", "detail", "line", "group",
"senator"}: ``key`` is the source's own key (a Senate code, a line number), ``line`` the
line of the file when the importer knows it, ``rule`` a name the manual and the import-run
page explain, ``group``/``senator`` the codes of the group and senator the row concerns
(``context``, set by the importer while it reads a row), so that the page links to them.
"""

import dataclasses
import datetime
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
    context: dict = dataclasses.field(default_factory=dict)

    def count(self, table, column, n=1):
        self.figures[table][column] += n

    def add(self, action, table, key, rule, detail="", line=None):
        row = {"table": table, "key": str(key), "action": action, "rule": rule, "detail": detail}
        if line is not None:
            row["line"] = line
        row.update((name, code) for name, code in self.context.items() if code)
        self.rows.append(row)

    def reject(self, table, key, rule, detail="", line=None):
        self.count(table, "rejected")
        self.add("rejected", table, key, rule, detail, line)

    def correct(self, table, key, rule, detail="", line=None):
        self.count(table, "corrected")
        self.add("corrected", table, key, rule, detail, line)

    def note(self, table, key, rule, detail="", line=None):
        """Imported as is, but staff should look at it (e.g. a delegate with no country)."""
        self.add("reported", table, key, rule, detail, line)

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


def parse_date(value):
    """An ISO date (YYYY-MM-DD) or None for an empty value; ValueError otherwise."""
    return datetime.date.fromisoformat(value) if value else None
