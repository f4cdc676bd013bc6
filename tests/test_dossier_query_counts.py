"""The country's and the group's dossier (with its summary and the group's make-up) pin
their query counts at 3 and at 30 rows of everything they show (issue 23)."""

import datetime

import pytest
from django.core.cache import cache

from groups.models import Membership
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_political_group
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import query_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def rows_for(country, group):
    def add_rows(n):
        for i in range(n):
            member = make_senator(political_group=make_political_group())
            make_membership(group=group, senator=member)
            make_membership(group=group, role=Membership.Role.VICE_PRESIDENT)
            make_mission(
                group=group,
                countries=[country],
                start_date=datetime.date(1990 + i, 1, 1),
                participants=[member, make_senator()],
            )
            make_reception(group=group, country=country, date=datetime.date(1990 + i, 2, 1))
            make_report(group=group, countries=[country])
            make_colloquium(countries=[country], groups=[group])
            make_news(countries=[country], groups=[group])
            make_agreement(foreign=[make_foreign_authority(country=country)])

    return add_rows


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # 1 country (+ zone)  2 groups  3 their countries  4 memberships (+ senator,
        # country)  5 missions (+ group)  6 their countries  7 delegations (+ senator)
        # 8 receptions  9 reports  10 upcoming colloquia  11 agreements by kind
        # 12 agreements  13 French authorities  14 foreign authorities  15 news
        # 16 the timeline's last entries (one UNION ALL)
        ("/fr/pays/am/dossier/", 16),
        # 1 group  2 its countries  3 memberships (+ senator, country)  4 missions
        # (+ group)  5 their countries  6 delegations (+ senator)  7 receptions
        # (+ country)  8 reports  9 upcoming colloquia  10 agreements by kind
        # 11 agreements  12 French authorities  13 foreign authorities  14 news
        # 15 political groups by size (make-up)  16 the timeline's last entries
        ("/en/groups/france-armenie/dossier/", 16),
    ],
)
def test_dossier_query_count_at_3_and_30_rows(client, url, queries):
    country = make_country(code="AM", name_fr="Arménie", name_en="Armenia")
    group = make_group(countries=[country], slug="france-armenie")
    assert query_counts(client, url, rows_for(country, group)) == (queries, queries)
