"""Template tags of the back office's group pages."""

from django import template
from django.utils import timezone

from groups.models import Membership
from groups.models import MembershipQuerySet
from groups.models import triennial_period

register = template.Library()
ROLE_RANK = {role: rank for rank, role in enumerate(Membership.Role.values)}


def group_terms(memberships, today):
    """[(first day, last day, [memberships])] by triennial term, newest term first, each
    term's bureau first (roles in order, then senators A–Z)."""
    terms = {}
    for membership in memberships:
        # A start the Senate did not give (None) is read from the end of the term.
        day = membership.start_date or membership.end_date
        terms.setdefault(triennial_period(day), []).append(membership)
    return [
        (start, end, sorted(rows, key=lambda m: (ROLE_RANK[m.role], m.senator.last_name)))
        for (start, end), rows in sorted(terms.items(), reverse=True)
    ]


@register.simple_tag
def membership_terms(group):
    """Today's term, and the group's past memberships by term (one query; once a page)."""
    today = timezone.localdate()
    past = []
    if group.pk:
        memberships = group.memberships.exclude(MembershipQuerySet.current_condition())
        past = group_terms(memberships.select_related("senator", "country"), today)
    return {"current": triennial_period(today), "past": past}
