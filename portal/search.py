"""The site-wide search: reports, groups, countries, missions and news matching a query.

It joins every app, so it lives at the top of the chain; the report part is the
archive's own search path (``SearchResults``). ``text`` comes cleaned by the view.
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import Q

from groups.models import Country, FriendshipGroup
from missions.models import Mission
from reports.models import SEARCH_CONFIGS, NewsItem, Report, search_query
from reports.search import SearchResults


def _vector_match(queryset, fields, text):
    """Rows whose fields match ``text`` in French or English (small tables, no index)."""
    vectors = {
        lang: SearchVector(*fields, config=config) for lang, config in SEARCH_CONFIGS.items()
    }
    return queryset.annotate(_v_fr=vectors["fr"], _v_en=vectors["en"]).filter(
        Q(_v_fr=search_query(text, "fr")) | Q(_v_en=search_query(text, "en"))
    )


def site_search(text, language, limit=10):
    """Everything matching ``text``, grouped by type; a fixed number of queries.

    Reads the other apps through their models' QuerySets. Reports come with their
    count (capped at MAX_COUNTED_RESULTS, ``report_count_capped`` then true) and
    highlighted snippets; the other types are short lists.
    """
    reports = SearchResults(Report.objects.published(), text, language)
    return {
        "reports": reports[:limit],
        "report_count": reports.count(),
        "report_count_capped": reports.capped,
        "groups": list(
            _vector_match(
                FriendshipGroup.objects.published(),
                ["name_fr", "name_en", "counterpart_fr", "counterpart_en"],
                text,
            ).order_by("name")[:limit]
        ),
        "countries": list(
            _vector_match(Country.objects.all(), ["name_fr", "name_en"], text).order_by("name")[
                :limit
            ]
        ),
        "missions": list(
            _vector_match(
                Mission.objects.published().select_related("group"),
                ["title_fr", "title_en", "purpose_fr", "purpose_en"],
                text,
            ).order_by("-start_date")[:limit]
        ),
        "news": list(
            _vector_match(
                NewsItem.objects.published(),
                ["title_fr", "title_en", "summary_fr", "summary_en"],
                text,
            ).order_by("-date")[:limit]
        ),
    }
