from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups import converters  # noqa: F401  (registers <iso:code>)

from . import feeds, views

# The site-wide search (reports:search) joins every app: portal/urls.py adds it here.
app_name = "reports"
urlpatterns = [
    path(_("reports/"), views.report_list, name="list"),
    # Feeds come before reports/<slug:slug>/, which would take "rss" for a slug.
    path(_("reports/rss/"), feeds.ReportRssFeed(), name="rss"),
    path(_("reports/atom/"), feeds.ReportAtomFeed(), name="atom"),
    path(_("groups/<slug:slug>/reports/rss/"), feeds.GroupReportRssFeed(), name="group-rss"),
    path(_("groups/<slug:slug>/reports/atom/"), feeds.GroupReportAtomFeed(), name="group-atom"),
    path(_("countries/<iso:code>/reports/rss/"), feeds.CountryReportRssFeed(), name="country-rss"),
    path(
        _("countries/<iso:code>/reports/atom/"), feeds.CountryReportAtomFeed(), name="country-atom"
    ),
    path(_("news/rss/"), feeds.NewsRssFeed(), name="news-rss"),
    path(_("news/atom/"), feeds.NewsAtomFeed(), name="news-atom"),
    path(_("groups/<slug:slug>/news/rss/"), feeds.GroupNewsRssFeed(), name="group-news-rss"),
    path(_("groups/<slug:slug>/news/atom/"), feeds.GroupNewsAtomFeed(), name="group-news-atom"),
    path(_("countries/<iso:code>/news/rss/"), feeds.CountryNewsRssFeed(), name="country-news-rss"),
    path(
        _("countries/<iso:code>/news/atom/"),
        feeds.CountryNewsAtomFeed(),
        name="country-news-atom",
    ),
    path(_("reports/<slug:slug>/"), views.report_detail, name="detail"),
    path(_("reports/<slug:slug>/pdf/"), views.report_pdf, name="pdf"),
    path(_("news/"), views.news_list, name="news-list"),
    path(_("news/<slug:slug>/"), views.news_detail, name="news-detail"),
]
