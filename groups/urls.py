from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups import converters  # noqa: F401  (registers <iso:code>)

from . import views

app_name = "groups"
urlpatterns = [
    path("", views.home, name="home"),
    path(_("groups/"), views.group_list, name="list"),
    path(_("groups/<slug:slug>/"), views.group_detail, name="detail"),
    path(_("countries/"), views.country_list, name="country-list"),
    path(_("countries/<iso:code>/"), views.country_detail, name="country-detail"),
    path(_("senators/"), views.senator_list, name="senator-list"),
    path(_("senators/<slug:slug>/"), views.senator_detail, name="senator-detail"),
    path(_("map/"), views.world_map, name="map"),
]
