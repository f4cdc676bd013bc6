"""RSS and Atom feeds of reports and news: site-wide, per group and per country.

Two classes, ReportFeed and NewsFeed, each instantiated in reports/urls.py once per
scope (site-wide, one group, one country) and format (RSS, Atom): what differs between
the twelve feeds is data (texts, a filter, the feed type), not behaviour.

The URL's language prefix activates the language (LocaleMiddleware), so titles,
links and texts come out in French under /fr/ and in English under /en/.

Titles and summaries are plain text and go out as text (core/feeds.py's TextRss and
TextAtom, shared with the cooperation feeds).
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import PublishableFeed
from core.feeds import TextAtom
from groups.models import Country
from groups.models import FriendshipGroup

from .models import NewsItem
from .models import Report

FEED_LENGTH = 30
SCOPES = (None, "group", "country")


class ScopedFeed(PublishableFeed):
    """The latest published rows, site-wide (scope None), of one published group (URL
    keyword ``slug``) or about one country (URL keyword ``code``, lower case).

    Subclasses give ``list_url`` (the site-wide page), ``group_lookup`` (the field that
    links a row to its groups), ``texts`` ({scope: (title, description)}, with
    %(group)s or %(country)s) and ``all_items()``.
    """

    def __init__(self, scope=None, atom=False):
        super().__init__()
        if scope not in SCOPES:
            raise ValueError(f"unknown feed scope {scope!r}")
        self.scope = scope
        if atom:
            self.feed_type = TextAtom

    def get_object(self, request, slug=None, code=None):
        if self.scope == "group":
            return get_object_or_404(FriendshipGroup.objects.published(), slug=slug)
        if self.scope == "country":
            return get_object_or_404(Country, code=code.upper())
        return None

    def _text(self, index, obj):
        name = obj.name if obj is not None else ""
        return str(self.texts[self.scope][index]) % {"group": name, "country": name}

    def title(self, obj):
        return self._text(0, obj)

    def description(self, obj):
        return self._text(1, obj)

    subtitle = description  # Atom's name for it

    def link(self, obj):
        return reverse(self.list_url) if obj is None else obj.get_absolute_url()

    def items(self, obj):
        items = self.all_items()
        if self.scope == "group":
            items = items.filter(**{self.group_lookup: obj})
        elif self.scope == "country":
            items = items.filter(countries=obj)
        return items[:FEED_LENGTH]


class ReportFeed(ScopedFeed):
    list_url = "reports:list"
    group_lookup = "group"
    texts = {
        None: (
            _("Senate friendship groups: reports"),
            _("The latest reports of the French Senate's friendship groups."),
        ),
        "group": (
            _("Reports of the %(group)s group"),
            _("The latest reports of the %(group)s friendship group."),
        ),
        "country": (
            _("Reports about %(country)s"),
            _("The latest friendship group reports about %(country)s."),
        ),
    }

    def all_items(self):
        return Report.objects.published().with_public("group").order_by("-publication_date", "-pk")

    def item_title(self, item):
        return str(item)

    def item_categories(self, item):
        group = item.public_group  # a draft group's name stays private
        return [item.get_kind_display()] + ([group.name] if group else [])


class NewsFeed(ScopedFeed):
    list_url = "reports:news-list"
    group_lookup = "groups"
    texts = {
        None: (
            _("Senate friendship groups: news"),
            _("News of the French Senate's friendship groups."),
        ),
        "group": (
            _("News of the %(group)s group"),
            _("News of the %(group)s friendship group."),
        ),
        "country": (
            _("News about %(country)s"),
            _("Friendship group news about %(country)s."),
        ),
    }

    def all_items(self):
        return NewsItem.objects.published().order_by("-date", "-pk")

    def item_title(self, item):
        return item.title
