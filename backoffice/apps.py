from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class BackOfficeConfig(AppConfig):
    default = True
    name = "backoffice"
    verbose_name = "Back office"


class BackOfficeAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the back-office site (dashboard home and previews)."""

    default = False
    default_site = "backoffice.sites.BackOfficeSite"
