from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.exports import csv_response
from core.exports import wants_csv
from core.feeds import subscriptions
from core.filters import query_params
from core.http import file_response
from core.paging import render_list

from .exports import COLLOQUIUM_COLUMNS
from .exports import COLLOQUIUM_KEYS
from .exports import MISSION_COLUMNS
from .exports import MISSION_KEYS
from .filters import ColloquiumFilter
from .filters import MissionFilter
from .models import Colloquium
from .models import Mission
from .models import Partner

# The mission and colloquium pages list their reports (an app above this one): they
# live in portal/views.py.


@query_params(MissionFilter, "page", "format")
def mission_list(request):
    return render_list(
        request,
        "missions/mission_list.html",
        MissionFilter,
        lambda: Mission.objects.published().for_list().order_by("-start_date", "title"),
        20,
        csv=([*MISSION_COLUMNS, *MISSION_KEYS], "missions"),
        subscriptions=subscriptions(_("Missions"), ical=reverse("missions:ical")),
    )


@query_params(ColloquiumFilter, "page", "format")
def colloquium_list(request):
    colloquia = Colloquium.objects.published()
    filterset = ColloquiumFilter(request.GET, queryset=colloquia, request=request)
    if wants_csv(request):
        rows = filterset.qs.for_list().order_by("-start_at", "pk")
        return csv_response(
            request, rows, [*COLLOQUIUM_COLUMNS, *COLLOQUIUM_KEYS], "colloquia", filterset.errors
        )
    # Upcoming ones first and soonest first; the past ones, newest first, paginated.
    upcoming = filterset.qs.upcoming().order_by("start_at")
    past = filterset.qs.past().order_by("-start_at")
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "upcoming": upcoming,
        "page": page,
        "subscriptions": subscriptions(_("Colloquia"), ical=reverse("missions:colloquium-ical")),
    }
    return render(request, "missions/colloquium_list.html", context)


def partner_list(request):
    partners = Partner.objects.published().for_list().order_by("name")
    return render(request, "missions/partner_list.html", {"partners": partners})


def partner_logo(request, slug):
    """A published partner's uploaded logo (the page never links to another site's image)."""
    partner = get_object_or_404(Partner.objects.published().exclude(logo=""), slug=slug)
    return file_response(partner.logo)
