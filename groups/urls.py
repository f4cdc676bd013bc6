from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups import converters  # noqa: F401  (registers <iso:code>)

from . import views

# The "groups" namespace also holds the home, map, group, country and senator pages,
# which join several apps: portal/urls.py adds them to these patterns.
app_name = "groups"
urlpatterns = [
    path(_("groups/"), views.group_list, name="list"),
    path(_("countries/"), views.country_list, name="country-list"),
    path(_("senators/"), views.senator_list, name="senator-list"),
    path(_("senators/<slug:slug>/photo/"), views.senator_photo, name="senator-photo"),
]
