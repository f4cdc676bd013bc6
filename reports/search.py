"""Full-text search helpers shared by the report archive and the site-wide search.

The search itself is ``Report.objects.search()`` (reports/models.py), which the pages
read through ``SearchResults``; this module also holds cleaning what the visitor
typed, turning headlines into safe HTML and the « did you mean » suggestion. The
site-wide search, which joins every app, is portal/search.py.
"""

import re

from django.db import connection
from django.db.models import DateField
from django.db.models import ExpressionWrapper
from django.db.models import F
from django.db.models import FloatField
from django.db.models import Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.i18n import translated
from core.paging import PagedRows
from core.paging import counts_in_one_query
from groups.models import Country
from groups.models import FriendshipGroup

from .models import HIGHLIGHT_START
from .models import HIGHLIGHT_STOP
from .models import SEARCH_ORDER
from .models import Report
from .models import head_match
from .models import head_rank

# Longer queries are cut: websearch_to_tsquery accepts any text, but a 10,000
# character query would only cost time. 200 characters hold a long sentence.
MAX_QUERY_LENGTH = 200
# NUL cannot be sent to PostgreSQL; other control characters mean nothing here.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"\w{3,}")
# Trigram similarity from which a word is offered as « did you mean ».
SUGGESTION_THRESHOLD = 0.3
# The vocabulary takes the words of the titles of the newest reports only, so
# that the suggestion costs the same with 100 or 100,000 reports.
SUGGESTION_TITLES = 5000
# Search results are counted up to this many: beyond, the page says « more than
# 1,000 reports » and offers the first 1,000 (counting 95,000 matches exactly
# would read every one of their search vectors).
MAX_COUNTED_RESULTS = 1000


def clean_query(text):
    """What the visitor typed, made safe to send: no control characters, capped."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


class SearchResults(PagedRows):
    """The reports of ``queryset.search(text, language)`` for a Paginator, in two cheap runs.

    ``queryset`` is the reports to search in (published, maybe filtered on year, group...);
    ``text`` is already cleaned (``clean_query()``). search()'s order, title and summary
    matches ranked first and the others newest first, is read in two parts: the head
    matches, ranked on the small head vectors; then the remaining matches by publication
    date, which PostgreSQL reads from the date index and stops after one page even when nearly every
    report matches. Counting stops at MAX_COUNTED_RESULTS (``capped`` says so), and the
    pages offer that many results at most: when that many or more reports match in their
    head, the results are the newest MAX_COUNTED_RESULTS of those, ranked (``_head_ranked()``).

    Queries: one for both counts, one for the page's ids, one for the page's
    reports with their group and highlighted ``snippet`` (headline), one for
    their countries.
    """

    def __init__(self, queryset, text, language, headlines=True):
        self.queryset = queryset.matching(text, language)
        self.text, self.language = text, language
        # The API shows no snippet: ts_headline re-parses each report's whole text.
        self.headlines = headlines
        self.limit = MAX_COUNTED_RESULTS
        matched = head_match(text, language)
        # Every head row matches: search()'s rank is head_rank() there, without its CASE.
        self.head = (
            self.queryset.filter(matched)
            .annotate(rank=head_rank(text, language))
            .order_by(*SEARCH_ORDER)
        )
        self.rest = self.queryset.exclude(matched)
        self._counts = None

    def _head_ranked(self):
        """The head matches in rank order; when ``limit`` or more match, the ``limit``
        newest of them.

        Ranking reads every candidate's head vector. At the benchmark's 10x data
        « coopération » matches 60,000 heads: ranking them all took 133 ms of SQL, the 1,000
        newest 23 ms (EXPLAIN ANALYZE one after the other, load average 19); the archive's
        search for it went from p50 306 to 121 ms (bench/searchtime.py, load average 9).
        The pages offer ``limit`` results at most, so they are all head matches then: the
        newest ``limit``, best first.
        """
        if self.head_count < self.limit:
            return self.head
        newest = self.head.order_by("-publication_date", "number", "pk").values("pk")
        return (
            self.queryset.model.objects.filter(pk__in=newest[: self.limit])
            .annotate(rank=head_rank(self.text, self.language))
            .order_by(*SEARCH_ORDER)
        )

    def _rest_in_order(self):
        """The matches outside the head run, newest first.

        With many matches, PostgreSQL walks the date index and stops after one
        page. With few (not capped), that walk would read thousands of reports
        before finding them: ordering by ``publication_date + 0`` (the same order)
        keeps the index out, so the matches come from the GIN indexes and are sorted.
        """
        if self.capped:
            return self.rest.order_by("-publication_date", "number", "pk")
        same_date = ExpressionWrapper(F("publication_date") + 0, output_field=DateField())
        return self.rest.order_by(same_date.desc(), "number", "pk")

    def counted(self):
        """What ``counts_in_one_query()`` counts for this search: the head matches up to
        ``limit``, all the matches up to ``limit`` + 1 (one more says « more than »).

        The site search counts them in its own counting query, then gives the figures
        back (``set_counts()``).
        """
        return [(self.head, self.limit), (self.queryset, self.limit + 1)]

    def set_counts(self, head, total):
        self._counts = (head, total)

    def _count_both(self):
        if self._counts is None:
            self.set_counts(*counts_in_one_query(self.counted()))
        return self._counts

    @property
    def head_count(self):
        return self._count_both()[0]

    @property
    def capped(self):
        """True when more than ``limit`` (MAX_COUNTED_RESULTS) reports match."""
        return self._count_both()[1] > self.limit

    def total(self):
        return min(self._count_both()[1], self.limit)

    def rows(self, start, stop):
        head_count = self.head_count
        columns = ("pk", "part", "order", "publication_date", "number")
        parts = []
        if start < head_count:
            head = self._head_ranked().annotate(part=Value(0), order=F("rank"))
            head = head.values_list(*columns)
            parts.append(head[start : min(stop, head_count)])
        if stop > head_count:
            rest = (
                self._rest_in_order()
                .annotate(part=Value(1), order=Value(0.0, output_field=FloatField()))
                .values_list(*columns)
            )
            parts.append(rest[max(start - head_count, 0) : stop - head_count])
        if len(parts) > 1:  # the page where the head matches end: one query still
            rows = (
                parts[0]
                .union(parts[1], all=True)
                .order_by("part", "-order", "-publication_date", "number", "pk")
            )
        else:
            rows = parts[0]
        ids = [row[0] for row in rows]
        # The page's reports with their headlines: ts_headline only runs on them.
        reports = self.queryset.model.objects.for_list()
        if self.headlines:
            reports = reports.with_headlines(self.text, self.language)
        reports = reports.in_bulk(ids)
        page = [reports[pk] for pk in ids if pk in reports]
        if self.headlines:
            for report in page:
                report.snippet = headline_html(report.headline)
        return page


def headline_html(headline):
    """A SearchHeadline result as HTML: escaped text with <mark> around the matches."""
    text = escape(headline or "")
    return mark_safe(text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


# The vocabulary's three parts are ORM querysets (see _vocabulary()): the groups and
# report titles go through published(), the one rule of what the public may see.
SUGGESTION_SQL = """
WITH tokens AS (
    SELECT token, position FROM unnest(%s::text[]) WITH ORDINALITY AS t(token, position)
), vocabulary AS (
    SELECT DISTINCT word FROM (
        ({countries})
        UNION ALL
        ({groups})
        UNION ALL
        SELECT regexp_split_to_table(words, '[^[:alnum:]]+') FROM ({titles}) titles
    ) words
    WHERE length(word) >= 3
), scored AS (
    SELECT position, token, word,
           similarity(lower(unaccent(word)), lower(unaccent(token))) AS score
    FROM tokens CROSS JOIN vocabulary
)
SELECT DISTINCT ON (position) position, token, word, score FROM scored
WHERE score >= %s
ORDER BY position, score DESC, word
"""


def _vocabulary(language):
    """(SQL, params) of the three word sources: country names, published group names,
    the titles of the newest published reports."""
    # annotate() then values(name): modeltranslation's values(**expressions) alone
    # selects every column.
    countries = Country.objects.annotate(word=translated("name", language))
    groups = FriendshipGroup.objects.published().annotate(word=translated("name", language))
    titles = (
        Report.objects.published()
        .annotate(words=translated("title", language))
        .order_by("-publication_date")
        .values("words")[:SUGGESTION_TITLES]
    )
    querysets = (countries.order_by().values("word"), groups.order_by().values("word"), titles)
    return [qs.query.sql_with_params() for qs in querysets]


def suggest(text, language="fr"):
    """« Did you mean »: the query with each word replaced by the nearest known word.

    The vocabulary is country and group names and the words of report titles, in
    the visitor's language; nearness is pg_trgm similarity, accents and case ignored.
    Returns None when nothing better is known.
    """
    tokens = _WORD.findall(text)[:8]
    if not tokens:
        return None
    (countries, c_params), (groups, g_params), (titles, t_params) = _vocabulary(
        "en" if language == "en" else "fr"
    )
    sql = SUGGESTION_SQL.format(countries=countries, groups=groups, titles=titles)
    with connection.cursor() as cursor:
        cursor.execute(sql, (tokens, *c_params, *g_params, *t_params, SUGGESTION_THRESHOLD))
        best = {token: (word, score) for _, token, word, score in cursor.fetchall()}
    suggestion = text
    changed = False
    for token in tokens:
        word, score = best.get(token, (None, 0))
        # A word already in the vocabulary (score 1, maybe another case) stays.
        if word and score < 1:
            suggestion = re.sub(rf"\b{re.escape(token)}\b", word, suggestion, count=1)
            changed = True
    return suggestion if changed else None
