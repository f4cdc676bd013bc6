from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Country, FriendshipGroup, Senator


def home(request):
    groups = FriendshipGroup.objects.active().order_by("name")
    return render(request, "groups/home.html", {"groups": groups})


def group_list(request):
    groups = FriendshipGroup.objects.active().prefetch_related("countries").order_by("name")
    page = Paginator(groups, 50).get_page(request.GET.get("page"))
    return render(request, "groups/group_list.html", {"page": page})


def group_detail(request, slug):
    group = get_object_or_404(FriendshipGroup.objects.published(), slug=slug)
    return render(request, "groups/group_detail.html", {"group": group})


def country_list(request):
    countries = Country.objects.select_related("zone").order_by("name")
    return render(request, "groups/country_list.html", {"countries": countries})


def country_detail(request, code):
    if code != code.lower():
        raise Http404
    country = get_object_or_404(Country, code=code.upper())
    return render(request, "groups/country_detail.html", {"country": country})


def senator_detail(request, slug):
    senator = get_object_or_404(Senator, slug=slug)
    return render(request, "groups/senator_detail.html", {"senator": senator})
