import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.filters import ActivityFilter
from groups.filters import Select
from groups.filters import countries
from groups.filters import published_groups

from .models import NewsItem
from .models import Report
from .search import clean_query

FIRST_REPORT_YEAR = 1995


def report_years(request=None):
    # Years from the archive's start to today, newest first: no query needed.
    return [
        (year, str(year)) for year in range(timezone.localdate().year, FIRST_REPORT_YEAR - 1, -1)
    ]


class ReportFilter(django_filters.FilterSet):
    """The archive's filters; they combine with the text search (``q``).

    Querysets and choices are callables so that they are built inside the
    request, in its language (modeltranslation rewrites order_by("name")).
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search_in_view",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    # groups.filters.Select renders the long menus (every group, every country) in Python.
    # Each menu's empty choice says what it means (« Toutes les années », not « --------- »).
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        method="filter_year",
        choices=report_years,
        empty_label=_("All years"),
        widget=Select,
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=published_groups,
        to_field_name="slug",
        empty_label=_("All groups"),
        widget=Select,
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        queryset=countries,
        to_field_name="code",
        empty_label=_("All countries"),
        widget=Select,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Report.Kind.choices, empty_label=_("All types"), widget=Select
    )

    class Meta:
        model = Report
        fields = ["q", "year", "group", "country", "kind"]

    @property
    def search_text(self):
        """The cleaned text query, or "" (an invalid year or group leaves it usable).

        The only place the archive's query text is cleaned."""
        self.form.is_valid()
        return clean_query(self.form.cleaned_data.get("q") or "")

    def filter_year(self, queryset, name, value: str):
        # A method (not field_name="publication_date__year") so that the API's OpenAPI
        # schema can read the parameter's type from this hint.
        return queryset.filter(publication_date__year=value)

    def search_in_view(self, queryset, name, value):
        # Searching ranks as well as filters: the view hands ``search_text`` and these
        # filtered reports to SearchResults, the one search path.
        return queryset


class NewsFilter(ActivityFilter):
    """Filters of the news list."""

    class Meta(ActivityFilter.Meta):
        model = NewsItem
