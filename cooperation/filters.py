import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet
from core.filters import Select
from core.filters import menu_filter
from core.filters import text_filter
from core.filters import year_filter
from groups.filters import country_filter
from groups.filters import zone_filter

from .models import Agreement
from .models import Department
from .models import LocalAuthority
from .models import Region


def regions(request):
    return Region.objects.order_by("name")


def departments(request):
    return Department.objects.order_by("code")


class AgreementFilter(ListFilterSet):
    q = text_filter()
    country = country_filter("foreign_authorities__country")
    zone = zone_filter("foreign_authorities__country__zone")
    region = menu_filter(
        _("French région"), regions, "code", _("All régions"), method="filter_region"
    )
    department = menu_filter(
        _("Département"), departments, "code", _("All départements"), method="filter_department"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Agreement.Kind.choices, empty_label=_("All kinds"), widget=Select
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        choices=Agreement.Theme.choices,
        empty_label=_("All themes"),
        method="filter_theme",
        widget=Select,
    )
    year = year_filter("signed_on")

    class Meta:
        model = Agreement
        fields = ["q", "country", "zone", "region", "department", "kind", "theme", "year"]

    def filter_region(self, queryset, name, value: str):
        return queryset.filter(pk__in=LocalAuthority.objects.in_region(value).values("agreements"))

    def filter_department(self, queryset, name, value: str):
        return queryset.filter(
            pk__in=LocalAuthority.objects.filter(department=value).values("agreements")
        )

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes__contains=[value])
