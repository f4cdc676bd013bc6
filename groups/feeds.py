"""Groups created and dissolved, newest first, in RSS and Atom: the feed of the groups list
and of the countries list (a country gains or loses its group only so).

The senators list has no feed: who sits in the Senate changes at the triennial renewals,
which every newspaper reports, and the portal does not know when a senator joined a
group (the Senate's export dates memberships, not the news of them), so a feed would be
either empty for three years or a burst of 170 items one day.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.feeds import TextAtom
from core.feeds import TextRss
from core.feeds import subscriptions

from .models import FriendshipGroup
from .models import dissolved_q

FEED_LENGTH = 30
LABELS = {"created": _("Group created"), "dissolved": _("Group dissolved")}


@dataclass(frozen=True)
class GroupEvent:
    """A group's creation or dissolution, on its day."""

    group: FriendshipGroup
    kind: str  # created, dissolved
    day: datetime.date

    @property
    def label(self):
        return LABELS[self.kind]


def group_events(limit=FEED_LENGTH):
    """The ``limit`` latest creations and dissolutions of published groups, newest first
    (4 queries: each kind and its groups' countries). A creation dated in the future is
    not news yet; a dissolution counts from its day (``dissolved_q``)."""
    groups = FriendshipGroup.objects.published().with_countries()
    created = groups.filter(created_on__lte=timezone.localdate()).order_by("-created_on", "-pk")
    dissolved = groups.filter(dissolved_q()).order_by("-dissolved_on", "-pk")
    events = [GroupEvent(g, "created", g.created_on) for g in created[:limit]]
    events += [GroupEvent(g, "dissolved", g.dissolved_on) for g in dissolved[:limit]]
    # Newest first; on the same day, a dissolution before a creation (a group replaced).
    events.sort(key=lambda e: (e.day, e.kind == "dissolved", e.group.pk), reverse=True)
    return events[:limit]


class GroupEventRssFeed(Feed):
    feed_type = TextRss

    def title(self):
        return gettext("Senate friendship groups created or dissolved")

    def description(self):
        return gettext("The friendship groups the Senate created or dissolved, newest first.")

    def subtitle(self):
        return self.description()

    def link(self):
        return reverse("groups:list")

    def items(self):
        return group_events()

    def item_title(self, item):
        return gettext("%(kind)s: %(title)s") % {"kind": item.label, "title": item.group.name}

    def item_link(self, item):
        return item.group.get_absolute_url()

    def item_guid(self, item):
        # One group, two entries: its creation and its dissolution.
        return f"{self.item_link(item)}#{item.kind}-{item.day.isoformat()}"

    item_guid_is_permalink = False

    def item_description(self, item):
        countries = ", ".join(c.name for c in item.group.countries.all())
        kind = item.group.get_kind_display()
        official = item.group.official_name
        return " · ".join(part for part in (official, kind, countries) if part)

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.day, datetime.time())
        return timezone.make_aware(midnight)

    def item_categories(self, item):
        return [str(item.label), *(c.name for c in item.group.countries.all())]


class GroupEventAtomFeed(GroupEventRssFeed):
    feed_type = TextAtom


def group_event_subscriptions():
    """The « Subscribe » line of the groups and countries lists."""
    return subscriptions(
        _("Groups created or dissolved"),
        rss=reverse("groups:rss"),
        atom=reverse("groups:atom"),
    )
