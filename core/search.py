"""Text search over translated fields: the one definition every app's ``matching()`` uses.

The configurations fr_unaccent and en_unaccent (reports' migration 0002) ignore accents and
stem each language's words. A row's fields are read with both (one vector, TextVector) and
the query too: a row matches when either reading of the query matches. Accents never
matter, and English fields are stemmed in English (« agreements » finds « agreement »).
"""

import operator
import re
import unicodedata
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery
from django.contrib.postgres.search import SearchVectorExact
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Func
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


# The SQL function every text search and its indexes compute vectors with (core's migration
# 0001): both configurations' vectors in one, under a name whose cost PostgreSQL is told.
#
# Why one vector and a cost: with a vector per configuration, each behind its own index,
# a search is an OR of two conditions, and PostgreSQL charges the rows an index finds for
# computing their vectors again; it charges to_tsvector() a hundred operators. On a table
# of a few hundred rows where a word is frequent, it then preferred computing every row's
# vectors to reading the indexes, and each costs tens of microseconds: at the
# benchmark's 10x data, the site search's SQL for « coopération » computed 170 missions',
# 70 colloquia's and 80 news items' vectors, 36 ms of its count query (EXPLAIN ANALYZE on
# a freshly analysed copy, 2026-12-07); through the index, 0.1 ms each.
TEXT_VECTOR_FUNCTION = "core_text_vector"


class TextVector(Func):
    """The vector of text columns, read with each language's configuration (one vector
    holding both): a NULL column reads as "" (an English translation not written yet), the
    columns are joined by spaces.

    ``text_q()`` searches it and ``text_indexes()`` indexes it: PostgreSQL uses an
    expression index only for the same expression (tests/test_search_indexes.py).
    Written directly, not through SearchVector's Coalesce per column: building and
    compiling the site search's nine kinds took 26.6 ms of CPU with SearchVector, 22.9 ms
    with this (medians of 10 runs alternated, load average 8.9).
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, function=None, template=None):
        configs = ", ".join(["%s::regconfig"] * len(SEARCH_CONFIGS))
        columns, params = [], [*SEARCH_CONFIGS.values()]
        for column in self.get_source_expressions():
            column_sql, column_params = compiler.compile(column)
            columns.append(f"COALESCE({column_sql}, %s)")
            params = [*params, *column_params, ""]
        return f"{TEXT_VECTOR_FUNCTION}({configs}, {_JOINER.join(columns)})", params


def text_q(fields, text):
    """A condition: ``fields`` match ``text``, each read with each language's configuration.

    A condition, not an annotation: it goes into ``pk__in`` subqueries. A model searched
    this way declares ``text_indexes()`` over the same fields, or each search computes the
    vectors of every row.
    """
    queries = [search_query(text, language) for language in SEARCH_CONFIGS]
    return Q(SearchVectorExact(TextVector(*_columns(fields)), reduce(operator.or_, queries)))


def text_indexes(prefix, fields):
    """The GIN index ``text_q(fields, …)`` is read through, over the same expression
    (PostgreSQL uses an expression index only for the same expression).

    The site search runs text_q on eight kinds at once: at the benchmark's 10x data its SQL
    for « japon » took 278 ms without them and 88 ms with them (same run, load average 9).
    """
    return [GinIndex(TextVector(*_columns(fields)), name=f"{prefix}_text")]


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
