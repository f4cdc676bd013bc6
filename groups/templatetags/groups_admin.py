"""Template tags of the back office's group pages."""

from django import template
from django.utils import timezone

from groups.bureaux import past_terms
from groups.models import triennial_period

register = template.Library()


@register.simple_tag
def membership_terms(group):
    """Today's term, and the group's memberships by past term (``groups.bureaux.past_terms``,
    in bureau order; one query; once a page)."""
    past = []
    if group.pk:
        memberships = (
            group.memberships.with_is_current()
            .select_related("senator", "country")
            .in_bureau_order()
        )
        past = past_terms(group, memberships)
    return {"current": triennial_period(timezone.localdate()), "past": past}
