from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .models import LegalPage

app_name = "legal"
# One fixed address per page, its words translated (/fr/mentions-legales/,
# /en/legal-notice/); the URL name is the page's kind.
PATHS = {
    LegalPage.Kind.LEGAL_NOTICE: _("legal-notice/"),
    LegalPage.Kind.ACCESSIBILITY: _("accessibility/"),
    LegalPage.Kind.PERSONAL_DATA: _("personal-data/"),
}
urlpatterns = [
    path(route, views.legal_page, {"kind": kind.value}, name=kind.value)
    for kind, route in PATHS.items()
]
