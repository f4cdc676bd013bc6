"""The admin site of the back office: who may enter, the login steps, a dashboard for a
home page, previews and the drafts of live records.

Closed to staff outside the editors' group, and to staff who have not given their
second factor in this session (login.py, passkeys.py). The dashboard needs all the
content apps at once, which is why the back office lives above them (see the README);
the previews ask this site's ``has_permission()``.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django.urls import reverse
from django.utils.http import urlencode
from django.views.i18n import JavaScriptCatalog

from backoffice import login
from backoffice import passkeys
from backoffice.access import is_back_office_request
from backoffice.access import is_verified

# dashboard and preview import the apps' models and admin modules, which need this
# site to exist first: they are imported when a request needs them.


class BackOfficeSite(admin.AdminSite):
    index_template = "admin/dashboard.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every publishable record can be drafted while live (drafts.py): the mixin goes
        # on each PublishableAdmin here, where the back office meets the apps' admins.
        from core.admin import PublishableAdmin

        from .drafts import DraftAdminMixin

        if admin_class is not None and issubclass(admin_class, PublishableAdmin):
            if not issubclass(admin_class, DraftAdminMixin):
                admin_class = type(
                    admin_class.__name__,
                    (DraftAdminMixin, admin_class),
                    {"__module__": admin_class.__module__},
                )
        return super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        # Asked several times per admin page: one query per request at most.
        return is_back_office_request(request) and is_verified(request.user)

    def get_app_list(self, request, app_label=None):
        # Before the second factor (the login steps), no menu of models: each link would
        # only lead back to the step.
        if not self.has_permission(request):
            return []
        return super().get_app_list(request, app_label)

    def each_context(self, request):
        context = super().each_context(request)
        context["is_nav_sidebar_enabled"] &= context["has_permission"]
        return context

    def login(self, request, extra_context=None):
        # After the password, the code (or, the first time, the enrolment).
        user = request.user
        if user.is_authenticated and not is_verified(user) and is_back_office_request(request):
            query = {"next": request.GET["next"]} if request.GET.get("next") else {}
            url = reverse("admin:two-factor", current_app=self.name)
            return redirect(f"{url}?{urlencode(query)}" if query else url)
        return super().login(request, extra_context)

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

        return [
            # Not wrapped in admin_view(): an anonymous visitor gets a 404, not a login page.
            path(
                "preview/<str:app_label>/<str:model_name>/<int:pk>/<str:language>/",
                preview.preview,
                {"site": self},
                name="preview",
            ),
            # Outside admin_view(): these pages come before the permission they grant.
            path("two-factor/", login.verify, {"site": self}, name="two-factor"),
            path("two-factor/enrol/", login.enrol, {"site": self}, name="two-factor-enrol"),
            path(
                "two-factor/recovery-codes/",
                login.recovery_codes,
                {"site": self},
                name="two-factor-codes",
            ),
            path(
                "two-factor/passkeys/",
                self.admin_view(passkeys.passkeys, cacheable=False),
                {"site": self},
                name="two-factor-passkeys",
            ),
            path("two-factor/passkeys/jsi18n/", passkeys.passkey_messages, name="passkey-messages"),
            # The passkey ceremonies: passkeys/register/begin/ is "passkey-register-begin"...
            *(
                path(
                    f"two-factor/passkeys/{ceremony}/{step}/",
                    view.as_view(),
                    name=f"passkey-{ceremony}-{step}",
                )
                for (ceremony, step), view in passkeys.PASSKEY_CEREMONIES.items()
            ),
            *super().get_urls(),
        ]
