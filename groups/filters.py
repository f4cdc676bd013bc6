import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Country, FriendshipGroup, Zone

# Choice lists are callables: modeltranslation turns order_by("name") into name_fr or
# name_en when the queryset is built, so it must be built during the request.


def zones(request):
    return Zone.objects.order_by("position", "name")


def countries(request):
    return Country.objects.order_by("name")


class GroupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    zone = django_filters.ModelChoiceFilter(
        label=_("Zone"),
        field_name="countries__zone",
        queryset=zones,
        to_field_name="slug",
        empty_label=_("All zones"),
        distinct=True,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=FriendshipGroup.Kind.choices, empty_label=_("All kinds")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        queryset=countries,
        to_field_name="code",
        empty_label=_("All countries"),
        distinct=True,
    )

    class Meta:
        model = FriendshipGroup
        fields = ["q", "zone", "kind", "country"]

    def filter_name(self, queryset, name, value):
        # Both languages: a visitor may type « Japon » on the English page.
        return queryset.filter(Q(name_fr__icontains=value) | Q(name_en__icontains=value))
