from importlib import import_module

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def restore_pages(sender, apps=global_apps, **kwargs):
    """The three pages every French public site must have exist after every migrate, and
    after a flush (a transactional test's teardown empties the tables migration 0002
    filled; flush sends no ``apps``): the migration's own function, which creates only the
    missing ones."""
    try:
        apps.get_model("legal", "LegalPage")
    except LookupError:  # migrated back below the table
        return
    import_module("legal.migrations.0002_initial_pages").create_pages(apps, None)


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal pages")

    def ready(self):
        post_migrate.connect(restore_pages, sender=self)
