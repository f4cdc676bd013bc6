"""Full-text search helpers shared by the report archive and the site-wide search.

The search itself is ``Report.objects.search()`` (reports/models.py); this module
holds what surrounds it: cleaning what the visitor typed, turning headlines into
safe HTML, the « did you mean » suggestion and the site-wide grouped results.
"""

import re

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection, connections
from django.db.models import DateField, ExpressionWrapper, F, FloatField, Q, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from groups.models import Country, FriendshipGroup, Senator
from missions.models import Mission

from .models import (
    HIGHLIGHT_START,
    HIGHLIGHT_STOP,
    SEARCH_CONFIGS,
    NewsItem,
    Report,
    head_match,
    search_query,
)

# Longer queries are cut: websearch_to_tsquery accepts any text, but a 10,000
# character query would only cost time. 200 characters hold a long sentence.
MAX_QUERY_LENGTH = 200
# NUL cannot be sent to PostgreSQL; other control characters mean nothing here.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"\w{3,}")
_WORD_OR_SHORT = re.compile(r"\w{2,}")
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


class SearchResults:
    """The reports of ``Report.objects.search()`` for a Paginator, in two cheap runs.

    ``queryset`` is a search() queryset, possibly filtered further (year, group...).
    Its order, title and summary matches ranked first and the others newest
    first, is read in two parts: the head matches, ranked on the small head
    vectors; then the remaining matches by publication date, which PostgreSQL
    reads from the date index and stops after one page even when nearly every
    report matches. Counting stops at MAX_COUNTED_RESULTS (``capped`` says so).

    Queries: one for both counts, one for the page's ids, one for the page's
    reports with their group and highlighted ``snippet`` (headline), one for
    their countries.
    """

    def __init__(self, queryset, text, language, headlines=True):
        self.queryset, self.text, self.language = queryset, text, language
        # The API shows no snippet: ts_headline re-parses each report's whole text.
        self.headlines = headlines
        self.limit = MAX_COUNTED_RESULTS
        matched = head_match(text, language)
        # Every head row matches: the plain ts_rank is search()'s rank, cheaper.
        self.head = (
            queryset.filter(matched)
            .annotate(
                head_rank=SearchRank(F(f"search_head_{language}"), search_query(text, language))
            )
            .order_by("-head_rank", "-publication_date", "number", "pk")
        )
        self.rest = queryset.exclude(matched)
        self._counts = None

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

    def _count_both(self):
        if self._counts is None:
            head_sql, head_params = (
                self.head.order_by().values("pk")[: self.limit].query.sql_with_params()
            )
            all_sql, all_params = (
                self.queryset.order_by().values("pk")[: self.limit + 1].query.sql_with_params()
            )
            with connections[self.queryset.db].cursor() as cursor:
                cursor.execute(
                    f"SELECT (SELECT count(*) FROM ({head_sql}) h),"
                    f" (SELECT count(*) FROM ({all_sql}) a)",
                    (*head_params, *all_params),
                )
                self._counts = cursor.fetchone()
        return self._counts

    @property
    def head_count(self):
        return self._count_both()[0]

    @property
    def capped(self):
        """True when more than ``limit`` (MAX_COUNTED_RESULTS) reports match."""
        return self._count_both()[1] > self.limit

    def count(self):
        return min(self._count_both()[1], self.limit)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop, self.count())
        if start >= stop:
            return []
        head_count = self.head_count
        columns = ("pk", "part", "order", "publication_date", "number")
        parts = []
        if start < head_count:
            head = self.head.annotate(part=Value(0), order=F("head_rank")).values_list(*columns)
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
        for report in page:
            if self.headlines:
                report.snippet = headline_html(report.headline)
        return page


class IdsFirst:
    """An archive queryset for the Paginator that reads a page's ids first.

    A deep page (``?page=3000``) skips tens of thousands of rows: the ids come
    from the date index alone (an index-only scan, migration 0003), and only the
    page's 20 reports are read. Still one query for the page.
    """

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return list(self.queryset.filter(pk__in=self.queryset.values("pk")[index]))


def headline_html(headline):
    """A SearchHeadline result as HTML: escaped text with <mark> around the matches."""
    text = escape(headline or "")
    return mark_safe(text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


# {lang} is "fr" or "en" (a column suffix, never user input): the vocabulary is
# in the visitor's language, English names falling back to French ones.
SUGGESTION_SQL = """
WITH tokens AS (
    SELECT token, position FROM unnest(%(tokens)s::text[]) WITH ORDINALITY AS t(token, position)
), vocabulary AS (
    SELECT DISTINCT word FROM (
        SELECT coalesce(nullif(name_{lang}, ''), name_fr) AS word FROM groups_country
        UNION ALL
        SELECT coalesce(nullif(name_{lang}, ''), name_fr) FROM groups_friendshipgroup
            WHERE status = 'published'
        UNION ALL
        SELECT regexp_split_to_table(title, '[^[:alnum:]]+') FROM (
            SELECT coalesce(nullif(title_{lang}, ''), title_fr) AS title
            FROM reports_report WHERE status = 'published' AND published_at <= now()
            ORDER BY publication_date DESC LIMIT %(titles)s
        ) titles
    ) words
    WHERE length(word) >= 3
), scored AS (
    SELECT position, token, word,
           similarity(lower(unaccent(word)), lower(unaccent(token))) AS score
    FROM tokens CROSS JOIN vocabulary
)
SELECT DISTINCT ON (position) position, token, word, score FROM scored
WHERE score >= %(threshold)s
ORDER BY position, score DESC, word
"""


def suggest(text, language="fr"):
    """« Did you mean »: the query with each word replaced by the nearest known word.

    The vocabulary is country and group names and the words of report titles, in
    the visitor's language; nearness is pg_trgm similarity, accents and case ignored.
    Returns None when nothing better is known.
    """
    tokens = _WORD.findall(text)[:8]
    if not tokens:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            SUGGESTION_SQL.format(lang="en" if language == "en" else "fr"),
            {"tokens": tokens, "threshold": SUGGESTION_THRESHOLD, "titles": SUGGESTION_TITLES},
        )
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


def _vector_match(queryset, fields, text):
    """Rows whose fields match ``text`` in French or English (small tables, no index)."""
    vectors = {
        lang: SearchVector(*fields, config=config) for lang, config in SEARCH_CONFIGS.items()
    }
    return queryset.annotate(_v_fr=vectors["fr"], _v_en=vectors["en"]).filter(
        Q(_v_fr=search_query(text, "fr")) | Q(_v_en=search_query(text, "en"))
    )


def matching_senators(text, limit=10):
    """Senators whose first or last name holds every word typed, accents and case ignored.

    Each word must be in the first or the last name (« dupont », « marie dupont »,
    « Dupônt » all find Marie Dupont). With their current groups (one more query).
    """
    words = _WORD_OR_SHORT.findall(text)[:5]
    if not words:
        return []
    senators = Senator.objects.with_current_groups()
    for word in words:
        senators = senators.filter(
            Q(last_name__unaccent__icontains=word) | Q(first_name__unaccent__icontains=word)
        )
    return list(senators.order_by("last_name", "first_name", "pk")[:limit])


def site_search(text, language, limit=10):
    """Everything matching ``text``, grouped by type; a fixed number of queries.

    Reads the other apps through their models' QuerySets. Reports come with their
    count (capped at MAX_COUNTED_RESULTS, ``report_count_capped`` then true) and
    highlighted snippets; the other types are short lists.
    """
    reports = SearchResults(Report.objects.published().search(text, language), text, language)
    return {
        # Shown first on the page when a senator's name matches (search.html).
        "senators": matching_senators(text, limit),
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
