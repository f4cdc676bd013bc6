"""How text_q() reads a row (core.search.TextVector): every field in both languages' readings,
a translation not written yet read as empty, accents aside, English words stemmed in English,
French ones in French."""

import pytest

from core.search import text_q
from missions.models import COLLOQUIUM_TEXT
from missions.models import Colloquium
from reports.models import NEWS_TEXT
from reports.models import NewsItem
from tests.factories import make_colloquium
from tests.factories import make_news


def found(model, fields, text):
    return list(model.objects.filter(text_q(fields, text)).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, found_it",
    [
        ("coopération", True),
        ("cooperation", True),  # accents aside
        ("coopérations", True),  # French stemming
        ("agreements", True),  # English stemming of the English title
        ("treaty", False),
        ("Erevan", True),
        ("-Erevan coopération", False),
        ("mangrove", False),
    ],
)
def test_a_news_item_is_found_by_its_words_in_either_language(text, found_it):
    news = make_news(title_fr="Coopération avec Erevan", title_en="The agreement with Yerevan")
    assert found(NewsItem, NEWS_TEXT, text) == ([news.pk] if found_it else [])


@pytest.mark.django_db
def test_an_english_translation_not_written_yet_reads_as_empty():
    colloquium = make_colloquium(title_fr="Forum Asie centrale", title_en=None, venue_en=None)
    assert found(Colloquium, COLLOQUIUM_TEXT, "asie centrale") == [colloquium.pk]
