from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensConfig(AppConfig):
    name = "sens"
    verbose_name = _("Senate open data")
    default_auto_field = "django.db.models.BigAutoField"
