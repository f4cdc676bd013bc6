import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import Country, FriendshipGroup, Zone


class Select(forms.Select):
    """Django's Select, rendered in Python: the same HTML, a few times faster.

    Django renders each <option> through a template of its own, and the country and
    group lists have hundreds: on the groups list page that was most of the page's time
    (measured at 10× data). Grouped choices (none here) go through Django's own code.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = []
        # Iterated once, as Django does: list() would ask a ModelChoiceIterator for
        # its len(), a COUNT query.
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            is_selected = option_value in selected
            if is_selected:
                selected = ()  # only the first match, as Django's Select does
            options.append((option_value, " selected" if is_selected else "", label))
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            format_html_join("", '\n  <option value="{}"{}>{}</option>\n', options),
        )


# Choice lists are callables: modeltranslation turns order_by("name") into name_fr or
# name_en when the queryset is built, so it must be built during the request. They load
# only the option's value and label (hundreds of rows).


def zones(request):
    return Zone.objects.only("slug", "name").order_by("position", "name")


def countries(request):
    return Country.objects.only("code", "name").order_by("name")


def published_groups(request):
    return FriendshipGroup.objects.published().only("slug", "name").order_by("name")


# Filters that the list pages of every app share (groups, missions, colloquia, news).


YEARS = range(1900, 2201)


def year_filter(field_name):
    """The year of a date field: the public list pages' filter, and the admin's
    (groups.admin.year_list_filter filters through this one)."""
    return django_filters.NumberFilter(
        label=_("Year"),
        field_name=field_name,
        lookup_expr="year",
        min_value=YEARS.start,
        max_value=YEARS.stop - 1,
    )


def country_filter(field_name="countries"):
    return django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name=field_name,
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
        queryset=published_groups,
        to_field_name="slug",
        empty_label=_("All groups"),
        distinct=True,
        widget=Select,
    )


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
        widget=Select,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=FriendshipGroup.Kind.choices,
        empty_label=_("All kinds"),
        widget=Select,
    )
    country = country_filter()

    class Meta:
        model = FriendshipGroup
        fields = ["q", "zone", "kind", "country"]

    def filter_name(self, queryset, name, value):
        # Both languages: a visitor may type « Japon » on the English page.
        return queryset.filter(Q(name_fr__icontains=value) | Q(name_en__icontains=value))
