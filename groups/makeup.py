"""The political make-up of friendship groups: how many of their current members sit in
each political group of the Senate, as a horizontal stacked bar (an SVG the server draws:
no JavaScript) and a table of the same figures, for screen readers and for print.

A senator's political group is the one definition, ``current_group_of`` (read through
``MembershipQuerySet.with_senator_political_group`` on a group's page and dossier, and
``SenatorQuerySet.with_political_group`` for all groups together); a current member is
``MembershipQuerySet.current_condition`` (as ``groups.bureaux`` applies it).

Every bar orders its political groups, and colours them, by their size in the whole Senate
today (``PoliticalGroupQuerySet.by_current_size``), so two bars read alike side by side.
This module lives in groups, not portal, because the groups list (groups' own page) shows
the bar of all friendship groups together.
"""

from collections import Counter
from dataclasses import dataclass

from core.generation import rows_for_generation

from .models import PoliticalGroup
from .models import Senator

# Paul Tol's "muted" scheme: nine colours that readers with a colour-vision deficiency
# can tell apart; the table, not the colour, carries the figures.
PALETTE = (
    "#332288",
    "#cc6677",
    "#117733",
    "#ddcc77",
    "#88ccee",
    "#882255",
    "#44aa99",
    "#999933",
    "#aa4499",
)
NO_GROUP_COLOUR = "#dddddd"  # Tol's "bad data" grey: no political group known


@dataclass(frozen=True)
class Share:
    """One political group's part of a bar. ``code`` is its Senate code (None: senators
    with no known political group); ``start`` and ``width`` place its segment, in
    hundredths of the bar, as SVG coordinates (never localised: « 12,5 » is no number)."""

    code: str | None
    name: str
    short_name: str
    count: int
    total: int
    colour: str
    start: str
    width: str

    @property
    def percent(self):
        return round(100 * self.count / self.total)


def colours():
    """{Senate code: colour} of the political groups with current members, largest first
    (1 query). Beyond the palette's nine, colours repeat; the table still tells them apart."""
    codes = rows_for_generation(
        PoliticalGroup.objects.by_current_size().values_list("senate_code", flat=True)
    )
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(codes)}


def makeup(political_groups, colour_of):
    """[Share] of these senators' political groups (one item per senator: the JSON of
    ``current_group_of``, or None), in the order of ``colour_of`` (``colours()``), the
    senators with no political group last. No query. Empty for no senator."""
    political_groups = list(political_groups)
    total = len(political_groups)
    counts = Counter(pg["id"] if pg else None for pg in political_groups)
    about = {pg["id"]: pg for pg in political_groups if pg}
    order = {code: i for i, code in enumerate(colour_of)}
    codes = sorted(counts, key=lambda c: (c is None, order.get(c, len(order)), c or ""))
    shares, start = [], 0
    for code in codes:
        pg = about.get(code, {})
        width = 100 * counts[code] / total
        shares.append(
            Share(
                code=code,
                name=pg.get("name", ""),
                short_name=pg.get("short_name") or "",
                count=counts[code],
                total=total,
                colour=colour_of.get(code, NO_GROUP_COLOUR if code is None else PALETTE[-1]),
                start=f"{start:.3f}",
                width=f"{width:.3f}",
            )
        )
        start += width
    return shares


def group_makeup(members, colour_of):
    """The make-up of a group's current members (``groups.bureaux``'s first list, loaded
    with ``for_detail()``: each carries ``senator_political_group``). No query."""
    return makeup((m.senator_political_group for m in members), colour_of)


def all_groups_makeup(colour_of):
    """The make-up of every senator with a current membership of an active group, each
    counted once however many groups they belong to (1 query)."""
    senators = Senator.objects.in_active_groups().with_political_group()
    return makeup(
        rows_for_generation(senators.values_list("current_political_group", flat=True)),
        colour_of,
    )
