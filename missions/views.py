from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Colloquium, Mission


def mission_list(request):
    missions = Mission.objects.published().select_related("group").order_by("-start_date")
    page = Paginator(missions, 20).get_page(request.GET.get("page"))
    return render(request, "missions/mission_list.html", {"page": page})


def mission_detail(request, slug):
    mission = get_object_or_404(Mission.objects.published(), slug=slug)
    return render(request, "missions/mission_detail.html", {"mission": mission})


def colloquium_list(request):
    colloquia = Colloquium.objects.published().order_by("-start_at")
    page = Paginator(colloquia, 20).get_page(request.GET.get("page"))
    return render(request, "missions/colloquium_list.html", {"page": page})


def colloquium_detail(request, slug):
    colloquium = get_object_or_404(Colloquium.objects.published(), slug=slug)
    return render(request, "missions/colloquium_detail.html", {"colloquium": colloquium})
