"""Paging the report archive (reports page; bench/searchtime.py times the same)."""

from core.paging import PagedRows


class IdsFirst(PagedRows):
    """An archive queryset for the Paginator that reads a page's ids first.

    A deep page (``?page=3000``) skips tens of thousands of rows: the ids come
    from the date index alone (an index-only scan, migration 0003), and only the
    page's 20 reports are read. Still one query for the page.
    """

    def __init__(self, queryset):
        self.queryset = queryset

    def total(self):
        return self.queryset.count()

    def rows(self, start, stop):
        return list(self.queryset.filter(pk__in=self.queryset.values("pk")[start:stop]))
