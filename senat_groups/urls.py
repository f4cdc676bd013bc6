from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),  # set_language, for the switcher
    path("admin/", admin.site.urls),  # the back office has no language prefix
]
urlpatterns += i18n_patterns(
    path("", include("groups.urls")),
    path("", include("missions.urls")),
    path("", include("reports.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
