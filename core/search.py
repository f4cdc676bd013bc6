"""Text search over translated fields: the one definition every app's ``matching()`` uses.

The configurations fr_unaccent and en_unaccent (reports' migration 0002) ignore accents and
stem each language's words. A row matches when its fields, read with the French
configuration or with the English one, match the query read the same way: accents never
matter, and English fields are stemmed in English (« agreements » finds « agreement »).
"""

import re
import unicodedata

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery
from django.contrib.postgres.search import SearchVector
from django.contrib.postgres.search import SearchVectorExact
from django.db.models import Q
from django.utils.html import escape
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SEARCH_CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent"}
_QUERY_WORD = re.compile(r"\w{2,}")


def search_query(text, language):
    """A web-search style query (quotes, OR, -word): any text is valid syntax."""
    return SearchQuery(text, config=SEARCH_CONFIGS[language], search_type="websearch")


def _columns(fields):
    """The columns ``fields`` name: a translated field in both languages (``"title"``), a
    field without translations as it is (``"=name"``)."""
    return [
        column
        for field in fields
        for column in (
            [field[1:]] if field.startswith("=") else [f"{field}_{lang}" for lang in SEARCH_CONFIGS]
        )
    ]


_JOINER = " || ' ' || "  # SearchVector.arg_joiner


class _TextVector(SearchVector):
    """``SearchVector(*columns, config=config)`` over text columns, the same SQL written
    directly: Django's rebuilds a Coalesce expression per column each time it compiles.
    The GIN indexes (``text_indexes()``) are declared with SearchVector and match this SQL
    (tests/test_search_text_vector.py). Building and compiling the site search's nine
    kinds took 26.6 ms of CPU with SearchVector, 22.9 ms with this (medians of 10 runs
    alternated, load average 8.9).
    """

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = compiler.compile(self.config)
        columns = []
        for column in self.get_source_expressions():
            column_sql, column_params = compiler.compile(column)
            columns.append(f"COALESCE({column_sql}, %s)")
            params = [*params, *column_params, ""]
        return f"to_tsvector({sql}, {_JOINER.join(columns)})", params


def text_q(fields, text):
    """A condition: ``fields`` match ``text``, read with each language's configuration.

    A condition, not an annotation: it goes into ``pk__in`` subqueries. A model searched
    this way declares ``text_indexes()`` over the same fields, or each search computes the
    vectors of every row.
    """
    # SearchVector reads a NULL column as "" (an English translation not written yet).
    columns = _columns(fields)
    return Q(
        *(
            SearchVectorExact(_TextVector(*columns, config=config), search_query(text, lang))
            for lang, config in SEARCH_CONFIGS.items()
        ),
        _connector=Q.OR,
    )


def text_indexes(prefix, fields):
    """The GIN indexes ``text_q(fields, …)`` is read through: one per configuration, over
    the same expression (PostgreSQL uses an expression index only for the same expression).

    The site search runs text_q on eight kinds at once: at the benchmark's 10x data its SQL
    for « japon » took 278 ms without them and 88 ms with them (same run, load average 9).
    """
    return [
        GinIndex(SearchVector(*_columns(fields), config=config), name=f"{prefix}_text_{lang}")
        for lang, config in SEARCH_CONFIGS.items()
    ]


def _fold(char):
    """A character without its accent, in lower case: one character for one (« É » -> « e »)."""
    return unicodedata.normalize("NFKD", char)[0].lower()


def highlight(text, query):
    """``text`` as HTML with <mark> around its words that start with a word of ``query``.

    Accents and case aside (« erevan » marks « Érevan »), a whole word is marked when it
    begins with the typed word (« agreement » marks « agreements »), which is close to
    what the stemmed search matched. Words excluded with « - » and « OR » mark nothing.
    """
    text = str(text or "")
    words = {
        "".join(_fold(c) for c in word)
        for token in query.split()
        if not token.startswith("-")
        for word in _QUERY_WORD.findall(token)
        if word != "OR"
    }
    if not words:
        return escape(text)
    folded = "".join(_fold(c) for c in text)
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*"
    )
    parts, end = [], 0
    for match in pattern.finditer(folded):
        parts.append(escape(text[end : match.start()]))
        parts.append(format_html("<mark>{}</mark>", text[match.start() : match.end()]))
        end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))
