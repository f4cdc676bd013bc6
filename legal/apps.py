from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal pages")

    def ready(self):
        from senat_groups.cache import watch_app

        watch_app(self.label)  # an edit here drops the cached public pages
