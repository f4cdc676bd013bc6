from django.core.paginator import Paginator
from django.shortcuts import render

from .filters import ColloquiumFilter, MissionFilter
from .models import Colloquium, Mission

# The mission and colloquium pages list their reports (an app above this one): they
# live in portal/views.py.


def mission_list(request):
    missions = Mission.objects.published().for_list().order_by("-start_date", "title")
    filterset = MissionFilter(request.GET, queryset=missions, request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(request, "missions/mission_list.html", {"filter": filterset, "page": page})


def colloquium_list(request):
    colloquia = Colloquium.objects.published()
    filterset = ColloquiumFilter(request.GET, queryset=colloquia, request=request)
    # Upcoming ones first and soonest first; the past ones, newest first, paginated.
    upcoming = filterset.qs.upcoming().order_by("start_at")
    past = filterset.qs.past().order_by("-start_at")
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    context = {"filter": filterset, "upcoming": upcoming, "page": page}
    return render(request, "missions/colloquium_list.html", context)
