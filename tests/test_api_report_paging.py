"""The API's reports are paged as the archive page is (reports.paging.IdsFirst): a page's
ids first, from the date index alone, then only that page's reports, however deep the
page (issue 25)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_report

pytestmark = pytest.mark.django_db


def test_a_page_of_reports_reads_its_ids_first(client):
    for n in range(5):
        make_report(slug=f"report-{n}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/reports/?page=2&page_size=2")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
    reads = [q["sql"] for q in queries if 'FROM "reports_report"' in q["sql"]]
    # The page's rows: those whose id is in the page of ids (LIMIT 2 OFFSET 2).
    assert any(" IN (SELECT " in sql and "OFFSET 2" in sql for sql in reads), reads
