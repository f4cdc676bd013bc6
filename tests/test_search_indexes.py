"""Each kind the site search reads through core.search.text_q has GIN indexes over the very
expression the search writes: PostgreSQL uses an expression index only for the same
expression, so a field added to a search and not to its indexes would quietly compute
every row's vectors again (bench/searchtime.py's site search)."""

import re

import pytest
from django.db import connection

from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from groups.models import Country
from groups.models import FriendshipGroup
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem

SEARCHES = {
    "country": lambda: Country.objects.matching("japon"),
    "group": lambda: FriendshipGroup.objects.matching("japon"),
    "group_name": lambda: FriendshipGroup.objects.matching("japon"),  # its former names
    "mission": lambda: Mission.objects.matching("japon"),
    "reception": lambda: Reception.objects.matching("japon"),
    "colloquium": lambda: Colloquium.objects.matching("japon"),
    "news": lambda: NewsItem.objects.matching("japon"),
    "authority": lambda: LocalAuthority.objects.matching("erevan"),
    "foreign_authority": lambda: Agreement.objects.matching("erevan"),
    "agreement": lambda: Agreement.objects.matching("erevan"),
}


def plan(queryset):
    with connection.cursor() as cursor:
        # On empty test tables a sequential scan is always cheapest: forbid it, so the plan
        # shows whether an index could serve the condition at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Without its order: a list's order may be read from a date index instead.
        sql, params = queryset.order_by().query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def uses_index(plan_text, prefix):
    """The plan reads the kind's text index (core.search.text_indexes: "<prefix>_text")."""
    return re.search(rf"\bon {prefix}_text\b", plan_text) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", SEARCHES)
def test_the_search_reads_its_kinds_text_indexes(prefix):
    text = plan(SEARCHES[prefix]())
    assert uses_index(text, prefix), text


@pytest.mark.django_db
def test_a_search_on_other_fields_than_the_indexed_ones_is_seen():
    """The check above can fail: the same search over one more field finds no index."""
    from core.search import text_q

    text = plan(Mission.objects.filter(text_q(["title", "purpose", "programme"], "japon")))
    assert not uses_index(text, "mission")


def plan_as_is(queryset):
    with connection.cursor() as cursor:
        sql, params = queryset.order_by().query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_a_frequent_word_is_still_read_through_the_index():
    """When a word is in many rows, PostgreSQL weighs computing every row's vectors against
    reading the index: core_text_vector() tells it their real cost. With to_tsvector()'s
    own cost (the control), it computes them all."""
    from tests.factories import make_mission

    for n in range(60):  # in half of them, as « coopération » in the benchmark's missions
        title = "Coopération décentralisée" if n % 2 else "Visite d'étude"
        make_mission(title_fr=f"{title} {n}", title_en=f"Mission {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE missions_mission")
    search = Mission.objects.matching("coopération")
    assert uses_index(plan_as_is(search), "mission")
    with connection.cursor() as cursor:
        cursor.execute("ALTER FUNCTION core_text_vector(regconfig, regconfig, text) COST 100")
    text = plan_as_is(search)
    assert not uses_index(text, "mission") and "Seq Scan on missions_mission" in text
