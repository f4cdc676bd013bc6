from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .filters import ColloquiumFilter, MissionFilter
from .models import Colloquium, Mission


def mission_list(request):
    missions = Mission.objects.published().for_list().order_by("-start_date", "title")
    filterset = MissionFilter(request.GET, queryset=missions, request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(request, "missions/mission_list.html", {"filter": filterset, "page": page})


def mission_detail(request, slug):
    mission = get_object_or_404(Mission.objects.published().for_detail(), slug=slug)
    return render_mission_page(request, mission)


def render_mission_page(request, mission):
    """The mission page for a mission fetched with for_detail() (also the preview's)."""
    return render(request, "missions/mission_detail.html", {"mission": mission})


def colloquium_list(request):
    colloquia = Colloquium.objects.published()
    filterset = ColloquiumFilter(request.GET, queryset=colloquia, request=request)
    # Upcoming ones first and soonest first; the past ones, newest first, paginated.
    upcoming = filterset.qs.upcoming().order_by("start_at")
    past = filterset.qs.past().order_by("-start_at")
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    context = {"filter": filterset, "upcoming": upcoming, "page": page}
    return render(request, "missions/colloquium_list.html", context)


def colloquium_detail(request, slug):
    colloquium = get_object_or_404(Colloquium.objects.published().for_detail(), slug=slug)
    return render_colloquium_page(request, colloquium)


def render_colloquium_page(request, colloquium):
    """The colloquium page for one fetched with for_detail() (also the preview's)."""
    return render(request, "missions/colloquium_detail.html", {"colloquium": colloquium})
