from django.apps import AppConfig


class WiringConfig(AppConfig):
    """The project package's start-up hooks: the wiring connects to the apps, not the reverse."""

    name = "senat_groups"
    label = "senat_groups"
    verbose_name = "Wiring"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
