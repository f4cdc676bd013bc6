from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class BackOfficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = "Back office"

    def ready(self):
        from .permissions import grant_editor_permissions

        # After every migrate (and every test database's flush): the editors' group holds
        # exactly the permissions of backoffice/permissions.py's table.
        post_migrate.connect(grant_editor_permissions, sender=self)


class BackOfficeAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the back office's site as the default one (settings'
    INSTALLED_APPS names it in place of "django.contrib.admin")."""

    default = False  # "backoffice" alone in INSTALLED_APPS means BackOfficeConfig
    default_site = "backoffice.sites.BackOfficeSite"
