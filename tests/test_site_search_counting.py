"""The site search's counting query, compiled once per shape of text and filled for each
search (portal.search.CountingQuery): the same SQL and parameters as compiling it anew."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from core.paging import counting_sql
from groups.models import Country
from portal.search import _MATCHES
from portal.search import CountingQuery
from portal.search import _counted
from portal.search import site_search
from tests.factories import make_country
from tests.factories import make_report
from tests.factories import make_senator

# Every shape: no word, one to more than MAX_NAME_WORDS name words, with and without « - »,
# with what SQL or a LIKE pattern treats specially, and the stand-ins themselves.
TEXTS = [
    "lithium",
    "Noël Roquebrou",
    "nerac",
    "st-etienne",
    "-coopération",
    "d'Ornano",
    "Île-de-France – Erevan",
    "a b c d e f g",
    "!!",
    "-",
    '"forum Asie" OR -centrale',
    "100%_\\ x'; DROP TABLE x",
    "zqzq0x",
    "zqzq1x zqzq0x",
    "¤¤",
    "ÉLUARD Paul-Émile",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_filled_query_is_the_query_compiled_for_the_text(text, language):
    filled = CountingQuery(text, language).sql()
    assert filled is not None
    sql, params, _ = counting_sql(_counted(text, language))
    assert filled == (sql, params)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet="aéZzqx0 -'’%_\\\"¤,.", min_size=1, max_size=40))
def test_any_text_fills_the_query_compiled_for_it(text):
    text = " ".join(text.split())  # as clean_query() leaves it
    assert CountingQuery(text, "fr").sql() == counting_sql(_counted(text, "fr"))[:2]


@pytest.mark.django_db
def test_texts_of_one_shape_share_one_compilation():
    CountingQuery._compiled.clear()
    for text in ["japon", "lithium", "Noël", "hydrolienne"]:
        CountingQuery(text, "fr").sql()
    CountingQuery("Noël Roquebrou", "fr").sql()
    CountingQuery("-japon", "fr").sql()
    CountingQuery("japon", "en").sql()
    assert len(CountingQuery._compiled) == 4


@pytest.mark.django_db
def test_a_new_day_compiles_again(monkeypatch):
    """Compiled per day: a rule of today (what is current, dissolved) may put the day in
    the SQL's parameters."""
    CountingQuery._compiled.clear()
    for day in (datetime.date(2026, 6, 30), datetime.date(2026, 7, 1)):
        monkeypatch.setattr(timezone, "localdate", lambda day=day: day)
        filled = CountingQuery("japon", "fr").sql()
        assert filled == counting_sql(_counted("japon", "fr"))[:2]
    assert {key[0] for key in CountingQuery._compiled} == {
        datetime.date(2026, 7, 1),
        datetime.date(2026, 6, 30),
    }


@pytest.mark.django_db
def test_a_kind_that_uses_the_text_otherwise_is_compiled_for_the_text(monkeypatch):
    """A LIKE pattern built in Python holds the stand-in inside a longer parameter: the
    query is then compiled for the text itself, and the counts stay right."""
    make_country(code="JP", name_fr="Japon", name_en="Japan")
    make_report(title_fr="Le Japon et la France")
    monkeypatch.setitem(
        _MATCHES, "countries", lambda text: Country.objects.filter(name_fr__icontains=text)
    )
    CountingQuery._compiled.clear()
    query = CountingQuery("apo", "fr")
    assert query.sql() is None
    counts = dict(zip(["head", "reports", *_MATCHES], query.counts(), strict=True))
    assert counts["countries"] == 1


@pytest.mark.django_db
def test_the_site_search_counts_what_it_finds(client):
    make_senator(first_name="Noël", last_name="Roquebrou")
    make_report(title_fr="L'hydrolienne de Paimpol", title_en="The Paimpol tidal turbine")
    CountingQuery._compiled.clear()
    for text, kind in [("lithium", None), ("hydrolienne", "reports"), ("Roquebrout", "senators")]:
        results = site_search(text, "fr")
        found = {k: n for k, n in results["counts"].items() if n}
        assert found == ({kind: 1} if kind else {})
