"""The site-wide search: reports, groups, countries, missions and news matching a query.

It joins every app, so it lives at the top of the chain; the report part is the
archive's own search path (``SearchResults``). ``text`` comes cleaned by the view.
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import Q

from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Senator
from missions.models import Mission
from reports.models import SEARCH_CONFIGS
from reports.models import NewsItem
from reports.models import Report
from reports.models import search_query
from reports.search import SearchResults


def _vector_match(queryset, fields, text):
    """Rows whose translated ``fields``, each read in French and in English, match ``text``
    (small tables, no index)."""
    columns = [f"{field}_{lang}" for field in fields for lang in SEARCH_CONFIGS]
    vectors = {
        lang: SearchVector(*columns, config=config) for lang, config in SEARCH_CONFIGS.items()
    }
    return queryset.annotate(_v_fr=vectors["fr"], _v_en=vectors["en"]).filter(
        Q(_v_fr=search_query(text, "fr")) | Q(_v_en=search_query(text, "en"))
    )


def matching_senators(text, limit=10):
    """Senators found by name or constituency (``SenatorQuerySet.matching_name``), A–Z,
    with their current groups (one more query)."""
    senators = Senator.objects.with_current_groups().matching_name(text)
    return list(senators.order_by("last_name", "first_name", "pk")[:limit])


def site_search(text, language, limit=10):
    """Everything matching ``text``, grouped by type; a fixed number of queries.

    Reads the other apps through their models' QuerySets. Reports come with their
    count (capped at MAX_COUNTED_RESULTS, ``report_count_capped`` then true) and
    highlighted snippets; the other types are short lists.
    """
    reports = SearchResults(Report.objects.published(), text, language)

    def matching(queryset, *fields):
        return list(_vector_match(queryset, fields, text)[:limit])

    groups = FriendshipGroup.objects.published().order_by("name")
    missions = Mission.objects.published().with_public("group").order_by("-start_date")
    news = NewsItem.objects.published().order_by("-date")
    return {
        # Shown first on the page when a senator's name matches (search.html).
        "senators": matching_senators(text, limit),
        "reports": reports[:limit],
        "report_count": reports.count(),
        "report_count_capped": reports.capped,
        "groups": matching(groups, "name", "counterpart"),
        "countries": matching(Country.objects.order_by("name"), "name"),
        "missions": matching(missions, "title", "purpose"),
        "news": matching(news, "title", "summary"),
    }
