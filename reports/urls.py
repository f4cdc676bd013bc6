from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "reports"
urlpatterns = [
    path(_("reports/"), views.report_list, name="list"),
    path(_("reports/<slug:slug>/"), views.report_detail, name="detail"),
    path(_("search/"), views.search, name="search"),
    path(_("news/"), views.news_list, name="news-list"),
    path(_("news/<slug:slug>/"), views.news_detail, name="news-detail"),
]
