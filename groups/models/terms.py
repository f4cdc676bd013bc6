"""Dated rows (memberships, political memberships, a group's names and countries over
time): their fields, and the rules on them in SQL.

``groups.periods`` holds the same rules for one row in Python (``holds_on``,
``triennial_period``).
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.db.models.functions import Mod
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..periods import RENEWAL_MONTH


def period_fields():
    """A dated row's start and end dates. Either may be empty, as the Senate's records
    leave them: no start, since always (they give a sentinel date); no end, still
    running. ``holds_on()`` and ``term_current_q()`` read them.

    ``start_date, end_date = period_fields()`` in a model's body: the fields keep their
    place among the model's others (the admin's forms follow that order).
    """
    return (
        models.DateField(_("start date"), null=True, blank=True),
        models.DateField(_("end date"), null=True, blank=True),
    )


def term_current_q(prefix=""):
    """A dated term (a membership, a political membership) is current today: no end
    date, or one today or later.

    The last day of a term is still in office. It compares dates with the local date,
    never with Now(): a date compared with a timestamp is midnight, so a term ending
    today would already be over at 00:00:01. ``holds_on()`` is this rule for one row in
    Python, on any day.
    """
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(
        **{f"{prefix}end_date__gte": timezone.localdate()}
    )


def triennial_period_year(field):
    """The year ``triennial_period()`` starts in, for the date ``field``, in SQL: the same
    rule (tests/test_timeline.py checks both agree on every renewal's eve and morrow)."""
    year = ExtractYear(field) - models.Case(
        models.When(**{f"{field}__month__lt": RENEWAL_MONTH}, then=1), default=0
    )
    # PostgreSQL's % keeps the sign of the dividend: add 3 so that years before 2020 work.
    offset = Mod(Mod(year - 2020, 3) + 3, 3)
    return year - offset


def dissolved_q(prefix=""):
    """The one definition of a dissolved group: its dissolution date is today or past.

    ``dissolved_on`` is the first day the group no longer exists; a date to come keeps it
    active until then. ``prefix`` reaches the group through a relation (``"group__"``).
    """
    return Q(**{f"{prefix}dissolved_on__lte": timezone.localdate()})
