import django_filters
from django.utils.translation import gettext_lazy as _

from groups.filters import Select
from groups.models import Country, FriendshipGroup

from .models import Colloquium, Mission

# Choice lists are callables, built during the request (modeltranslation's order_by);
# they load only the option's value and label.


def countries(request):
    return Country.objects.only("code", "name").order_by("name")


def groups(request):
    return FriendshipGroup.objects.published().only("slug", "name").order_by("name")


def year_filter(field_name):
    return django_filters.NumberFilter(
        label=_("Year"), field_name=field_name, lookup_expr="year", min_value=1900, max_value=2200
    )


def country_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        queryset=countries,
        to_field_name="code",
        empty_label=_("All countries"),
        distinct=True,
        widget=Select,
    )


def group_filter(field_name):
    return django_filters.ModelChoiceFilter(
        label=_("Group"),
        field_name=field_name,
        queryset=groups,
        to_field_name="slug",
        empty_label=_("All groups"),
        distinct=True,
        widget=Select,
    )


class MissionFilter(django_filters.FilterSet):
    year = year_filter("start_date")
    country = country_filter()
    group = group_filter("group")

    class Meta:
        model = Mission
        fields = ["year", "country", "group"]


class ColloquiumFilter(django_filters.FilterSet):
    year = year_filter("start_at")
    country = country_filter()
    group = group_filter("groups")

    class Meta:
        model = Colloquium
        fields = ["year", "country", "group"]
