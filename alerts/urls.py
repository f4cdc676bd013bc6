from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "alerts"
urlpatterns = [
    path(_("alerts/follow/<kind>/<key>/"), views.subscribe, name="subscribe"),
    path(_("alerts/confirm/<token>/"), views.confirm, name="confirm"),
    path(_("alerts/unsubscribe/<token>/"), views.unsubscribe, name="unsubscribe"),
]
