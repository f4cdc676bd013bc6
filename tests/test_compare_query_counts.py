"""The comparison's other query counts (issue 23), each at 3 and at 30 rows: two groups
side by side, and the CSV of two countries and of two groups (the page of two countries
is pinned in test_compare.py)."""

import pytest

from groups.models import Membership
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import query_counts
from tests.test_compare import add_comparison_rows
from tests.test_compare import two_countries  # noqa: F401 (Chile and Japan, with drafts)

pytestmark = pytest.mark.django_db


def rows_for(chile, japan):
    groups = [chile.groups.get(slug="france-chili"), japan.groups.get(slug="france-japon")]

    def add_rows(n):
        for i in range(n):
            make_membership(group=make_group(countries=[chile]), role=Membership.Role.PRESIDENT)
            for group, country in zip(groups, (chile, japan), strict=True):
                add_comparison_rows(group, country, i)
                make_membership(group=group, role=Membership.Role.VICE_PRESIDENT)

    return add_rows


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # 1 the groups named  2 the colours of the political groups  3-4 the datalists'
        # names; each group: 5 its current bureau  6 its members' political groups
        # 7 missions by period  8 receptions by period  9 reports  10 agreements
        # 11 last mission  12 last reception
        ("/en/compare/?group=france-chili&group=france-japon", 20),
        # The CSV runs the page's queries but the datalists' (3-4).
        ("/fr/comparer/?country=cl&country=jp&format=csv", 20),
        ("/en/compare/?group=france-chili&group=france-japon&format=csv", 18),
    ],
)
def test_comparison_of_groups_and_csv_query_counts(client, two_countries, url, queries):  # noqa: F811
    assert query_counts(client, url, rows_for(*two_countries)) == (queries, queries)
