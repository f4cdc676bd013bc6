"""The admin site of the back office: a dashboard for a home page, and previews.

What needs all the content apps at once, which is why it lives above them (see the
README). The wiring's ``senat_groups.security.SenatAdminSite`` extends it with who may
enter; the previews ask that site's ``has_permission()``.
"""

from django.contrib import admin
from django.urls import path
from django.views.i18n import JavaScriptCatalog

# dashboard and preview import the apps' models and admin modules, which need this
# site to exist first: they are imported when a request needs them.


class BackOfficeSite(admin.AdminSite):
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        from . import dashboard

        context = {**dashboard.dashboard_context(), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def i18n_javascript(self, request, extra_context=None):
        # The admin's catalogue plus the rich-text editor's (its buttons and dialogs).
        packages = ["django.contrib.admin", "django_prose_editor"]
        return JavaScriptCatalog.as_view(packages=packages)(request)

    def get_urls(self):
        from . import preview

        urls = [
            # Not wrapped in admin_view(): an anonymous visitor gets a 404, not a login page.
            path(
                "preview/<str:app_label>/<str:model_name>/<int:pk>/<str:language>/",
                preview.preview,
                {"site": self},
                name="preview",
            ),
        ]
        return urls + super().get_urls()
