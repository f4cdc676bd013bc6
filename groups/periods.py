"""Dated rows and the Senate's triennial periods, in plain Python (no Django): the import's
checks (sens/check/) use them on plain rows, the portal on its models."""

import datetime

# The Senate is renewed by half every three years, in late September (2017, 2020, 2023…);
# the friendship groups elect their bureaux after each renewal. Past bureaux are shown
# by these triennial periods.
RENEWAL_MONTH = 10


def triennial_period(day):
    """(first day, last day) of the triennial period holding ``day`` (October to September)."""
    year = day.year if day.month >= RENEWAL_MONTH else day.year - 1
    year -= (year - 2020) % 3
    return (datetime.date(year, RENEWAL_MONTH, 1), datetime.date(year + 3, RENEWAL_MONTH - 1, 30))


def holds_on(start, end, day):
    """Whether a dated row (a term, a name, a country link) holds on ``day``: begun by
    then (or with no start given) and not ended before it; its last day included."""
    return (start is None or start <= day) and (end is None or end >= day)
