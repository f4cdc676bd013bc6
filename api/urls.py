from django.conf import settings
from django.urls import path
from django.urls import re_path
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views
from .errors import not_found

app_name = "api"

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organizations")
router.register("political-groups", views.PoliticalGroupViewSet, basename="political-groups")
router.register("persons", views.PersonViewSet, basename="persons")
router.register("memberships", views.MembershipViewSet, basename="memberships")
router.register(
    "political-memberships", views.PoliticalMembershipViewSet, basename="political-memberships"
)
router.register("areas", views.AreaViewSet, basename="areas")
router.register("zones", views.ZoneViewSet, basename="zones")
router.register("missions", views.MissionViewSet, basename="missions")
router.register("receptions", views.ReceptionViewSet, basename="receptions")
router.register("colloquia", views.ColloquiumViewSet, basename="colloquia")
router.register("reports", views.ReportViewSet, basename="reports")
router.register("news", views.NewsViewSet, basename="news")
router.register("agreements", views.AgreementViewSet, basename="agreements")
router.register("authorities", views.AuthorityViewSet, basename="authorities")
router.register("removals", views.RemovalViewSet, basename="removals")


class SchemaView(views.OpenDataMixin, SpectacularJSONAPIView):
    """The OpenAPI document, in English (its own words and the filters' labels and
    choices); ``?lang=fr`` gives the labels in French."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if request.GET.get("lang") in dict(settings.LANGUAGES):
            return super().get(request, *args, **kwargs)  # drf-spectacular's own ?lang=
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("openapi.json", SchemaView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    *router.urls,
    # Anything else under /api/v1/ (an identifier the routes do not accept, such as
    # ".x", or one holding a newline, which "." would not match): a JSON 404 like the
    # API's own, not the site's HTML page.
    re_path(r"^[\s\S]+\Z", not_found),
]
