from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from portal.sitemaps import sitemaps
from senat_groups.health import healthz

urlpatterns = [
    # Django's set_language (POST); the public pages switch language with plain links.
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),  # the back office has no language prefix
    path("healthz", healthz, name="healthz"),  # for load balancers; no language prefix
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),  # lists fr and en
]
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),  # every public page; see portal/urls.py
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
