"""text_q() writes the SQL of Django's SearchVector, which its GIN indexes are declared with
(core.search._TextVector): PostgreSQL uses an expression index only for the same expression."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.contrib.postgres.search import SearchVectorExact
from django.db.models import Q

from cooperation.models import AGREEMENT_TEXT
from cooperation.models import AUTHORITY_TEXT
from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from core.search import SEARCH_CONFIGS
from core.search import _columns
from core.search import search_query
from core.search import text_q
from groups.models import GROUP_NAME_TEXT
from groups.models import GroupName
from missions.models import COLLOQUIUM_TEXT
from missions.models import Colloquium
from reports.models import NEWS_TEXT
from reports.models import NewsItem


def searchvector_q(fields, text):
    return Q(
        *(
            SearchVectorExact(
                SearchVector(*_columns(fields), config=config), search_query(text, lang)
            )
            for lang, config in SEARCH_CONFIGS.items()
        ),
        _connector=Q.OR,
    )


@pytest.mark.parametrize(
    "model, fields",
    [
        (NewsItem, NEWS_TEXT),  # translated fields
        (Colloquium, COLLOQUIUM_TEXT),  # three of them, one an HTML field
        (Agreement, AGREEMENT_TEXT),  # one
        (LocalAuthority, AUTHORITY_TEXT),  # one field without translations
        (GroupName, GROUP_NAME_TEXT),  # two
    ],
)
def test_text_q_writes_the_sql_its_indexes_are_declared_with(model, fields):
    ours = model.objects.filter(text_q(fields, "Erevan")).values("pk").query.sql_with_params()
    django = model.objects.filter(searchvector_q(fields, "Erevan")).values("pk")
    assert "to_tsvector" in ours[0]
    assert ours == django.query.sql_with_params()
