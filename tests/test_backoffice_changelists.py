"""Every content change list runs the same number of queries with 3 rows and with 30."""

import datetime

import pytest
from django.utils import timezone

from groups.models import Membership
from tests.admin_helpers import changelist_queries
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_local_authority
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_partner
from tests.factories import make_reception
from tests.factories import make_senator
from tests.factories import make_zone

pytestmark = pytest.mark.django_db


def make_rows(n):
    """n rows of each model below, each with what its change list shows, a year apart."""
    for i in range(n):
        zone = make_zone()
        group = make_group(countries=[make_country(zone=zone), make_country(zone=zone)])
        make_membership(group=group, role=Membership.Role.PRESIDENT)
        make_membership(group=group)
        make_mission(
            group=group,
            start_date=datetime.date(2000 + i, 3, 1),
            participants=[make_senator(), make_senator()],
        )
        make_reception(group=group, date=datetime.date(2000 + i, 5, 1))
        make_colloquium(
            partners=[make_partner()],
            countries=list(group.countries.all()),
            start_at=timezone.now() - datetime.timedelta(days=400 * i),
        )
        make_agreement(
            french=[make_local_authority(), make_local_authority()],
            foreign=[make_foreign_authority(), make_foreign_authority()],
            signed_on=datetime.date(2000 + i, 1, 1),
            themes=["culture"],
        )


# Every change list: 1 session  2 user  3 the session's verified two-factor device
# (django-otp)  4 SAVEPOINT (reversion wraps the view), then its own queries (after the
# "+"), then RELEASE SAVEPOINT; a date hierarchy adds two (its first and last dates, then
# its years or days).
CHANGELISTS = {
    # + zone filter choices, count, full count, rows with country_count annotation
    "groups/zone": 8,
    # + zone filter choices, count, full count, rows (zone joined, group_count annotated)
    "groups/country": 9,
    # + count, full count, rows
    "groups/senator": 8,
    # + zone filter choices, count, full count, rows (annotated counts); date hierarchy
    "groups/friendshipgroup": 11,
    # + year filter choices, count, full count, rows (senator, group, country joined);
    #   date hierarchy
    "groups/membership": 11,
    # + count, full count, rows (colloquium_count annotated)
    "missions/partner": 8,
    # + zone filter choices, year filter choices, count, full count,
    #   rows (group joined, delegation_size annotated); date hierarchy
    "missions/mission": 12,
    # + zone filter choices, year filter choices, count, full count,
    #   rows (group and country joined); date hierarchy
    "missions/reception": 12,
    # + partner filter choices, year filter choices, count, full count,
    #   rows (partner_count annotated); date hierarchy
    "missions/colloquium": 12,
    # + country filter choices, région filter choices, year filter choices, count,
    #   full count, rows, their French authorities, their foreign authorities;
    #   date hierarchy
    "cooperation/agreement": 15,
    # + région filter choices (x2: région and département's région), count, full count,
    #   rows (département, région joined; agreement_count annotated)
    "cooperation/localauthority": 10,
    # + zone filter choices, count, full count, rows (country joined, agreements counted)
    "cooperation/foreignauthority": 9,
}


@pytest.mark.parametrize("model", list(CHANGELISTS))
def test_changelist_query_count(admin_client, model):
    url = f"/admin/{model}/"
    make_rows(3)
    few, shown = changelist_queries(admin_client, url)
    assert shown >= 3
    make_rows(27)
    many, shown = changelist_queries(admin_client, url)
    assert shown >= 30
    assert few == many == CHANGELISTS[model]
