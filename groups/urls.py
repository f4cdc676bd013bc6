from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds
from . import views

# The group, country and senator pages join several apps: they are portal's (portal/urls.py).
app_name = "groups"
urlpatterns = [
    path(_("groups/"), views.group_list, name="list"),
    # Before portal's groups/<slug>/, which would take "rss" for a slug.
    path(_("groups/rss/"), feeds.GroupEventRssFeed(), name="rss"),
    path(_("groups/atom/"), feeds.GroupEventAtomFeed(), name="atom"),
    path(_("countries/"), views.country_list, name="country-list"),
    path(_("senators/"), views.senator_list, name="senator-list"),
    path(_("senators/<slug:slug>/photo/"), views.senator_photo, name="senator-photo"),
]
