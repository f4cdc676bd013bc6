from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 200); ``count``, ``next``, ``previous``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class Chain:
    """Two ordered querysets read as one list, the first one's rows first.

    What Django's Paginator needs (``count()`` and slicing), so that one endpoint pages
    through two kinds of rows (friendship groups then political groups) with a stable
    order. A page reads only the querysets it reaches; ``count()`` asks each once.
    """

    ordered = True

    def __init__(self, first, second):
        self.first, self.second = first, second
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = (self.first.count(), self.second.count())
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Chain supports slices only")
        start, stop = index.start or 0, index.stop
        n_first = self.counts()[0]
        rows = list(self.first[start:stop]) if start < n_first else []
        if stop is None or stop > n_first:
            rows += list(
                self.second[max(start - n_first, 0) : None if stop is None else stop - n_first]
            )
        return rows
