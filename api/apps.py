from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Open data API"

    def ready(self):
        # Tombstones for the change feed (api/removals.py).
        from .removals import connect_signals

        connect_signals()
