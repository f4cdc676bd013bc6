"""The site-wide search: every public kind matching a query, grouped by kind and counted.

It joins every app, so it lives at the top of the chain. Each kind is read through its
own QuerySet's ``published()`` (drafts never appear) and ``matching()`` (the definition its
own list's ``q`` filter uses, so « See all » leads to the same rows); the report part is
the archive's own search path (``SearchResults``). ``text`` comes cleaned by the view.

The number of queries is fixed: one per kind, its rows and their total together
(a window count), plus the senators' groups, the reports' pages and the agreements'
authorities when there are any.
"""

from django.db.models import Count
from django.db.models import Window
from django.utils.translation import gettext_lazy as _

from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Senator
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report
from reports.search import SearchResults

# The kinds besides senators and reports, in the page's order, with their headings.
KINDS = {
    "groups": _("Friendship groups"),
    "countries": _("Countries"),
    "missions": _("Missions"),
    "receptions": _("Receptions"),
    "colloquia": _("Colloquia"),
    "agreements": _("Cooperation agreements"),
    "authorities": _("Local authorities in France"),
    "news": _("News"),
}


def _first(queryset, limit):
    """(the first ``limit`` rows, how many there are), in one query."""
    rows = list(queryset.annotate(search_total=Window(Count("*")))[:limit])
    return rows, rows[0].search_total if rows else 0


def _kind_querysets(text):
    return {
        # Found by name or constituency (``SenatorQuerySet.matching_name``), A–Z, with their
        # current groups (one more query).
        "senators": Senator.objects.with_current_groups()
        .matching_name(text)
        .order_by("last_name", "first_name", "pk"),
        "groups": FriendshipGroup.objects.published().matching(text).order_by("name", "pk"),
        "countries": Country.objects.matching(text).order_by("name", "pk"),
        "missions": Mission.objects.published()
        .with_public("group")
        .matching(text)
        .order_by("-start_date", "pk"),
        "receptions": Reception.objects.published()
        .with_public("group")
        .select_related("country")
        .matching(text)
        .order_by("-date", "pk"),
        "colloquia": Colloquium.objects.published().matching(text).order_by("-start_at", "pk"),
        "agreements": Agreement.objects.published()
        .for_list()
        .matching(text)
        .order_by("-signed_on", "slug"),
        "authorities": LocalAuthority.objects.with_published_agreements()
        .matching(text)
        .order_by("name", "pk"),
        "news": NewsItem.objects.published().matching(text).order_by("-date", "pk"),
    }


def site_search(text, language, limit=10):
    """Everything matching ``text``, by kind; a fixed number of queries.

    ``results[kind]`` is the first ``limit`` rows, ``results["counts"][kind]`` how many
    match. Reports come with their count (capped at MAX_COUNTED_RESULTS,
    ``report_count_capped`` then true) and highlighted snippets.
    """
    reports = SearchResults(Report.objects.published(), text, language)
    results = {
        "reports": reports[:limit],
        "report_count": reports.count(),
        "report_count_capped": reports.capped,
        "counts": {},
    }
    for kind, queryset in _kind_querysets(text).items():
        results[kind], results["counts"][kind] = _first(queryset, limit)
    results["counts"]["reports"] = results["report_count"]
    # Senators are shown first on the page when a name matches (search.html).
    results["summary"] = [
        (kind, label, results["counts"][kind])
        for kind, label in KINDS.items()
        if results["counts"][kind]
    ]
    results["found"] = bool(
        results["counts"]["senators"] or results["report_count"] or results["summary"]
    )
    return results
