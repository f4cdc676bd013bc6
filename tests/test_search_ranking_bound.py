"""A frequent word: when more reports match in their head than the pages offer, the
newest of them are ranked (reports.search.SearchResults._head_ranked)."""

import datetime

import pytest

from reports import search as report_search
from reports.models import Report
from reports.search import SearchResults
from tests.factories import make_report

pytestmark = pytest.mark.django_db


def make_dated(year, slug, **texts):
    return make_report(slug=slug, publication_date=datetime.date(year, 1, 1), **texts)


def found(text):
    return [report.slug for report in SearchResults(Report.objects.published(), text, "fr")]


def test_beyond_the_offered_results_the_newest_head_matches_are_ranked(monkeypatch):
    make_dated(2001, "oldest-best", title_fr="Volcan, volcan, volcan")
    make_dated(2011, "title", title_fr="Le volcan")
    make_dated(2012, "summary-2012", title_fr="Rapport", summary_fr="Un volcan.")
    make_dated(2013, "summary-2013", title_fr="Rapport", summary_fr="Un volcan.")
    make_dated(2014, "body-only", title_fr="Rapport", body_fr="<p>Un volcan.</p>")
    # Fewer head matches than offered: every one ranked, the best first.
    assert found("volcan") == ["oldest-best", "title", "summary-2013", "summary-2012", "body-only"]
    # Three offered, four head matches: the three newest, best first (the title match
    # above the summary ones, equal ranks newest first); the oldest is beyond them.
    monkeypatch.setattr(report_search, "MAX_COUNTED_RESULTS", 3)
    results = SearchResults(Report.objects.published(), "volcan", "fr")
    assert results.capped
    assert [report.slug for report in results[:3]] == ["title", "summary-2013", "summary-2012"]
    assert len(results) == 3
