import datetime
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import worldmap
from .filters import GroupFilter
from .models import (
    Country,
    FriendshipGroup,
    Membership,
    Senator,
    load_country_lists,
    load_group_lists,
    load_senator_lists,
)

# Missions, colloquia, news and reports belong to apps above this one, which groups
# never imports (STYLE §1): the home and map pages reach them through the reverse
# relations those apps declared on our models (see models.load_group_lists) and use
# those models' own QuerySet methods.
Mission = FriendshipGroup.missions.rel.related_model
Colloquium = FriendshipGroup.colloquia.rel.related_model
NewsItem = FriendshipGroup.news.rel.related_model
Report = FriendshipGroup.reports.rel.related_model

RECENT_MISSIONS_DAYS = 2 * 365


def home(request):
    # Covered countries give the figure and the map's highlights.
    covered_codes = list(Country.objects.covered().order_by().values_list("code", flat=True))
    context = {
        "groups_by_kind": FriendshipGroup.objects.active().count_by_kind(),
        "covered_count": len(covered_codes),
        "featured": NewsItem.objects.published().featured().order_by("-date")[:3],
        "news": NewsItem.objects.published().order_by("-date", "title")[:4],
        "colloquia": Colloquium.objects.published().upcoming().order_by("start_at")[:3],
        "missions": Mission.objects.published().select_related("group").order_by("-start_date")[:4],
        # Only what the lists show: a report's full text and search vectors are heavy.
        "reports": Report.objects.published()
        .only("slug", "title", "publication_date")
        .order_by("-publication_date")[:4],
        "map_svg": worldmap.overview_svg(covered_codes),
        "map_viewbox": worldmap.VIEWBOX,
    }
    return render(request, "groups/home.html", context)


def group_list(request):
    groups = FriendshipGroup.objects.active().for_list().order_by("name")
    filterset = GroupFilter(request.GET, queryset=groups, request=request)
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    return render(request, "groups/group_list.html", {"filter": filterset, "page": page})


def group_detail(request, slug):
    group = get_object_or_404(FriendshipGroup.objects.published().for_detail(), slug=slug)
    return render_group_page(request, group)


def render_group_page(request, group, extra_receptions=()):
    """The group page for a group fetched with for_detail() (the back office's preview
    renders a draft through this same function; a draft reception, which has no page of
    its own, is previewed on its group's page through ``extra_receptions``)."""
    load_group_lists(group)
    if extra_receptions:
        receptions = {r.pk: r for r in [*group.latest_receptions, *extra_receptions]}
        group.latest_receptions = sorted(receptions.values(), key=lambda r: r.date, reverse=True)
    today = timezone.localdate()
    current = [m for m in group.all_memberships if m.end_date is None or m.end_date >= today]
    past = [m for m in group.all_memberships if m not in current]
    context = {
        "group": group,
        "bureau": bureau_order([m for m in current if m.role != Membership.Role.MEMBER]),
        "members": current,  # senators A–Z (the database sorts in French order)
        "past_bureaux": past_bureaux(past),
    }
    return render(request, "groups/group_detail.html", context)


ROLE_ORDER = {role: rank for rank, role in enumerate(Membership.Role.values)}


def bureau_order(memberships):
    """Président first, secretaries last; a stable sort keeps the senators A–Z."""
    return sorted(memberships, key=lambda m: ROLE_ORDER[m.role])


def past_bureaux(memberships):
    """[((start, end), [memberships])], newest period first, from past bureau roles."""
    bureau = [m for m in memberships if m.role != Membership.Role.MEMBER]

    def period(m):
        return (m.start_date, m.end_date)

    ordered = sorted(bureau, key=period, reverse=True)
    return [(key, bureau_order(rows)) for key, rows in groupby(ordered, key=period)]


def country_list(request):
    countries = Country.objects.for_list().order_by("zone__position", "zone__name", "name")
    return render(request, "groups/country_list.html", {"countries": countries})


def country_detail(request, code):
    country = get_object_or_404(Country.objects.for_detail(), code=code.upper())
    load_country_lists(country)
    return render(request, "groups/country_detail.html", {"country": country})


def senator_detail(request, slug):
    senator = get_object_or_404(Senator.objects.for_detail(), slug=slug)
    load_senator_lists(senator)
    today = timezone.localdate()
    memberships = senator.all_memberships
    context = {
        "senator": senator,
        "current": [m for m in memberships if m.end_date is None or m.end_date >= today],
        "past": [m for m in memberships if m.end_date is not None and m.end_date < today],
    }
    return render(request, "groups/senator_detail.html", context)


def world_map(request):
    # Only covered countries are links or pins; the other shapes need no row.
    covered = (
        Country.objects.covered()
        .select_related("zone")
        .with_active_groups()
        .order_by("zone__position", "zone__name", "name")
    )
    covered = list(covered)
    shapes, small_states = worldmap.build_map(
        covered, {c.code for c in covered}, worldmap.load_shapes()
    )
    since = timezone.localdate() - datetime.timedelta(days=RECENT_MISSIONS_DAYS)
    # The pins need each mission's countries, nothing else of it.
    missions = (
        Mission.objects.published()
        .filter(start_date__gte=since)
        .only("pk")
        .prefetch_related(
            Prefetch(
                "countries", queryset=Country.objects.only("code", "name", "latitude", "longitude")
            )
        )
    )
    context = {
        "covered": covered,
        "map_countries": worldmap.countries_svg(shapes),
        "small_states": small_states,
        "mission_pins": worldmap.mission_pins(missions),
        "map_viewbox": worldmap.VIEWBOX,
        "since": since,
    }
    return render(request, "groups/map.html", context)
