"""The feeds a page offers, as the feed tests read them."""

from html.parser import HTMLParser

import feedparser

FEED_MIMES = {"application/rss+xml", "application/atom+xml", "text/calendar"}


class FeedLinks(HTMLParser):
    """The page's <link rel="alternate" type=...> in <head> and <a type=...> in <body>."""

    def __init__(self):
        super().__init__()
        self.head, self.body, self.in_head = set(), set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_head = {"head": True, "body": False}.get(tag, self.in_head)
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type"):
            self.head.add((attrs["type"], attrs["href"]))
        if tag == "a" and attrs.get("type") in FEED_MIMES:
            self.body.add((attrs["type"], attrs["href"]))


def parse(client, url):
    """The feed at ``url``, which must answer 200 and parse without an error."""
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed
