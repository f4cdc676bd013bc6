from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import calendar
from . import views

# The detail pages list reports too: they are portal's (portal/urls.py).
app_name = "missions"
urlpatterns = [
    path(_("missions/"), views.mission_list, name="list"),
    path(_("missions/ical/"), calendar.mission_ical, name="ical"),  # before <slug>
    path(_("colloquia/"), views.colloquium_list, name="colloquium-list"),
    path(_("colloquia/ical/"), calendar.colloquium_ical, name="colloquium-ical"),  # before <slug>
    path(_("partners/"), views.partner_list, name="partner-list"),
    path(_("partners/<slug:slug>/logo/"), views.partner_logo, name="partner-logo"),
]
