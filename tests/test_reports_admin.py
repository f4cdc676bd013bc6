import pytest
from django.urls import reverse

from tests.factories import make_group, make_news, make_report

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


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("model", "make", "heading"),
    [
        ("report", make_report, {"fr": "rapport", "en": "report"}),
        ("newsitem", make_news, {"fr": "actualité", "en": "news item"}),
    ],
)
def test_add_and_change_pages_render_in_the_editors_language(
    admin_client, model, make, heading, lang
):
    obj = make()
    for url in [f"/admin/reports/{model}/add/", f"/admin/reports/{model}/{obj.pk}/change/"]:
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200
        assert response["Content-Language"] == lang
        assert heading[lang] in response.content.decode().lower()
