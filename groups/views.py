from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from core.exports import csv_response
from core.exports import wants_csv
from core.filters import query_params
from core.http import file_response
from core.paging import render_list

from . import exports
from .feeds import group_event_subscriptions
from .filters import GroupListFilter
from .filters import SenatorFilter
from .makeup import all_groups_makeup
from .makeup import colours
from .models import LETTERS
from .models import Country
from .models import FriendshipGroup
from .models import Senator

# The group, country and senator pages list missions, reports and news too: they
# join several apps, so they live in portal/views.py, above every app.


@query_params(GroupListFilter, "page", "format")
def group_list(request):
    return render_list(
        request,
        "groups/group_list.html",
        GroupListFilter,  # active groups, or the dissolved ones (its state)
        lambda: FriendshipGroup.objects.published().for_list().order_by("name"),
        30,
        csv=([*exports.GROUP_COLUMNS, *exports.GROUP_KEYS], "groups"),
        keep={"state": ("active", "dissolved")},
        # Read only if the list's body is rendered, as the list itself.
        makeup=SimpleLazyObject(lambda: all_groups_makeup(colours())),
        subscriptions=group_event_subscriptions(),
    )


@query_params("format")
def country_list(request):
    countries = Country.objects.for_list().order_by("zone__position", "zone__name", "name")
    if wants_csv(request):
        return csv_response(
            request, countries, [*exports.COUNTRY_COLUMNS, *exports.COUNTRY_KEYS], "countries"
        )
    context = {"countries": countries, "subscriptions": group_event_subscriptions()}
    return render(request, "groups/country_list.html", context)


@query_params(SenatorFilter, "page", "format")
def senator_list(request):
    return render_list(
        request,
        "groups/senator_list.html",
        SenatorFilter,
        lambda: Senator.objects.for_list().order_by("last_name", "first_name", "pk"),
        50,
        csv=([*exports.SENATOR_COLUMNS, *exports.SENATOR_KEYS], "senators"),
        keep={"letter": LETTERS},
        letters=SimpleLazyObject(lambda: letter_bar(request)),  # as group_list's make-up
    )


def letter_bar(request):
    """A to Z, each letter with the link to the senators it begins (with the other filters
    kept) or None when none does; and the chosen letter. One query."""
    others = request.GET.copy()
    chosen = others.pop("letter", [""])[-1]
    others.pop("page", None)
    used = SenatorFilter(others, queryset=Senator.objects.all(), request=request).qs.initials()
    links = []
    for letter in LETTERS:
        others["letter"] = letter
        links.append((letter, f"?{others.urlencode()}" if letter in used else None))
    others.pop("letter")
    return {"links": links, "chosen": chosen, "all": f"?{others.urlencode()}"}


def senator_photo(request, slug):
    """A senator's photo, for everyone (senators are public; other uploads are served to
    staff only, filestore.views.stored_file). The API's persons link here."""
    senator = get_object_or_404(Senator.objects.exclude(photo=""), slug=slug)
    return file_response(senator.photo)
