from core.filters import year_filter
from groups.filters import ActivityFilter
from groups.filters import country_filter
from groups.filters import group_filter

from .models import Colloquium
from .models import Mission
from .models import Reception


class MissionFilter(ActivityFilter):
    year = year_filter("start_date")
    group = group_filter("group")

    class Meta(ActivityFilter.Meta):
        model = Mission


class ColloquiumFilter(ActivityFilter):
    year = year_filter("start_at")

    class Meta(ActivityFilter.Meta):
        model = Colloquium


class ReceptionFilter(ActivityFilter):
    country = country_filter("country")
    group = group_filter("group")

    class Meta(ActivityFilter.Meta):
        model = Reception
