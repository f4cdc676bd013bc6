"""The API's lists kept while a re-user pages through them (issue 25).

``api.views.ReadOnlyViewSet.list``: with no parameter but ``page`` and ``page_size``, a
list's data is kept per content generation (core.generation.browsing_key); a filter, a
change feed or any other parameter is answered for the request alone. Either way the
re-user reads what is published now.
"""

import pytest

from core.models import Publishable
from groups.models import FriendshipGroup
from tests.factories import count_queries
from tests.factories import make_group
from tests.factories import make_report

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def slugs(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("url", ["organizations/", "reports/?page_size=50", "reports/?page=2"])
def test_paging_through_a_list_again_runs_no_query(client, url):
    make_group(slug="france-japon")
    for n in range(3):
        make_report(slug=f"report-{n}")
    if "page=2" in url:
        url += "&page_size=2"
    first = client.get(f"{API}{url}").content
    assert count_queries(client, f"{API}{url}") == 0
    assert client.get(f"{API}{url}").content == first


def test_a_kept_list_follows_an_edit_and_shows_no_draft(client):
    make_group(slug="france-japon")
    assert slugs(client, f"{API}organizations/") == ["france-japon"]

    make_group(slug="france-chili", status=Publishable.Status.DRAFT)
    assert slugs(client, f"{API}organizations/") == ["france-japon"]
    draft = FriendshipGroup.objects.get(slug="france-chili")
    draft.status = Publishable.Status.PUBLISHED
    draft.save()
    assert sorted(slugs(client, f"{API}organizations/")) == ["france-chili", "france-japon"]


def test_a_filter_after_paging_is_answered_for_itself(client):
    make_group(slug="france-japon", name_fr="France-Japon")
    make_group(slug="france-chili", name_fr="France-Chili")
    assert len(slugs(client, f"{API}organizations/")) == 2

    assert slugs(client, f"{API}organizations/?q=chili") == ["france-chili"]
    assert count_queries(client, f"{API}organizations/?q=chili") > 0
    assert count_queries(client, f"{API}organizations/?updated_since=2020-01-01") > 0


def test_a_kept_page_links_to_the_host_it_was_asked_on(client, settings):
    settings.ALLOWED_HOSTS = ["data.example", "mirror.example"]
    for n in range(3):
        make_group(slug=f"group-{n}")
    url = f"{API}organizations/?page_size=1"
    first = client.get(url, HTTP_HOST="data.example").json()
    assert first["next"].startswith("http://data.example/")
    other = client.get(url, HTTP_HOST="mirror.example").json()
    assert other["next"].startswith("http://mirror.example/")


def test_an_unknown_page_is_still_a_404(client):
    make_group(slug="france-japon")
    assert client.get(f"{API}organizations/?page=9").status_code == 404
    assert client.get(f"{API}organizations/?page=9").status_code == 404


def test_a_kept_list_still_answers_304_to_its_etag(client):
    make_group(slug="france-japon")
    etag = client.get(f"{API}organizations/")["ETag"]
    assert client.get(f"{API}organizations/", HTTP_IF_NONE_MATCH=etag).status_code == 304
