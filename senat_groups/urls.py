from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from api import views as api_views
from filestore.views import stored_file
from portal.sitemaps import sitemaps
from senat_groups.health import healthz

# The site's error pages, JSON under /api/ (api/errors.py).
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"

urlpatterns = [
    # Django's set_language (POST); the public pages switch language with plain links.
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),  # the back office has no language prefix
    path("healthz", healthz, name="healthz"),  # for load balancers; no language prefix
    # Lists fr and en. GET and HEAD only, like the pages (senat_groups/security.py); it
    # writes nothing, so a POST gets the 405 rather than the CSRF check's 403.
    path("sitemap.xml", csrf_exempt(require_safe(sitemap)), {"sitemaps": sitemaps}, name="sitemap"),
    path("api/v1/", include("api.urls")),  # open data: JSON in both languages, no prefix
]
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),  # every public page; see portal/urls.py
    path("", include("alerts.urls")),  # following by e-mail: subscribe, confirm, unsubscribe
    # The open-data page and the bulk file it links (api/views.py).
    path(_("data/"), api_views.data_page, name="api-data"),
    path(_("data/<str:name>"), api_views.data_download, name="api-data-download"),
)

if settings.FILE_STORAGE == "database":
    # Uploaded files for staff; the public downloads through views that check publication.
    urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "<path:name>", stored_file))
elif settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
