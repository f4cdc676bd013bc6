from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups import converters  # noqa: F401  (registers <iso:code>)

from . import feeds, views

# The site-wide search (reports:search) joins every app: portal/urls.py adds it here.
app_name = "reports"
urlpatterns = [
    path(_("reports/"), views.report_list, name="list"),
    # Feeds come before reports/<slug:slug>/, which would take "rss" for a slug.
    path(_("reports/rss/"), feeds.ReportFeed(), name="rss"),
    path(_("reports/atom/"), feeds.ReportFeed(atom=True), name="atom"),
    path(_("groups/<slug:slug>/reports/rss/"), feeds.ReportFeed("group"), name="group-rss"),
    path(
        _("groups/<slug:slug>/reports/atom/"),
        feeds.ReportFeed("group", atom=True),
        name="group-atom",
    ),
    path(_("countries/<iso:code>/reports/rss/"), feeds.ReportFeed("country"), name="country-rss"),
    path(
        _("countries/<iso:code>/reports/atom/"),
        feeds.ReportFeed("country", atom=True),
        name="country-atom",
    ),
    path(_("news/rss/"), feeds.NewsFeed(), name="news-rss"),
    path(_("news/atom/"), feeds.NewsFeed(atom=True), name="news-atom"),
    path(_("groups/<slug:slug>/news/rss/"), feeds.NewsFeed("group"), name="group-news-rss"),
    path(
        _("groups/<slug:slug>/news/atom/"),
        feeds.NewsFeed("group", atom=True),
        name="group-news-atom",
    ),
    path(_("countries/<iso:code>/news/rss/"), feeds.NewsFeed("country"), name="country-news-rss"),
    path(
        _("countries/<iso:code>/news/atom/"),
        feeds.NewsFeed("country", atom=True),
        name="country-news-atom",
    ),
    path(_("reports/<slug:slug>/"), views.report_detail, name="detail"),
    path(_("reports/<slug:slug>/pdf/"), views.report_pdf, name="pdf"),
    path(_("news/"), views.news_list, name="news-list"),
    path(_("news/<slug:slug>/"), views.news_detail, name="news-detail"),
]
