"""The open-data API (/api/v1/), its documentation and the open-data page.

A read layer over the apps' QuerySets: each endpoint takes the public rows with
``published()`` and what its serializer shows with ``for_list()``/``with_…()``, and
filters them with the same FilterSet as the HTML list, so a page and its JSON never
disagree. Django REST Framework brings pagination, validation errors as 400 JSON,
throttling and content negotiation; drf-spectacular writes the OpenAPI schema from
these classes and the FilterSets.
"""

import datetime
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.db.models import prefetch_related_objects
from django.http import FileResponse
from django.http import Http404
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.utils import extend_schema
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cooperation.filters import AgreementFilter
from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from core.generation import browsing_key
from core.generation import for_generation
from groups.exports import POLITICAL_GROUP_ID
from groups.exports import POLITICAL_MEMBERSHIP_ID
from groups.filters import GroupFilter
from groups.filters import MembershipFilter
from groups.filters import PoliticalMembershipFilter
from groups.filters import SenatorFilter
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from groups.models import Zone
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
from .bulkfiles import CHECKSUM_SUFFIX
from .bulkfiles import LICENCE
from .bulkfiles import exports
from .bulkfiles import latest_export
from .errors import read_only
from .models import Removal
from .pagination import Pagination
from .removals import RESOURCES as REMOVABLE
from .schema import REMOVALS as REMOVAL_PARAMETERS
from .serializers.base import listed_attr

CACHE_SECONDS = 300
PAGE_SIZES = frozenset(str(size) for size in range(1, Pagination.max_page_size + 1))


class OpenDataMixin:
    """Open-data HTTP conventions on every API response.

    (CORS, for the API and the bulk files alike: django-cors-headers, settings.CORS_*.)
    - ``Cache-Control: public``, ``ETag`` (a hash of the body) and a 304 when the
      client's ``If-None-Match`` matches. No ``Last-Modified``: the newest ``updated_at``
      of the rows shown did not change when a row was unpublished or deleted, so
      ``If-Modified-Since`` answered 304 for a list that had lost a row; the ETag does.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            response.render()
            response = ConditionalGetMiddleware(lambda _: response)(request)
        return response


def updated_since(request):
    """The ``updated_since`` parameter: None, or an aware datetime (a date alone is its
    midnight, Paris time); a ValidationError (400 naming it) otherwise."""
    value = request.query_params.get(UPDATED_SINCE)
    if value is None:
        return None
    try:
        moment = forms.DateTimeField().clean(value)
    except forms.ValidationError as error:
        raise ValidationError({UPDATED_SINCE: error.messages}) from None
    try:
        # In UTC: PostgreSQL refuses an offset past 15:59, which Python accepts.
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        # A valid RFC 3339 moment that UTC cannot hold: 0001-01-01T00:00+01:00 is
        # before the year 1 (everything changed since), 9999-12-31T23:59-01:00 after
        # the year 9999 (nothing did).
        edge = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


UPDATED_SINCE = "updated_since"


# The many-to-many relations that serializers read as lists (serializers.base.related()).
LISTED = ("countries", "groups", "french_authorities")


def listed(lookup):
    """A ``prefetch_related()`` lookup of a relation in ``LISTED`` as one into a list
    (``related()`` reads it); any other as it is."""
    if isinstance(lookup, str):
        lookup = Prefetch(lookup)
    if lookup.prefetch_to not in LISTED:
        return lookup
    return Prefetch(
        lookup.prefetch_through, queryset=lookup.queryset, to_attr=listed_attr(lookup.prefetch_to)
    )


class ReadOnlyViewSet(OpenDataMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    lookup_field = "slug"
    ordering = ()  # a stable order, ending with the primary key, on every list
    # Publishable rows: ``?updated_since=`` lists those edited or published since
    # (deleted and unpublished ones are in /removals/). False for the rows imported or
    # derived as they are, which have no drafts.
    changes_feed = True

    def base_queryset(self):
        """The public rows of the serializer's model, with what it shows."""
        return self.serializer_class.Meta.model.objects.published().for_list()

    def paginate_queryset(self, queryset):
        """The page's rows, then what the QuerySet's ``prefetch_related()`` asked for, its
        many-to-many relations that serializers read (``LISTED``) into plain lists.

        Django gives each row of a prefetched relation a queryset of its own (a
        ``filter()`` per row and relation). Loaded into a list (``to_attr``), the same
        query and rows cost a ``setattr()``. Page size 50, ms of CPU: news 22.4 -> 14.6,
        colloquia 25.0 -> 16.5, reports 26.9 -> 18.5, missions 31.4 -> 25.5, agreements
        15.9 -> 11.5, organizations 20.2 -> 17.2 (bench/cputime.py's API rows, 10× data,
        load 3.5, 2026-12-07)."""
        lookups = queryset._prefetch_related_lookups
        page = super().paginate_queryset(self.page_rows(queryset.prefetch_related(None)))
        if page:
            prefetch_related_objects(page, *map(listed, lookups))
        return page

    def page_rows(self, queryset):
        """What the paginator reads the page from (the reports: their ids first)."""
        return queryset

    def list(self, request, *args, **kwargs):
        """A list; browsed page by page (no parameter but ``page`` and ``page_size``), its
        data kept per content generation, as the public lists' bodies are
        (core.generation.browsing_key): published content only, the same for everyone
        (throttling and the ETag still apply). Page size 50, ms of CPU: organizations
        16.6 -> 2.1, persons 21.4 -> 1.5, missions 21.8 -> 1.7 (bench/cputime.py's API
        rows, 10x data, 2026-12-07); the first request after each edit pays as before.
        """
        build = super().list
        # Its links are absolute: per host and scheme too.
        name = f"api:{get_language()}:{request.scheme}://{request.get_host()}{request.path}"
        key = browsing_key(request, name, page_size=PAGE_SIZES)
        if key is None:
            return build(request, *args, **kwargs)
        return Response(for_generation(key, lambda: build(request, *args, **kwargs).data))

    def get_queryset(self):
        queryset = self.base_queryset()
        if self.changes_feed and getattr(self, "action", None) == "list":
            since = updated_since(self.request)
            if since is not None:
                queryset = queryset.changed_since(since)
        return queryset.order_by(*self.ordering)


class PrefixedIdMixin:
    """Objects whose API id is a prefix and a key (``political-group:RDPI``), so that it
    never equals a friendship group's slug; their URL is the endpoint and that id."""

    id_prefix = ""
    lookup_url_kwarg = "id"

    def get_object(self):
        key = self.kwargs["id"]
        if not key.startswith(self.id_prefix):
            raise Http404
        self.kwargs["id"] = key.removeprefix(self.id_prefix)  # what lookup_field holds
        return super().get_object()


class OrganizationViewSet(ReadOnlyViewSet):
    """Friendship groups (Popolo organizations), A–Z in French order."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = GroupFilter
    ordering = ("name_fr", "pk")

    def base_queryset(self):
        # Not for_list(): an organization shows no président (memberships do).
        return FriendshipGroup.objects.published().with_countries().with_history()


ID_PARAMETER = OpenApiParameter("id", str, OpenApiParameter.PATH, description="The object's id.")


@extend_schema_view(retrieve=extend_schema(parameters=[ID_PARAMETER]))
class PoliticalGroupViewSet(PrefixedIdMixin, ReadOnlyViewSet):
    """The Senate's political groups (Popolo organizations, classification ``political
    group``, id ``political-group:<Senate code>``), A–Z."""

    changes_feed = False
    serializer_class = serializers.PoliticalGroupSerializer
    filter_backends = []
    lookup_field = "senate_code"
    id_prefix = POLITICAL_GROUP_ID
    ordering = ("name", "pk")

    def base_queryset(self):
        return PoliticalGroup.objects.all()  # the Senate's, public as imported


class PersonViewSet(ReadOnlyViewSet):
    """Senators (Popolo persons), A–Z in French order."""

    serializer_class = serializers.PersonSerializer
    filterset_class = SenatorFilter
    ordering = ("last_name", "first_name", "pk")

    def base_queryset(self):
        return Senator.objects.for_list()


class MembershipViewSet(ReadOnlyViewSet):
    """Senators' roles in published friendship groups (Popolo memberships)."""

    serializer_class = serializers.MembershipSerializer
    filterset_class = MembershipFilter
    lookup_field = "pk"

    def base_queryset(self):
        return Membership.objects.of_published_groups().for_list()

    def get_queryset(self):
        # Each group's bureau in the one bureau order (in_bureau_order), as on its page.
        return super().get_queryset().in_bureau_order("group__slug", after=("-start_date", "pk"))


@extend_schema_view(retrieve=extend_schema(parameters=[ID_PARAMETER]))
class PoliticalMembershipViewSet(PrefixedIdMixin, ReadOnlyViewSet):
    """Senators' memberships of political groups (Popolo memberships, id
    ``political-<number>``; ``role`` the Senate's kind: membre, apparenté, rattaché)."""

    changes_feed = False
    serializer_class = serializers.PoliticalMembershipSerializer
    filterset_class = PoliticalMembershipFilter
    lookup_field = "pk"
    id_prefix = POLITICAL_MEMBERSHIP_ID
    ordering = ("political_group__senate_code", "senator__slug", "-start_date", "pk")

    def base_queryset(self):
        return PoliticalMembership.objects.for_list()


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


class ZoneViewSet(ReadOnlyViewSet):
    """Zones of the world (Popolo areas, classification ``zone``), in the site's order:
    the ``parent_id`` of every country."""

    changes_feed = False
    serializer_class = serializers.ZoneSerializer
    filter_backends = []
    ordering = ("position", "name_fr", "pk")

    def base_queryset(self):
        return Zone.objects.all()  # no drafts: a zone is public as soon as it exists


class MissionViewSet(ReadOnlyViewSet):
    """Missions abroad (Popolo events, classification ``mission``), newest first."""

    serializer_class = serializers.MissionSerializer
    filterset_class = MissionFilter
    ordering = ("-start_date", "slug", "pk")

    def base_queryset(self):
        # What DelegateSerializer reads: whole senators took 25.4 and 23.7 ms of CPU
        # per page of 50 missions, these fields 22.9 and 21.2 (bench/cputime.py's API
        # row, 10× data, two runs, load 1.0, 2026-12-07).
        delegation = MissionParticipant.objects.select_related("senator")
        delegation = delegation.only("mission", "is_leader", "senator__slug")
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
        # The archive page's own paging: a search in two cheap runs, which reads its
        # page with the reports' for_list() itself, otherwise the page's ids from the
        # date index first (reports.search).
        text = ReportFilter(self.request.query_params, request=self.request).search_text
        if text:
            rows = SearchResults(queryset, text, get_language(), headlines=False)
            return self.paginator.paginate_queryset(rows, self.request, view=self)
        return super().paginate_queryset(queryset)

    def page_rows(self, queryset):
        return IdsFirst(queryset)


class NewsViewSet(ReadOnlyViewSet):
    """News, newest first."""

    serializer_class = serializers.NewsSerializer
    filterset_class = NewsFilter
    ordering = ("-date", "slug", "pk")


class AgreementViewSet(ReadOnlyViewSet):
    """Decentralized cooperation agreements, newest signed first (the cooperation list's)."""

    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilter
    ordering = ("-signed_on", "slug", "pk")

    def base_queryset(self):
        return Agreement.objects.published().for_list()


class AuthorityViewSet(ReadOnlyViewSet):
    """French local authorities party to a published agreement, A–Z."""

    changes_feed = False
    serializer_class = serializers.LocalAuthoritySerializer
    filter_backends = []
    ordering = ("name", "pk")

    def base_queryset(self):
        return LocalAuthority.objects.with_published_agreements().select_related(
            "department__region", "region"
        )


class RemovalViewSet(OpenDataMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Tombstones: objects deleted, unpublished or renamed, the newest last. With
    ``updated_since``, those removed since; with ``resource``, of one resource."""

    serializer_class = serializers.RemovalSerializer
    filter_backends = []
    list_parameters = REMOVAL_PARAMETERS

    def get_queryset(self):
        removals = Removal.objects.order_by("removed_at", "pk")
        since = updated_since(self.request)
        if since is not None:
            removals = removals.filter(removed_at__gte=since)
        resource = self.request.query_params.get("resource")
        if resource is not None:
            if resource not in REMOVABLE:
                raise ValidationError({"resource": [f"One of: {', '.join(REMOVABLE)}."]})
            removals = removals.filter(resource=resource)
        return removals


RESOURCES = [
    ("organizations", "Friendship groups (Popolo organizations)"),
    ("political-groups", "The Senate's political groups (Popolo organizations)"),
    ("persons", "Senators (Popolo persons)"),
    ("memberships", "Roles of senators in friendship groups (Popolo memberships)"),
    ("political-memberships", "Senators' memberships of political groups (Popolo memberships)"),
    ("areas", "Countries (Popolo areas)"),
    ("zones", "Zones of the world, the countries' parents (Popolo areas)"),
    ("missions", "Missions abroad (Popolo events)"),
    ("receptions", "Foreign delegations received (Popolo events)"),
    ("colloquia", "Colloquia (Popolo events)"),
    ("reports", "Reports of the groups"),
    ("news", "News"),
    ("agreements", "Decentralized cooperation agreements"),
    ("authorities", "French local authorities party to an agreement"),
    ("removals", "Objects deleted or unpublished: tombstones for a sync by updated_since"),
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


@read_only
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
            "exports": exports(),
            "resources": RESOURCES,
            "api_url": reverse("api:root"),
            "docs_url": reverse("api:docs"),
            "schema_url": reverse("api:schema"),
        },
    )


BULK_NAME = re.compile(r"^senat-groupes-\d{4}-\d{2}-\d{2}\.zip(\.sha256)?\Z")


def data_download(request, name):
    if not BULK_NAME.match(name):
        raise Http404
    path = Path(settings.MEDIA_ROOT) / "opendata" / name
    if not path.is_file():
        raise Http404
    if name.endswith(CHECKSUM_SUFFIX):
        return FileResponse(path.open("rb"), content_type="text/plain; charset=utf-8")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
