from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups.links import follows_former_slugs

from . import feeds
from . import views


def feed_paths(feed, scope, rss, atom):
    """A feed's RSS and Atom URLs, named [group-|country-][news-]rss and ...atom."""
    name = f"{scope}-" if scope else ""
    name += "news-" if feed is feeds.NewsFeed else ""
    # A group's feeds follow its former slugs (a 301), as feed readers keep the old URL.
    wrap = follows_former_slugs if scope == "group" else (lambda view: view)
    return [
        path(rss, wrap(feed(scope)), name=f"{name}rss"),
        path(atom, wrap(feed(scope, atom=True)), name=f"{name}atom"),
    ]


# fmt: off
# ruff: noqa: E501  (one feed a line reads best as a table)
FEEDS = [  # (feed, scope, RSS path, Atom path)
    (feeds.ReportFeed, None, _("reports/rss/"), _("reports/atom/")),
    (feeds.ReportFeed, "group", _("groups/<slug:slug>/reports/rss/"), _("groups/<slug:slug>/reports/atom/")),
    (feeds.ReportFeed, "country", _("countries/<iso:code>/reports/rss/"), _("countries/<iso:code>/reports/atom/")),
    (feeds.NewsFeed, None, _("news/rss/"), _("news/atom/")),
    (feeds.NewsFeed, "group", _("groups/<slug:slug>/news/rss/"), _("groups/<slug:slug>/news/atom/")),
    (feeds.NewsFeed, "country", _("countries/<iso:code>/news/rss/"), _("countries/<iso:code>/news/atom/")),
]
# fmt: on

app_name = "reports"
urlpatterns = [
    path(_("reports/"), views.report_list, name="list"),
    # Feeds come before reports/<slug:slug>/, which would take "rss" for a slug.
    *(url for feed in FEEDS for url in feed_paths(*feed)),
    path(_("reports/<slug:slug>/"), views.report_detail, name="detail"),
    path(_("reports/<slug:slug>/pdf/"), views.report_pdf, name="pdf"),
    path(_("news/"), views.news_list, name="news-list"),
    path(_("news/<slug:slug>/"), views.news_detail, name="news-detail"),
]
