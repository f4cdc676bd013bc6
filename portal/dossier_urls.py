from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups import converters  # noqa: F401  (registers <iso:code>)

from . import dossier_views as views

app_name = "dossier"
urlpatterns = [
    path(_("countries/<iso:code>/dossier/"), views.country_dossier, name="country"),
    path(_("countries/<iso:code>/dossier/pdf/"), views.country_dossier_pdf, name="country-pdf"),
    path(_("groups/<slug:slug>/dossier/"), views.group_dossier, name="group"),
    path(_("groups/<slug:slug>/dossier/pdf/"), views.group_dossier_pdf, name="group-pdf"),
]
