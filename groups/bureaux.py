"""A group's bureau today and in past terms, as its page, its dossier and the back office
show them: the one definition of the bureau order and of terms by triennial period."""

import copy
import datetime

from django.utils import timezone

from .models import Membership
from .periods import holds_on
from .periods import triennial_period

ONE_DAY = datetime.timedelta(days=1)


def bureau_order(memberships):
    """Rows loaded ``with_bureau_position()``, in ``MembershipQuerySet.bureau_ordering()``."""
    return sorted(memberships, key=lambda m: m.bureau_position)


def periods_overlapped(membership, until):
    """The triennial periods a membership overlaps, oldest first, up to ``until`` (today,
    or a dissolved group's last day). A row begun before a renewal and still running
    counts in each period since; a row the Senate gave no start counts from its end."""
    end = min(day for day in (membership.end_date, until) if day is not None)
    start = membership.start_date or end
    periods = []
    while start <= end:
        period = triennial_period(start)
        periods.append(period)
        start = period[1] + ONE_DAY
    return periods


def terms_by_period(memberships, *, until, current_period=None):
    """[((first day, last day), [memberships])] by triennial period, newest first: each
    row in each period it overlaps (``periods_overlapped``), in the order of
    ``memberships``. Rows still current are left out of ``current_period``: they are
    today's bureau, shown apart."""
    terms = {}
    for membership in memberships:
        for period in periods_overlapped(membership, until):
            if period == current_period and membership.is_current:
                continue
            terms.setdefault(period, []).append(membership)
    return sorted(terms.items(), reverse=True)


def past_terms(group, memberships):
    """Past terms of a group's ``memberships`` (loaded ``with_is_current()``), by
    ``terms_by_period``: up to today, or to the group's last day when dissolved."""
    today = timezone.localdate()
    return terms_by_period(
        memberships, until=group.last_day or today, current_period=triennial_period(today)
    )


def bureaux(group):
    """(today's members, today's bureau in order, past bureaux by term) of a group loaded
    with ``for_detail()`` (no query). A dissolved group has no current members
    (``MembershipQuerySet.current_condition``): its members and bureau are those of its
    last day (``group.last_day``)."""
    day = group.last_day
    if day is None:
        current = [m for m in group.all_memberships if m.is_current]
    else:
        current = [m for m in group.all_memberships if holds_on(m.start_date, m.end_date, day)]
    bureau = bureau_order([m for m in current if m.role != Membership.Role.MEMBER])
    officers = bureau_order([m for m in group.all_memberships if m.role != Membership.Role.MEMBER])
    return current, bureau, past_terms(group, officers)


def merged_terms(memberships):
    """A senator's memberships for display: contiguous or overlapping terms of the same
    role (group, role, country) read as one, from the first start to the last end (the
    Senate closes and reopens rows at renewals). Each is a copy of its latest row with
    those dates, current if that row is; the rows themselves stay as imported."""
    by_role = {}
    for membership in memberships:
        key = (membership.group_id, membership.role, membership.country_id)
        by_role.setdefault(key, []).append(membership)
    merged = []
    for rows in by_role.values():
        rows.sort(key=lambda m: m.start_date or datetime.date.min)
        span = None
        for row in rows:
            if span is not None and _continues(span, row):
                start = span.start_date
                if span.end_date is None or (
                    row.end_date is not None and row.end_date < span.end_date
                ):
                    row = span  # the row ends within the span: the span's end stands
                span = copy.copy(row)
                span.start_date = start
            else:
                if span is not None:
                    merged.append(span)
                span = copy.copy(row)
        merged.append(span)
    return sorted(merged, key=lambda m: m.start_date or datetime.date.min, reverse=True)


def _continues(span, row):
    """Whether ``row`` starts within ``span`` or on the day after its end."""
    return (
        span.end_date is None or row.start_date is None or row.start_date <= span.end_date + ONE_DAY
    )
