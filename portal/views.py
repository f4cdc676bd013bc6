"""The public site's pages that join several apps: home, map, site-wide search, and the
group, country and senator pages (which list missions, reports and news)."""

import datetime
from itertools import groupby

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from groups.models import Country, FriendshipGroup, Membership, Senator
from missions.models import Colloquium, Mission
from reports.models import NewsItem, Report
from reports.search import clean_query, suggest

from . import worldmap
from .lists import (
    load_country_lists,
    load_group_lists,
    load_senator_lists,
    published_reports,
)
from .search import site_search

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
    return render(request, "portal/home.html", context)


def group_detail(request, slug):
    group = get_object_or_404(FriendshipGroup.objects.published().for_detail(), slug=slug)
    return render_group_page(request, group)


def render_group_page(request, group, extra_receptions=()):
    """The group page for a group fetched with for_detail(). The back office's preview
    renders a draft through this same function; a draft reception, which has no page of
    its own, is previewed on its group's page through ``extra_receptions``."""
    load_group_lists(group)
    if extra_receptions:
        receptions = {r.pk: r for r in [*group.latest_receptions, *extra_receptions]}
        group.latest_receptions = sorted(receptions.values(), key=lambda r: r.date, reverse=True)
    current = [m for m in group.all_memberships if m.is_current]
    past = [m for m in group.all_memberships if not m.is_current]
    context = {
        "group": group,
        "bureau": bureau_order([m for m in current if m.role != Membership.Role.MEMBER]),
        "members": current,  # senators A–Z (the database sorts in French order)
        "past_bureaux": past_bureaux(past),
    }
    return render(request, "portal/group_detail.html", context)


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


def country_detail(request, code):
    country = get_object_or_404(Country.objects.for_detail(), code=code.upper())
    load_country_lists(country)
    return render(request, "portal/country_detail.html", {"country": country})


def senator_detail(request, slug):
    senator = get_object_or_404(Senator.objects.for_detail(), slug=slug)
    load_senator_lists(senator)
    memberships = senator.all_memberships
    context = {
        "senator": senator,
        "current": [m for m in memberships if m.is_current],
        "past": [m for m in memberships if not m.is_current],
    }
    return render(request, "portal/senator_detail.html", context)


def missions_for_page():
    """Missions with everything mission_detail.html touches (the preview uses it too)."""
    return Mission.objects.for_detail().prefetch_related(published_reports())


def mission_detail(request, slug):
    mission = get_object_or_404(missions_for_page().published(), slug=slug)
    return render_mission_page(request, mission)


def render_mission_page(request, mission):
    """The mission page for a mission from missions_for_page() (also the preview's)."""
    return render(request, "portal/mission_detail.html", {"mission": mission})


def colloquia_for_page():
    """Colloquia with everything colloquium_detail.html touches (the preview's too)."""
    return Colloquium.objects.for_detail().prefetch_related(published_reports())


def colloquium_detail(request, slug):
    colloquium = get_object_or_404(colloquia_for_page().published(), slug=slug)
    return render_colloquium_page(request, colloquium)


def render_colloquium_page(request, colloquium):
    """The colloquium page for one from colloquia_for_page() (also the preview's)."""
    return render(request, "portal/colloquium_detail.html", {"colloquium": colloquium})


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
    # The countries visited since then, each with its number of missions, A–Z in the
    # database's French collation (« Égypte » before « Espagne » and « Zambie »).
    recent = Mission.objects.published().filter(start_date__gte=since)
    visited = (
        Country.objects.filter(missions__in=recent)
        .annotate(recent_missions=Count("missions", distinct=True))
        .only("code", "name", "latitude", "longitude")
        .order_by("name")
    )
    context = {
        "covered": covered,
        "map_countries": worldmap.countries_svg(shapes),
        "small_states": small_states,
        "mission_pins": worldmap.mission_pins(visited),
        "map_viewbox": worldmap.VIEWBOX,
        "since": since,
    }
    return render(request, "portal/map.html", context)


def search(request):
    text, language = clean_query(request.GET.get("q")), get_language()
    context = {"query": text}
    if text:
        results = site_search(text, language)
        context["results"] = results
        if not any(
            results[kind] for kind in ("reports", "groups", "countries", "missions", "news")
        ):
            context["suggestion"] = suggest(text, language)
    return render(request, "portal/search.html", context)
