"""Template tags of the back office's group pages."""

from django import template
from django.utils import timezone

from groups.models import MembershipQuerySet
from groups.models import triennial_period

register = template.Library()


def group_terms(memberships):
    """[(first day, last day, [memberships])] by triennial term, newest term first; within
    a term, the order of ``memberships`` (``in_bureau_order()``: bureau first, A–Z)."""
    terms = {}
    for membership in memberships:
        # A start the Senate did not give (None) is read from the end of the term.
        day = membership.start_date or membership.end_date
        terms.setdefault(triennial_period(day), []).append(membership)
    return [(start, end, rows) for (start, end), rows in sorted(terms.items(), reverse=True)]


@register.simple_tag
def membership_terms(group):
    """Today's term, and the group's past memberships by term (one query; once a page)."""
    past = []
    if group.pk:
        memberships = group.memberships.exclude(MembershipQuerySet.current_condition())
        past = group_terms(memberships.select_related("senator", "country").in_bureau_order())
    return {"current": triennial_period(timezone.localdate()), "past": past}
