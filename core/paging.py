"""The pages of the public lists, and sequences that Django's Paginator pages through
without being a queryset."""

from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from .exports import filtered_csv
from .exports import wants_csv
from .generation import browsing_key


def render_list(request, template_name, filter_class, rows, per_page, *, csv, keep=None, **context):
    """A public list's page (templates/base_list.html), or its CSV when the request asks
    for it (``csv``: the columns and the file's name, core.exports.filtered_csv).

    ``filter_class`` filters ``rows()`` by the request's parameters. Both are built only
    if the list is rendered: while a visitor browses page by page its body is kept
    (``list_page``; ``keep`` names the other parameters that may be kept, with their
    values).
    """

    def filterset():
        return filter_class(request.GET, queryset=rows(), request=request)

    if wants_csv(request):
        return filtered_csv(request, filterset(), *csv)
    found = SimpleLazyObject(filterset)
    page = list_page(request, template_name, lambda: found.qs, per_page, **(keep or {}))
    return render(request, template_name, {"filter": found, **page, **context})


def list_page(request, name, rows, per_page, **bounded):
    """A public list's ``page`` of ``rows()`` and its ``kept_as`` (templates/base_list.html).

    The page the request asks for is read only when the list's body is rendered: while
    a visitor browses page by page, the body is kept per content generation
    (core.generation.browsing_key) and the page's queries are not run. Groups list 49.9 ->
    1.9 ms of CPU and 4 -> 0 queries, senators list 66.4 -> 2.1 ms and 4 -> 0, reports
    list 36.7 -> 4.3 ms and 71 ms of SQL -> 0 (bench/cputime.py at 10x data, 2026-12-07,
    with the FilterSet and the make-up built only when rendered); the first request after
    each edit pays what it did before.
    """
    page = SimpleLazyObject(lambda: Paginator(rows(), per_page).get_page(request.GET.get("page")))
    return {"page": page, "kept_as": browsing_key(request, name, **bounded)}


class PagedRows:
    """What the Paginator needs of a list read in pieces: ``count()`` and slices.

    A subclass counts its rows once (``total()``) and reads one page (``rows(start,
    stop)``, ``stop`` already within the count); reading a page reads only its rows.
    """

    ordered = True  # the Paginator warns about unordered lists

    # What each subclass defines (IdsFirst, SearchResults): the base class has no rows.
    def total(self):
        raise NotImplementedError("a PagedRows subclass counts its own rows")

    def rows(self, start, stop):
        raise NotImplementedError("a PagedRows subclass reads its own pages")

    @cached_property
    def _count(self):
        return self.total()

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self._count if index.stop is None else min(index.stop, self._count)
        return self.rows(start, stop) if start < stop else []


def counting_sql(querysets):
    """The SQL and parameters of ``counts_in_one_query(querysets)``, and its database."""
    counts, params, database = [], [], "default"
    for item in querysets:
        queryset, limit = item if isinstance(item, tuple) else (item, None)
        database = queryset.db
        rows = queryset.order_by().values("pk")
        try:
            sql, part = (rows[:limit] if limit else rows).query.sql_with_params()
        except EmptyResultSet:
            counts.append("0")
        else:
            counts.append(f"(SELECT count(*) FROM ({sql}) c)")
            params.extend(part)
    return f"SELECT {', '.join(counts)}", params, database


def run_counting_sql(sql, params, database):
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def counts_in_one_query(querysets):
    """How many rows each of ``querysets`` holds, in one query: a list of numbers.

    A ``(queryset, limit)`` pair is counted up to ``limit`` (a count that stops early
    reads fewer rows). A queryset nothing can match (``none()``, ``year=0``) counts 0
    without being sent.
    """
    return run_counting_sql(*counting_sql(querysets))
