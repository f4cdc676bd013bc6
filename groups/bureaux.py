"""A group's bureau today and in past terms, as its page, its dossier and the back office
show them: the one definition of the bureau order and of terms by triennial period."""

import datetime

from django.utils import timezone

from .models import Membership
from .models import triennial_period

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
    (``MembershipQuerySet.current_condition``)."""
    current = [m for m in group.all_memberships if m.is_current]
    bureau = bureau_order([m for m in current if m.role != Membership.Role.MEMBER])
    officers = bureau_order([m for m in group.all_memberships if m.role != Membership.Role.MEMBER])
    return current, bureau, past_terms(group, officers)
