"""The public site's URL tree (under /fr/ and /en/; senat_groups/urls.py adds the prefix).

The pages that join several apps live in portal/views.py but keep the URL names they
had before this app existed, because the apps reverse them (``FriendshipGroup.
get_absolute_url()`` reverses "groups:detail") and so do templates and other branches:
each is added to the namespace of the app it is about. The apps' own patterns stay in
their urls.py; this module only composes them.
"""

from django.urls import include
from django.urls import path
from django.utils.translation import gettext_lazy as _

import cooperation.urls
import groups.urls
import missions.urls
import reports.urls
from groups import converters  # noqa: F401  (registers <iso:code>)

from . import views

group_pages = [
    path("", views.home, name="home"),
    *groups.urls.urlpatterns,
    path(_("groups/<slug:slug>/"), views.group_detail, name="detail"),
    path(_("countries/<iso:code>/"), views.country_detail, name="country-detail"),
    path(_("senators/<slug:slug>/"), views.senator_detail, name="senator-detail"),
    path(_("map/"), views.world_map, name="map"),
]
mission_pages = [
    *missions.urls.urlpatterns,  # their ical feeds come before <slug>
    path(_("missions/<slug:slug>/"), views.mission_detail, name="detail"),
    path(_("colloquia/<slug:slug>/"), views.colloquium_detail, name="colloquium-detail"),
]
report_pages = [
    *reports.urls.urlpatterns,
    path(_("search/"), views.search, name="search"),
]

cooperation_pages = [
    path(_("cooperation/map/"), views.cooperation_map, name="map"),  # before <slug>
    *cooperation.urls.urlpatterns,
]
# The dossiers join every app; their own namespace.
dossier_pages = [
    path(_("countries/<iso:code>/dossier/"), views.country_dossier, name="country"),
    path(_("countries/<iso:code>/dossier/pdf/"), views.country_dossier_pdf, name="country-pdf"),
    path(_("groups/<slug:slug>/dossier/"), views.group_dossier, name="group"),
    path(_("groups/<slug:slug>/dossier/pdf/"), views.group_dossier_pdf, name="group-pdf"),
]

agenda_pages = [
    path(_("agenda/"), views.agenda, name="list"),
    path(_("agenda/ical/"), views.agenda_ical, name="ical"),
]

urlpatterns = [
    path("", include((agenda_pages, "agenda"))),
    path("", include((group_pages, groups.urls.app_name))),
    path("", include((mission_pages, missions.urls.app_name))),
    path("", include((report_pages, reports.urls.app_name))),
    path("", include((cooperation_pages, cooperation.urls.app_name))),
    path("", include((dossier_pages, "dossier"))),
    path("", include("legal.urls")),  # mentions légales, accessibility, personal data
]
