"""RSS and Atom feeds of reports and news: site-wide, per group and per country.

The URL's language prefix activates the language (LocaleMiddleware), so titles,
links and texts come out in French under /fr/ and in English under /en/.

Titles and summaries are plain text, and go out as text: feed readers render an
RSS <title> or <description> as HTML, and Django's Atom feed labels the summary
``type="html"``, so a summary reading ``<img src=x onerror=...>`` would run in a
reader. RSS gets them HTML-escaped (then XML-escaped, as every RSS reader expects);
Atom labels them ``type="text"``. Only sanitised rich text could go out as HTML,
and the feeds send none.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _

from groups.models import Country, FriendshipGroup

from .models import NewsItem, Report

FEED_LENGTH = 30


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


class ReportRssFeed(Feed):
    feed_type = TextRss

    def title(self):
        return _("Senate friendship groups: reports")

    def description(self):
        return _("The latest reports of the French Senate's friendship groups.")

    subtitle = description

    def link(self):
        return reverse("reports:list")

    def all_items(self):
        return Report.objects.published().with_public("group").order_by("-publication_date", "-pk")

    def items(self):
        return self.all_items()[:FEED_LENGTH]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        group = item.public_group  # a draft group's name stays private
        return [item.get_kind_display()] + ([group.name] if group else [])


class ReportAtomFeed(ReportRssFeed):
    feed_type = TextAtom


class GroupScope:
    """A feed limited to one published group (URL keyword ``slug``)."""

    def get_object(self, request, slug):
        return get_object_or_404(FriendshipGroup.objects.published(), slug=slug)

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.all_items().filter(**{self.group_lookup: obj})[:FEED_LENGTH]

    def subtitle(self, obj):
        return self.description(obj)


class CountryScope:
    """A feed limited to one country (URL keyword ``code``, lower case)."""

    def get_object(self, request, code):
        return get_object_or_404(Country, code=code.upper())

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.all_items().filter(countries=obj)[:FEED_LENGTH]

    def subtitle(self, obj):
        return self.description(obj)


class GroupReportRssFeed(GroupScope, ReportRssFeed):
    group_lookup = "group"

    def title(self, obj):
        return _("Reports of the %(group)s group") % {"group": obj.name}

    def description(self, obj):
        return _("The latest reports of the %(group)s friendship group.") % {"group": obj.name}


class GroupReportAtomFeed(GroupReportRssFeed):
    feed_type = TextAtom


class CountryReportRssFeed(CountryScope, ReportRssFeed):
    def title(self, obj):
        return _("Reports about %(country)s") % {"country": obj.name}

    def description(self, obj):
        return _("The latest friendship group reports about %(country)s.") % {"country": obj.name}


class CountryReportAtomFeed(CountryReportRssFeed):
    feed_type = TextAtom


class NewsRssFeed(Feed):
    feed_type = TextRss

    def title(self):
        return _("Senate friendship groups: news")

    def description(self):
        return _("News of the French Senate's friendship groups.")

    subtitle = description

    def link(self):
        return reverse("reports:news-list")

    def all_items(self):
        return NewsItem.objects.published().order_by("-date", "-pk")

    def items(self):
        return self.all_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = TextAtom


class GroupNewsRssFeed(GroupScope, NewsRssFeed):
    group_lookup = "groups"

    def title(self, obj):
        return _("News of the %(group)s group") % {"group": obj.name}

    def description(self, obj):
        return _("News of the %(group)s friendship group.") % {"group": obj.name}


class GroupNewsAtomFeed(GroupNewsRssFeed):
    feed_type = TextAtom


class CountryNewsRssFeed(CountryScope, NewsRssFeed):
    def title(self, obj):
        return _("News about %(country)s") % {"country": obj.name}

    def description(self, obj):
        return _("Friendship group news about %(country)s.") % {"country": obj.name}


class CountryNewsAtomFeed(CountryNewsRssFeed):
    feed_type = TextAtom
