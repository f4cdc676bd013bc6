import django_filters

from groups.filters import country_filter
from groups.filters import group_filter
from groups.filters import year_filter

from .models import Colloquium
from .models import Mission
from .models import Reception


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


class ReceptionFilter(django_filters.FilterSet):
    year = year_filter("date")
    country = country_filter("country")
    group = group_filter("group")

    class Meta:
        model = Reception
        fields = ["year", "country", "group"]
