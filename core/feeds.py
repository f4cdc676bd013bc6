"""What every feed of the portal shares (reports, news, cooperation agreements).

Titles and summaries are plain text, and go out as text: feed readers render an RSS
<title> or <description> as HTML, and Django's Atom feed labels the summary
``type="html"``, so a summary reading ``<img src=x onerror=...>`` would run in a reader.
RSS gets them HTML-escaped (then XML-escaped, as every RSS reader expects); Atom labels
them ``type="text"``. Only sanitised rich text could go out as HTML, and the feeds send
none.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from django.utils.html import escape


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


class PublishableFeed(Feed):
    """A feed of ``Publishable`` rows (reports, news, agreements): an item is dated by its
    publication and its last change, and described by its summary, as text (RSS; set
    ``feed_type = TextAtom`` for Atom)."""

    feed_type = TextRss

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


FEED_TYPES = {"RSS": "application/rss+xml", "Atom": "application/atom+xml", "iCal": "text/calendar"}


@dataclass(frozen=True)
class Subscription:
    """A feed a page offers: a link in its « Subscribe » line and a <link rel="alternate">
    in its head (base.html reads ``subscriptions`` from the context)."""

    what: str  # « Reports », in the page's language
    format: str  # RSS, Atom or iCal
    url: str

    @property
    def mime(self):
        return FEED_TYPES[self.format]

    @property
    def title(self):
        return f"{self.what} ({self.format})"


def subscriptions(what, rss=None, atom=None, ical=None):
    """The feeds of one kind of item: ``subscriptions(_("News"), rss=url, atom=url)``."""
    urls = {"RSS": rss, "Atom": atom, "iCal": ical}
    return [Subscription(str(what), format, url) for format, url in urls.items() if url]
