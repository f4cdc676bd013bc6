"""The list pages' CSV downloads end with join keys (issue 24): each row carries its
API id and the ids of what it references, as the bulk zip's CSV files do, so that a
downloaded list joins with the API and with the other files."""

import pytest
from django.urls import reverse
from django.utils import translation

from groups.models import Membership
from tests.factories import make_agreement
from tests.factories import make_group_with_everything
from tests.helpers.downloads import read_csv


@pytest.fixture
def data(db):
    """Three groups with everything (an N+1 shows up), the first one returned."""
    first = make_group_with_everything()
    make_group_with_everything(zone=first[1].zone)
    make_group_with_everything(zone=first[1].zone)
    for _ in range(3):
        make_agreement()
    return first


def download(client, url, lang="fr"):
    with translation.override(lang):
        path = reverse(url) if ":" in url else url
    return read_csv(client.get(path, {"format": "csv"}))


def keyed(rows, *keys):
    """{id: {key: value}} from the key columns at the end of each row."""
    header, *lines = rows
    assert header[-len(keys) :] == list(keys)
    return {line[-len(keys)]: dict(zip(keys, line[-len(keys) :], strict=True)) for line in lines}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_groups_countries_and_senators_carry_their_ids(client, data, lang):
    group, country, president = data
    assert group.slug in keyed(download(client, "groups:list", lang), "id")
    countries = keyed(download(client, "groups:country-list", lang), "id", "parent_id")
    assert countries[country.code]["parent_id"] == country.zone.slug
    senators = keyed(download(client, "groups:senator-list", lang), "id", "political_group_id")
    code = president.political_memberships.current().get().political_group.senate_code
    assert senators[president.slug]["political_group_id"] == f"political-group:{code}"


def test_a_groups_members_carry_the_ids_of_senator_group_and_country(client, data):
    group, country, president = data
    rows = keyed(
        download(client, group.get_absolute_url()), "id", "person_id", "organization_id", "area_id"
    )
    delegate = Membership.objects.get(group=group, role=Membership.Role.DELEGATE_PRESIDENT)
    assert rows[str(delegate.pk)] == {
        "id": str(delegate.pk),
        "person_id": delegate.senator.slug,
        "organization_id": group.slug,
        "area_id": country.code,
    }
    president_row = next(row for row in rows.values() if row["person_id"] == president.slug)
    assert president_row["area_id"] == ""


@pytest.mark.parametrize(
    "url, keys",
    [
        ("missions:list", ("id", "organization_id")),
        ("reports:list", ("id", "organization_id")),
        ("missions:colloquium-list", ("id",)),
        ("reports:news-list", ("id",)),
        ("cooperation:list", ("id",)),
    ],
)
def test_activities_carry_their_ids(client, data, url, keys):
    group = data[0]
    rows = keyed(download(client, url), *keys)
    assert len(rows) >= 3
    if "organization_id" in keys:
        assert group.slug in {row["organization_id"] for row in rows.values()}


# The queries of each download, with 3 rows of each kind (an N+1 would add 2 or more).
QUERIES = [
    ("groups:list", 3),  # groups, countries (prefetch), présidents (prefetch)
    ("groups:country-list", 2),  # countries + zone, active groups (prefetch)
    ("groups:senator-list", 2),  # senators + political group, current memberships + group
    ("missions:list", 2),  # missions + public group, countries (prefetch)
    ("missions:colloquium-list", 3),  # colloquia, groups, countries (prefetch)
    ("reports:list", 2),  # reports + group, their countries (one query per 2,000)
    ("reports:news-list", 1),  # news
    ("cooperation:list", 3),  # agreements, French and foreign authorities (prefetch)
]


@pytest.mark.parametrize("url, count", QUERIES)
def test_the_downloads_query_count_is_pinned(client, data, django_assert_num_queries, url, count):
    with translation.override("fr"):
        path = reverse(url)
    with django_assert_num_queries(count):
        response = client.get(path, {"format": "csv"})
        rows = read_csv(response)  # streamed: the queries run while reading
    assert len(rows) >= 4


def test_a_groups_members_download_query_count_is_pinned(client, data, django_assert_num_queries):
    group = data[0]
    # The group page's context (render_group_page builds it whole): 1. group 2. its
    # countries 3. memberships + senator + country 4-8. missions, receptions, colloquia,
    # reports, news 9. political groups' codes 10. the timeline. None per member: the
    # keys read what the memberships' query loaded (5 members here).
    with django_assert_num_queries(10):
        rows = read_csv(client.get(group.get_absolute_url(), {"format": "csv"}))
    assert len(rows) >= 5
