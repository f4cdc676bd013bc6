"""RSS and Atom feeds of reports and news: site-wide, per group and per country.

Two classes, ReportFeed and NewsFeed, each instantiated in reports/urls.py once per
scope (site-wide, one group, one country) and format (RSS, Atom): what differs between
the twelve feeds is data (texts, a filter, the feed type), not behaviour.

The URL's language prefix activates the language (LocaleMiddleware), so titles,
links and texts come out in French under /fr/ and in English under /en/.

Titles and summaries are plain text, and go out as text: feed readers render an
RSS <title> or <description> as HTML, and Django's Atom feed labels the summary
``type="html"``, so a summary reading ``<img src=x onerror=...>`` would run in a
reader. RSS gets them HTML-escaped (then XML-escaped, as every RSS reader expects);
Atom labels them ``type="text"``. Only sanitised rich text could go out as HTML,
and the feeds send none.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from groups.feeds import PublishableFeed
from groups.models import Country
from groups.models import FriendshipGroup

from .models import NewsItem
from .models import Report

FEED_LENGTH = 30
SCOPES = (None, "group", "country")


def _escaped(text):
    return None if text is None else escape(text)


class TextRss(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose titles and descriptions, plain text, readers show as text."""

    def __init__(self, title, link, description, **kwargs):
        super().__init__(_escaped(title), link, _escaped(description), **kwargs)

    def add_item(self, title, link, description, **kwargs):
        super().add_item(_escaped(title), link, _escaped(description), **kwargs)


class TextAtom(feedgenerator.Atom1Feed):
    """Atom whose summaries are labelled text (titles and subtitles already are)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ScopedFeed(PublishableFeed):
    """The latest published rows, site-wide (scope None), of one published group (URL
    keyword ``slug``) or about one country (URL keyword ``code``, lower case).

    Subclasses give ``list_url`` (the site-wide page), ``group_lookup`` (the field that
    links a row to its groups), ``texts`` ({scope: (title, description)}, with
    %(group)s or %(country)s) and ``all_items()``.
    """

    feed_type = TextRss

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
