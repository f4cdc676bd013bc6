"""The public lists' bodies kept while a visitor browses them page by page (issue 25).

``core.paging.list_page`` and ``core.generation.browsing_key``: a list asked with no
parameter but its page (and a few bounded ones) shows published content only, the same to
everyone, so its body is kept per content generation, language and day. Anything else (a
search, a filter, a stray parameter) is rendered for the request alone. Either way the
visitor sees what the list holds now.
"""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from core.generation import KEPT_PAGES
from core.generation import browsing_key
from core.models import Publishable
from groups.models import FriendshipGroup
from tests.factories import count_queries
from tests.factories import make_group
from tests.factories import make_report
from tests.factories import make_senator

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", ["/fr/groupes/", "/fr/senateurs/", "/fr/rapports/"])
def test_browsing_a_list_again_runs_no_query(client, url):
    make_group(name_fr="France-Japon")
    make_senator(last_name="Martin")
    make_report(title_fr="Le Japon")
    first = html_of(client, url)
    assert count_queries(client, url) == 0
    assert html_of(client, url) == first


def test_a_kept_list_follows_an_edit(client):
    make_group(name_fr="France-Japon")
    assert "France-Chili" not in html_of(client, "/fr/groupes/")

    make_group(name_fr="France-Chili")

    html = html_of(client, "/fr/groupes/")
    assert "France-Chili" in html
    assert "2 groupes" in html


def test_a_kept_list_shows_no_draft_and_is_per_language(client):
    make_group(name_fr="France-Japon", name_en="France-Japan")
    make_group(name_fr="France-Chili", status=Publishable.Status.DRAFT)
    html_of(client, "/fr/groupes/")  # kept in French

    english = html_of(client, "/en/groups/")
    assert "France-Japan" in english
    assert "France-Japon" not in english
    assert "France-Chili" not in html_of(client, "/fr/groupes/")


def test_a_search_after_browsing_shows_its_own_results(client):
    make_group(name_fr="France-Japon")
    make_group(name_fr="France-Chili")
    html_of(client, "/fr/groupes/")

    html = html_of(client, "/fr/groupes/?q=chili")
    assert "France-Chili" in html
    assert "France-Japon" not in html
    assert count_queries(client, "/fr/groupes/?q=chili") > 0  # never kept


def test_each_page_of_a_list_is_kept_apart(client):
    for n in range(31):  # 30 groups a page
        make_group(name_fr=f"France-Pays {n:02d}")
    first = html_of(client, "/fr/groupes/")
    second = html_of(client, "/fr/groupes/?page=2")
    assert "France-Pays 30" in second
    assert "France-Pays 30" not in first
    assert count_queries(client, "/fr/groupes/?page=2") == 0
    assert html_of(client, "/fr/groupes/") == first


def test_a_bounded_parameter_is_kept_with_its_value(client):
    make_senator(last_name="Bernard")
    make_senator(last_name="Martin")
    html = html_of(client, "/fr/senateurs/?letter=B")
    assert "Bernard" in html
    assert "Martin," not in html
    assert count_queries(client, "/fr/senateurs/?letter=B") == 0
    assert "Martin" in html_of(client, "/fr/senateurs/")  # not the letter's body

    make_group(name_fr="France-Chili", dissolved_on=datetime.date(2020, 10, 1))
    assert "France-Chili" in html_of(client, "/fr/groupes/?state=dissolved")
    assert count_queries(client, "/fr/groupes/?state=dissolved") == 0


def test_a_kept_list_is_not_served_the_next_day(client, monkeypatch):
    """A term ends with a day: the list's présidents are today's."""
    make_group(name_fr="France-Japon")
    html_of(client, "/fr/groupes/")
    assert count_queries(client, "/fr/groupes/") == 0

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert count_queries(client, "/fr/groupes/") > 0


@pytest.mark.parametrize(
    "query",
    [
        "q=japon",  # free text
        "page=0",
        "page=01",  # not as the list's links write it: one key per page
        f"page={len(KEPT_PAGES) + 1}",
        "page=deux",
        "page=²",  # a digit, but not an ASCII one
        "page=1&page=2",
        "letter=b",  # not one of the bar's letters
        "utm_source=newsletter",  # a parameter the list does not read
    ],
)
def test_only_browsing_is_kept(query):
    request = RequestFactory().get(f"/fr/senateurs/?{query}")
    assert browsing_key(request, "senators", letter=("B",)) is None


def test_browsing_keys_differ_by_page_value_and_list():
    def key(query, name="senators"):
        return browsing_key(RequestFactory().get(f"/?{query}"), name, letter=("A", "B"))

    keys = {key(""), key("page=2"), key("letter=A"), key("letter=B"), key("", name="groups")}
    assert len(keys) == 5
    assert key("page=2&letter=A") == key("letter=A&page=2")


def test_a_stray_parameter_is_rendered_for_the_request(client):
    make_group(name_fr="France-Japon")
    html_of(client, "/fr/groupes/?utm_source=x")
    assert count_queries(client, "/fr/groupes/?utm_source=x") > 0
    FriendshipGroup.objects.update(name_fr="France-Nippon")  # no signal, no new generation
    assert "France-Nippon" in html_of(client, "/fr/groupes/?utm_source=x")
