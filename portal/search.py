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

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from core.paging import counting_sql
from core.paging import counts_in_one_query
from core.paging import run_counting_sql
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Senator
from groups.models import name_words
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


# Each kind's rows matching a text that the public may see, unordered: what is counted.
_MATCHES = {
    # Found by name or constituency (``SenatorQuerySet.matching_name``).
    "senators": lambda text: Senator.objects.matching_name(text),
    "groups": lambda text: FriendshipGroup.objects.published().matching(text),
    "countries": lambda text: Country.objects.matching(text),
    "missions": lambda text: Mission.objects.published().matching(text),
    "receptions": lambda text: Reception.objects.published().matching(text),
    "colloquia": lambda text: Colloquium.objects.published().matching(text),
    "agreements": lambda text: Agreement.objects.published().matching(text),
    "authorities": lambda text: LocalAuthority.objects.with_published_agreements().matching(text),
    "news": lambda text: NewsItem.objects.published().matching(text),
}


def _counted(text, language):
    """What the counting query counts: the reports' two counts, then each kind's."""
    reports = SearchResults(Report.objects.published(), text, language)
    return [*reports.counted(), *(matching(text) for matching in _MATCHES.values())]


class CountingQuery:
    """The counting query of one shape of search, compiled once, filled for each search.

    Building the ten querysets and compiling them took 19 of the 31.5 ms of CPU that a
    selective search cost, and the same 19 ms for any word (bench/searchtime.py at 10x data
    with 100,000 reports). The SQL depends on the text through its parameters only, once
    these are known: the language, how many words a name search looks for
    (``name_words()``) and whether the text holds « - » (``full_match()``); and it is
    compiled again each day, since a rule of today (what is current, what is dissolved)
    would put the day among its parameters.
    So it is compiled for stand-in words of that shape and the visitor's words take their
    places in the parameters; tests/test_site_search_counting.py compares the result with
    a direct compilation for texts of every shape. A parameter that holds a stand-in word
    without being one would be a new way of using the text: the query is then compiled
    for the text itself, as before.
    """

    _compiled = {}  # (day, language, shape) -> (SQL, parameters holding the stand-ins)
    # Stand-ins: a word (a name word) and what no word holds (the text may have no word).
    MARK, TEXT_MARK = "zqzq", "¤¤"

    def __init__(self, text, language):
        self.text, self.language, self.words = text, language, name_words(text)
        self.shape = (len(self.words), "-" in text)

    def stand_in(self):
        """A text of the same shape and its name words, each unlike any real text."""
        count, hyphen = self.shape
        words = [f"{self.MARK}{i}x" for i in range(count)]
        # Not the words joined by spaces: the trigram search sends both (matching_name).
        return ", ".join(words) + (" -" if hyphen else "") + f" {self.TEXT_MARK}", words

    def _template(self):
        key = (timezone.localdate(), self.language, self.shape)
        if key not in self._compiled:
            if len(self._compiled) > 64:  # days gone by: their dates are in the SQL
                self._compiled.clear()
            text, words = self.stand_in()
            sql, params, _ = counting_sql(_counted(text, self.language))
            self._compiled[key] = sql, params, text, words
        return self._compiled[key]

    def sql(self):
        """The SQL and parameters for this search, or None where the text is used in
        another way than as a parameter of its own (then compile it directly)."""
        sql, params, text, words = self._template()
        values = {text: self.text, " ".join(words): " ".join(self.words)}
        values.update(zip(words, self.words, strict=True))
        filled = []
        for param in params:
            if isinstance(param, str) and (self.MARK in param or self.TEXT_MARK in param):
                if param not in values:
                    return None
                param = values[param]
            filled.append(param)
        return sql, filled

    def counts(self):
        """The reports' two counts, then each kind's (``_counted()``'s order)."""
        database = Report.objects.all().db  # the replica or the primary, for this request
        filled = self.sql()
        if filled is None:
            return counts_in_one_query(_counted(self.text, self.language))
        return run_counting_sql(*filled, database)


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
    # Counted first, in one query: a kind without matches costs no query for its rows
    # (most words are found in reports only). With the bounded ranking (SearchResults),
    # bench/searchtime.py at load average 9: selective CPU p50 53 -> 34 ms, SQL 72 -> 48 ms
    # (13 queries -> 4); most frequent CPU 64 -> 55 ms, SQL 355 -> 119 ms.
    counts = CountingQuery(text, language).counts()
    reports.set_counts(*counts[:2])
    results = {
        "reports": reports[:limit],
        "report_count": reports.count(),
        "report_count_capped": reports.capped,
        "counts": dict(zip(_MATCHES, counts[2:], strict=True)),
    }
    for kind, matching in _MATCHES.items():
        found = results["counts"][kind]
        results[kind] = list(_SHOWN[kind](matching(text))[:limit]) if found else []
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
