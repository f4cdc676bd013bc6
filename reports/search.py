"""Full-text search helpers shared by the report archive and the site-wide search.

The search itself is ``Report.objects.search()`` (reports/models.py); this module
holds what surrounds it: cleaning what the visitor typed, turning headlines into
safe HTML, the « did you mean » suggestion and the site-wide grouped results.
"""

import re

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from groups.models import Country, FriendshipGroup
from missions.models import Mission

from .models import HIGHLIGHT_START, HIGHLIGHT_STOP, SEARCH_CONFIGS, NewsItem, Report, search_query

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


def clean_query(text):
    """What the visitor typed, made safe to send: no control characters, capped."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def headline_html(headline):
    """A SearchHeadline result as HTML: escaped text with <mark> around the matches."""
    text = escape(headline or "")
    return mark_safe(text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


def attach_headlines(reports, text, language):
    """Set ``snippet`` on each report of a page, in one query for the whole page."""
    reports = list(reports)
    if not reports or not text:
        return reports
    headlines = dict(
        Report.objects.filter(pk__in=[r.pk for r in reports])
        .with_headlines(text, language)
        .values_list("pk", "headline")
    )
    for report in reports:
        report.snippet = headline_html(headlines.get(report.pk))
    return reports


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


def site_search(text, language, limit=10):
    """Everything matching ``text``, grouped by type; a fixed number of queries.

    Reads the other apps through their models' QuerySets. Reports come with their
    total count and highlighted snippets; the other types are short lists.
    """
    reports = Report.objects.published().search(text, language)
    report_page = attach_headlines(reports.for_list()[:limit], text, language)
    return {
        "reports": report_page,
        "report_count": reports.count(),
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
