from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

# The group, country and senator pages join several apps: they are portal's (portal/urls.py).
app_name = "groups"
urlpatterns = [
    path(_("groups/"), views.group_list, name="list"),
    path(_("countries/"), views.country_list, name="country-list"),
    path(_("senators/"), views.senator_list, name="senator-list"),
    path(_("senators/<slug:slug>/photo/"), views.senator_photo, name="senator-photo"),
]
