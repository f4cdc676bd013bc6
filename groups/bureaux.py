"""A group's bureau today and in past terms, as its page and its dossier show them."""

from itertools import groupby

from django.utils import timezone

from .models import Membership
from .models import triennial_period

ROLE_ORDER = {role: rank for rank, role in enumerate(Membership.Role.values)}


def bureau_order(memberships):
    """Président first, vice-présidents by election rank, secretaries last; a stable sort
    keeps the senators A–Z."""
    return sorted(memberships, key=lambda m: (ROLE_ORDER[m.role], m.rank or 0))


def past_bureaux(memberships):
    """[((first day, last day), [memberships])] by triennial period, newest first.

    A role belongs to the period in which it started (or ended, when its start is unknown).
    """
    bureau = [
        m
        for m in memberships
        if m.role != Membership.Role.MEMBER and (m.start_date or m.end_date) is not None
    ]

    def period(m):
        return triennial_period(m.start_date or m.end_date)

    ordered = sorted(bureau, key=period, reverse=True)
    return [(key, bureau_order(rows)) for key, rows in groupby(ordered, key=period)]


def bureaux(group):
    """(today's members, today's bureau in order, past bureaux by term) of a group loaded
    with ``for_detail()`` (no query). A dissolved group has no current members."""
    current = [m for m in group.all_memberships if m.is_current]
    if group.dissolved_on and group.dissolved_on <= timezone.localdate():
        current = []
    past = [m for m in group.all_memberships if m not in current]
    bureau = bureau_order([m for m in current if m.role != Membership.Role.MEMBER])
    return current, bureau, past_bureaux(past)
