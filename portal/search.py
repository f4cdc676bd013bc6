"""The site-wide search: every public kind matching a query, grouped by kind and counted.

It joins every app, so it lives at the top of the chain. Each kind is read through its
own QuerySet's ``published()`` (drafts never appear) and ``matching()`` (the definition its
own list's ``q`` filter uses, so « See all » leads to the same rows); the report part is
the archive's own search path (``SearchResults``). ``text`` comes cleaned by the view.

The number of queries is fixed: one counting every kind's matches and the reports'
(their counts capped), then the first rows of each kind that has any, plus the senators'
groups, the reports' pages and the agreements' authorities when there are any. A word
found in reports only, as most are, costs four queries.
"""

from django.utils.translation import gettext_lazy as _

from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from core.paging import counts_in_one_query
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


def _matches(text):
    """Each kind's rows matching ``text`` that the public may see, unordered: what is
    counted."""
    return {
        # Found by name or constituency (``SenatorQuerySet.matching_name``).
        "senators": Senator.objects.matching_name(text),
        "groups": FriendshipGroup.objects.published().matching(text),
        "countries": Country.objects.matching(text),
        "missions": Mission.objects.published().matching(text),
        "receptions": Reception.objects.published().matching(text),
        "colloquia": Colloquium.objects.published().matching(text),
        "agreements": Agreement.objects.published().matching(text),
        "authorities": LocalAuthority.objects.with_published_agreements().matching(text),
        "news": NewsItem.objects.published().matching(text),
    }


# How the page shows each kind's first rows: what it loads with them, in which order.
_SHOWN = {
    # A–Z, with their current groups (one more query).
    "senators": lambda rows: rows.with_current_groups().order_by("last_name", "first_name", "pk"),
    "groups": lambda rows: rows.order_by("name", "pk"),
    "countries": lambda rows: rows.order_by("name", "pk"),
    "missions": lambda rows: rows.with_public("group").order_by("-start_date", "pk"),
    "receptions": lambda rows: (
        rows.with_public("group").select_related("country").order_by("-date", "pk")
    ),
    "colloquia": lambda rows: rows.order_by("-start_at", "pk"),
    "agreements": lambda rows: rows.for_list().order_by("-signed_on", "slug"),
    "authorities": lambda rows: rows.order_by("name", "pk"),
    "news": lambda rows: rows.order_by("-date", "pk"),
}


def site_search(text, language, limit=10):
    """Everything matching ``text``, by kind; a fixed number of queries.

    ``results[kind]`` is the first ``limit`` rows, ``results["counts"][kind]`` how many
    match. Reports come with their count (capped at MAX_COUNTED_RESULTS,
    ``report_count_capped`` then true) and highlighted snippets.
    """
    reports = SearchResults(Report.objects.published(), text, language)
    matches = _matches(text)
    # Counted first, in one query: a kind without matches costs no query for its rows
    # (most words are found in reports only). With the bounded ranking (SearchResults),
    # bench/searchtime.py at load average 9: selective CPU p50 53 -> 34 ms, SQL 72 -> 48 ms
    # (13 queries -> 4); most frequent CPU 64 -> 55 ms, SQL 355 -> 119 ms.
    counts = counts_in_one_query([*reports.counted(), *matches.values()])
    reports.set_counts(*counts[:2])
    results = {
        "reports": reports[:limit],
        "report_count": reports.count(),
        "report_count_capped": reports.capped,
        "counts": dict(zip(matches, counts[2:], strict=True)),
    }
    for kind, rows in matches.items():
        results[kind] = list(_SHOWN[kind](rows)[:limit]) if results["counts"][kind] else []
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
