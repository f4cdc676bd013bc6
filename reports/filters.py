import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet
from core.filters import Select
from core.filters import year_filter
from groups.filters import ActivityFilter
from groups.filters import country_filter
from groups.filters import group_filter

from .models import NewsItem
from .models import Report
from .search import clean_query

FIRST_REPORT_YEAR = 1995


def report_years(request=None):
    # Years from the archive's start to today, newest first: no query needed.
    return [
        (year, str(year)) for year in range(timezone.localdate().year, FIRST_REPORT_YEAR - 1, -1)
    ]


class ReportFilter(ListFilterSet):
    """The archive's filters; they combine with the text search (``q``).

    Querysets and choices are callables so that they are built inside the
    request, in its language (modeltranslation rewrites order_by("name")).
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search_in_view",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    year = year_filter("publication_date", years=report_years)
    group = group_filter("group")
    country = country_filter("countries")
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

    def search_in_view(self, queryset, name, value):
        # Searching ranks as well as filters: the view hands ``search_text`` and these
        # filtered reports to SearchResults, the one search path.
        return queryset


class NewsFilter(ActivityFilter):
    """Filters of the news list."""

    class Meta(ActivityFilter.Meta):
        model = NewsItem
