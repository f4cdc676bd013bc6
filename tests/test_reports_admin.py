import datetime

import pytest
from django.urls import reverse

from reports.models import LIST_DEFERRED_FIELDS
from tests.factories import make_group
from tests.factories import make_news
from tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [3, 30])
def test_report_changelist_query_count(admin_client, django_assert_num_queries, rows):
    group = make_group()
    for _ in range(rows):
        make_report(group=group, extracted_text="long text " * 1000)
    url = reverse("admin:reports_report_changelist")
    admin_client.get(url)  # the first request also loads content types
    # 1. session  2. user  2b. the session's verified device (django-otp)
    # 3. savepoint (changelist runs in a transaction)
    # 4. year filter's years  5. group filter's groups  6. count (filtered)  7. count (all)
    # 8. page of reports + group (no extracted text, no vectors)  9. release savepoint
    # 10. date hierarchy's first/last date  11. its days (all rows share one date here)
    with django_assert_num_queries(12):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


def test_report_changelist_reads_none_of_the_columns_lists_defer(admin_client):
    make_report(extracted_text="long text " * 1000)
    response = admin_client.get(reverse("admin:reports_report_changelist"))
    [report] = response.context["cl"].result_list
    assert report.get_deferred_fields() >= set(LIST_DEFERRED_FIELDS)
    assert report.title_fr  # what the list shows is loaded


@pytest.mark.parametrize("rows", [3, 30])
def test_news_changelist_query_count(admin_client, django_assert_num_queries, rows):
    for _ in range(rows):
        make_news()
    url = reverse("admin:reports_newsitem_changelist")
    admin_client.get(url)
    # 1. session  2. user  2b. verified device  3. savepoint  4. year filter's years
    # 5. count (filtered)
    # 6. count (all)  7. page of news  8. release savepoint
    # 9. date hierarchy's first/last date  10. its days
    with django_assert_num_queries(11):
        response = admin_client.get(url)
    assert response.status_code == 200


def test_report_change_form_opens(admin_client):
    report = make_report()
    response = admin_client.get(reverse("admin:reports_report_change", args=[report.pk]))
    assert response.status_code == 200
    assert b'accept="application/pdf"' in response.content


def test_admin_year_filter_keeps_the_reports_of_that_year(admin_client):
    make_report(title_fr="Rapport 2021", publication_date=datetime.date(2021, 5, 1))
    make_report(title_fr="Rapport 2023", publication_date=datetime.date(2023, 5, 1))
    url = reverse("admin:reports_report_changelist")
    response = admin_client.get(url, {"year": "2023"})
    assert [r.title_fr for r in response.context["cl"].result_list] == ["Rapport 2023"]
    response = admin_client.get(url, {"year": "99999"})  # out of range: no filter, no 500
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 2
