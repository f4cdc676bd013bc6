"""The open-data API (/api/v1/), its documentation and the open-data page.

A read layer over the apps' QuerySets: each endpoint takes the public rows with
``published()`` and what its serializer shows with ``for_list()``/``with_…()``, and
filters them with the same FilterSet as the HTML list, so a page and its JSON never
disagree. Django REST Framework brings pagination, validation errors as 400 JSON,
throttling and content negotiation; drf-spectacular writes the OpenAPI schema from
these classes and the FilterSets.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.http import FileResponse
from django.http import Http404
from django.http import JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import get_language
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from groups.filters import GroupFilter
from groups.filters import MembershipFilter
from groups.filters import SenatorFilter
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from missions.filters import ColloquiumFilter
from missions.filters import MissionFilter
from missions.filters import ReceptionFilter
from missions.models import MissionParticipant
from missions.models import Reception
from reports.filters import NewsFilter
from reports.filters import ReportFilter
from reports.paging import IdsFirst
from reports.search import SearchResults

from . import serializers
from .opendata import LICENCE
from .opendata import latest_export
from .pagination import Chain

CACHE_SECONDS = 300


class OpenDataMixin:
    """Open-data HTTP conventions on every API response.

    - ``Access-Control-Allow-Origin: *``: any web page may read the data;
    - ``Cache-Control: public``, ``ETag`` (a hash of the body) and a 304 when the
      client's ``If-None-Match`` matches; ``Last-Modified``: the newest change among
      the objects returned, when they record one (informative: 304s come from the
      ETag, which also changes when a row is deleted or unpublished).
    """

    last_modified = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            if self.last_modified:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
            response.render()
            response = ConditionalGetMiddleware(lambda _: response)(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def note_last_modified(self, objects):
        stamps = [o.updated_at for o in objects if getattr(o, "updated_at", None)]
        self.last_modified = max(stamps) if stamps else None


class ReadOnlyViewSet(OpenDataMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    lookup_field = "slug"
    ordering = ()  # a stable order, ending with the primary key, on every list

    def base_queryset(self):
        """The public rows of the serializer's model, with what it shows."""
        return self.serializer_class.Meta.model.objects.published().for_list()

    def get_queryset(self):
        return self.base_queryset().order_by(*self.ordering)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.note_last_modified(page or [])
        return page

    def get_object(self):
        obj = super().get_object()
        self.note_last_modified([obj])
        return obj


class MixedListMixin:
    """A list of two kinds of rows: the model's own, then a second kind (``second_queryset()``,
    in its stable order; ``second_kind()`` filters it for the request).

    The second kind joins the list only when no filter of the first kind's FilterSet
    is given (``second_kind_filters()`` names those it accepts), and comes after all
    rows of the first kind, each kind in its own stable order (``pagination.Chain``).
    Its rows take the same shape, from their own ``second_serializer_class``.
    """

    second_id_prefix = ""
    second_serializer_class = None

    def filters_given(self):
        params = self.request.query_params
        return {name for name in self.filterset_class.base_filters if params.get(name)}

    def list(self, request, *args, **kwargs):
        rows = self.filter_queryset(self.get_queryset())
        if not self.filters_given() - self.second_kind_filters():
            rows = Chain(rows, self.second_kind())
        page = self.paginate_queryset(rows)
        context = self.get_serializer_context()
        return self.get_paginated_response([self.data(obj, context) for obj in page])

    def second_kind_filters(self):
        return set()

    def second_kind(self):
        """The second kind's rows for this request (all of them, unless overridden)."""
        return self.second_queryset()

    def get_object(self):
        key = self.kwargs[self.lookup_field]
        if not key.startswith(self.second_id_prefix):
            return super().get_object()
        try:
            obj = self.second_kind_object(key.removeprefix(self.second_id_prefix))
        except (ValueError, ObjectDoesNotExist):
            raise Http404 from None
        self.check_object_permissions(self.request, obj)
        return obj

    def retrieve(self, request, *args, **kwargs):
        return Response(self.data(self.get_object(), self.get_serializer_context()))

    def data(self, obj, context):
        serializer_class = self.serializer_class
        if isinstance(obj, self.second_serializer_class.Meta.model):
            serializer_class = self.second_serializer_class
        return serializer_class(obj, context=context).data


class OrganizationViewSet(MixedListMixin, ReadOnlyViewSet):
    """Friendship groups (Popolo organizations), A–Z in French order, then political groups.

    Political groups (classification ``political group``, id ``political-group:<code>``)
    are listed, A–Z, after the friendship groups when no filter is given.
    """

    serializer_class = serializers.OrganizationSerializer
    filterset_class = GroupFilter
    ordering = ("name_fr", "pk")
    second_id_prefix = serializers.POLITICAL_GROUP_ID
    second_serializer_class = serializers.PoliticalGroupSerializer

    def base_queryset(self):
        # Not for_list(): an organization shows no président (memberships do).
        return FriendshipGroup.objects.published().with_countries().with_history()

    def second_queryset(self):
        return PoliticalGroup.objects.order_by("name", "pk")

    def second_kind_object(self, code):
        return PoliticalGroup.objects.get(senate_code=code)


class PersonViewSet(ReadOnlyViewSet):
    """Senators (Popolo persons), A–Z in French order."""

    serializer_class = serializers.PersonSerializer
    filterset_class = SenatorFilter
    ordering = ("last_name", "first_name", "pk")

    def base_queryset(self):
        return Senator.objects.for_list()


class MembershipViewSet(MixedListMixin, ReadOnlyViewSet):
    """Senators' roles in published groups, then in political groups (Popolo memberships).

    Memberships of political groups (id ``political-<number>``, ``role`` the Senate's
    kind: membre, apparenté, rattaché) come after those of friendship groups, unless
    ``organization`` or ``role`` is given; ``person`` and ``current`` filter both kinds.
    """

    serializer_class = serializers.MembershipSerializer
    filterset_class = MembershipFilter
    lookup_field = "pk"
    second_id_prefix = serializers.POLITICAL_MEMBERSHIP_ID
    second_serializer_class = serializers.PoliticalMembershipSerializer

    def base_queryset(self):
        return Membership.objects.of_published_groups().for_list()

    def get_queryset(self):
        # Each group's bureau in the one bureau order (in_bureau_order), as on its page.
        return self.base_queryset().in_bureau_order("group__slug", after=("-start_date", "pk"))

    def second_kind_filters(self):
        return {"person", "current"}

    def second_queryset(self):
        return PoliticalMembership.objects.for_list().order_by(
            "political_group__senate_code", "senator__slug", "-start_date", "pk"
        )

    def second_kind(self):
        rows = self.second_queryset()
        filterset = self.filterset_class(
            self.request.query_params, queryset=Membership.objects.none()
        )
        if filterset.is_valid():  # already checked by filter_queryset (a 400 otherwise)
            person = filterset.form.cleaned_data.get("person")
            current = filterset.form.cleaned_data.get("current")
            if person is not None:
                rows = rows.filter(senator=person)
            if current is True:
                rows = rows.current()
            elif current is False:
                rows = rows.exclude(pk__in=PoliticalMembership.objects.current())
        return rows

    def second_kind_object(self, pk):
        return PoliticalMembership.objects.for_list().get(pk=int(pk))


class AreaViewSet(ReadOnlyViewSet):
    """Countries (Popolo areas), A–Z in French order, with their zone as parent."""

    serializer_class = serializers.AreaSerializer
    filter_backends = []
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"
    ordering = ("name_fr", "pk")

    def base_queryset(self):
        return Country.objects.for_list()

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


class MissionViewSet(ReadOnlyViewSet):
    """Missions abroad (Popolo events, classification ``mission``), newest first."""

    serializer_class = serializers.MissionSerializer
    filterset_class = MissionFilter
    ordering = ("-start_date", "slug", "pk")

    def base_queryset(self):
        delegation = MissionParticipant.objects.select_related("senator")
        return super().base_queryset().prefetch_related(Prefetch("delegation", queryset=delegation))


class ReceptionViewSet(ReadOnlyViewSet):
    """Foreign delegations received (Popolo events, ``reception``), newest first."""

    serializer_class = serializers.ReceptionSerializer
    filterset_class = ReceptionFilter
    ordering = ("-date", "slug", "pk")

    def base_queryset(self):
        return Reception.objects.published().with_public("group").select_related("country")


class ColloquiumViewSet(ReadOnlyViewSet):
    """Colloquia (Popolo events, ``colloquium``), newest first."""

    serializer_class = serializers.ColloquiumSerializer
    filterset_class = ColloquiumFilter
    ordering = ("-start_at", "slug", "pk")


class ReportViewSet(ReadOnlyViewSet):
    """Reports, newest first; with ``q``, the site's full-text search order."""

    serializer_class = serializers.ReportSerializer
    filterset_class = ReportFilter
    ordering = ("-publication_date", "number", "pk")

    def paginate_queryset(self, queryset):
        # The archive page's own paging: a search in two cheap runs, otherwise the
        # page's ids from the date index first (reports.search).
        text = ReportFilter(self.request.query_params, request=self.request).search_text
        if text:
            rows = SearchResults(queryset, text, get_language(), headlines=False)
        else:
            rows = IdsFirst(queryset)
        return super().paginate_queryset(rows)


class NewsViewSet(ReadOnlyViewSet):
    """News, newest first."""

    serializer_class = serializers.NewsSerializer
    filterset_class = NewsFilter
    ordering = ("-date", "slug", "pk")


RESOURCES = [
    ("organizations", "Friendship groups (Popolo organizations)"),
    ("persons", "Senators (Popolo persons)"),
    ("memberships", "Roles of senators in groups (Popolo memberships)"),
    ("areas", "Countries (Popolo areas)"),
    ("missions", "Missions abroad (Popolo events)"),
    ("receptions", "Foreign delegations received (Popolo events)"),
    ("colloquia", "Colloquia (Popolo events)"),
    ("reports", "Reports of the groups"),
    ("news", "News"),
]


class ApiRoot(OpenDataMixin, APIView):
    """The entry point: the resources, the documentation, the licence."""

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(
            {
                "name": "Groupes interparlementaires d'amitié du Sénat — open data API",
                "version": "v1",
                "licence": LICENCE,
                "languages": (
                    "Every translated text is given twice: `name` is the French text and "
                    "`name_en` its English translation, null while none exists."
                ),
                "documentation": request.build_absolute_uri(reverse("api:docs")),
                "openapi": request.build_absolute_uri(reverse("api:schema")),
                "bulk_download": request.build_absolute_uri(reverse("api-data")),
                "resources": {
                    name: {
                        "url": request.build_absolute_uri(reverse(f"api:{name}-list")),
                        "description": description,
                    }
                    for name, description in RESOURCES
                },
            }
        )


def not_found(request):
    response = JsonResponse({"detail": "Not found."}, status=404)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def docs(request):
    """Swagger UI from the portal's own static files (drf-spectacular-sidecar)."""
    return render(request, "api/docs.html", {"licence": LICENCE})


def data_page(request):
    return render(
        request,
        "api/data.html",
        {
            "licence_url": LICENCE["url"],
            "latest": latest_export(),
            "resources": RESOURCES,
            "api_url": reverse("api:root"),
            "docs_url": reverse("api:docs"),
            "schema_url": reverse("api:schema"),
        },
    )


BULK_NAME = re.compile(r"^senat-groupes-\d{4}-\d{2}-\d{2}\.zip$")


def data_download(request, name):
    if not BULK_NAME.match(name):
        raise Http404
    path = Path(settings.MEDIA_ROOT) / "opendata" / name
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Access-Control-Allow-Origin"] = "*"
    return response
