"""Check the export's rows against the import rules and build the plan of portal records.

The rules, a module per kind of row: sens/check/groups.py, senators.py, activities.py,
on the value helpers of sens/check/base.py (whose docstring lists every rule's name).
"""

from .activities import ActivityRules
from .base import NOT_NULL  # noqa: F401  (read by sens.parse and the tests)
from .base import WANTED  # noqa: F401
from .base import CheckerBase
from .base import Plan  # noqa: F401
from .groups import GroupRules
from .senators import SenatorRules


class Checker(GroupRules, SenatorRules, ActivityRules, CheckerBase):
    """Every table's rules over one export (``run()`` applies them in order)."""


def check(tables, export_date, portal_countries, cog_iso=None, mapping=None, limits=None):
    """Check the tables; return (Plan, Report). ``limits``: write.field_limits()."""
    return Checker(tables, export_date, portal_countries, cog_iso, mapping, limits).run()
