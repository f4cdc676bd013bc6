from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    """The kernel every app builds on; it has no tables (its one migration creates the SQL
    function of core.search) and imports no app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from .converters import CountryCodeConverter

        # Registered once, before any URLconf is loaded (<iso:code> in portal/urls.py).
        register_converter(CountryCodeConverter, "iso")
