from django.core.paginator import Paginator
from django.shortcuts import render

from .filters import GroupFilter
from .models import Country, FriendshipGroup

# The group, country and senator pages list missions, reports and news too: they
# join several apps, so they live in portal/views.py, above every app.


def group_list(request):
    groups = FriendshipGroup.objects.active().for_list().order_by("name")
    filterset = GroupFilter(request.GET, queryset=groups, request=request)
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    return render(request, "groups/group_list.html", {"filter": filterset, "page": page})


def country_list(request):
    countries = Country.objects.for_list().order_by("zone__position", "zone__name", "name")
    return render(request, "groups/country_list.html", {"countries": countries})
