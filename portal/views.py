"""The public site's pages that join several apps: home, map, site-wide search, and the
group, country and senator pages (which list missions, reports and news)."""

import datetime
from itertools import groupby

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from groups.filters import query_params
from groups.models import Country, FriendshipGroup, Membership, Senator, triennial_period
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
        "missions": Mission.objects.published().with_public("group").order_by("-start_date")[:4],
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
    load_group_lists(group)
    current = [m for m in group.all_memberships if m.is_current]
    if group.dissolved_on and group.dissolved_on <= timezone.localdate():
        current = []  # a dissolved group has no current members
    past = [m for m in group.all_memberships if m not in current]
    context = {
        "group": group,
        "bureau": bureau_order([m for m in current if m.role != Membership.Role.MEMBER]),
        "members": current,  # senators A–Z (the database sorts in French order)
        "past_bureaux": past_bureaux(past),
    }
    return render(request, "portal/group_detail.html", context)


ROLE_ORDER = {role: rank for rank, role in enumerate(Membership.Role.values)}


def bureau_order(memberships):
    """Président first, vice-présidents by election rank, secretaries last; a stable sort
    keeps the senators A–Z."""
    return sorted(memberships, key=lambda m: (ROLE_ORDER[m.role], m.rank or 0))


def past_bureaux(memberships):
    """[((first day, last day), [memberships])] by triennial period, newest first.

    A role belongs to the period in which it started (or ended, when its start is unknown).
    """
    bureau = [
        m
        for m in memberships
        if m.role != Membership.Role.MEMBER and (m.start_date or m.end_date) is not None
    ]

    def period(m):
        return triennial_period(m.start_date or m.end_date)

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
    today = timezone.localdate()
    political = senator.political_history
    context = {
        "senator": senator,
        "current": [m for m in memberships if m.is_current],
        "past": [m for m in memberships if not m.is_current],
        "political_current": [p for p in political if p.end_date is None or p.end_date >= today],
        "political_past": [p for p in political if p.end_date is not None and p.end_date < today],
    }
    return render(request, "portal/senator_detail.html", context)


def mission_detail(request, slug):
    missions = Mission.objects.published().for_detail().prefetch_related(published_reports())
    mission = get_object_or_404(missions, slug=slug)
    return render(request, "portal/mission_detail.html", {"mission": mission})


def colloquium_detail(request, slug):
    colloquia = Colloquium.objects.published().for_detail().prefetch_related(published_reports())
    colloquium = get_object_or_404(colloquia, slug=slug)
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


@query_params("q")
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
