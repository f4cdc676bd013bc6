from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Decentralized cooperation")

    def ready(self):
        from senat_groups.cache import watch_app

        watch_app(self.label)  # an edit here drops the cached public pages
