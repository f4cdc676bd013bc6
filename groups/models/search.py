"""How names are searched: the text a name search compares, and a senator's."""

import re
import string

from django.db import models
from django.db.models import Func


class SearchKey(Func):
    """Text as a name search compares it: lower case, without accents, hyphens or apostrophes.

    ``SearchKey("first_name", "last_name")`` joins its parts with spaces. The SQL function
    (migration 0011) wraps unaccent(), which is only STABLE, in an IMMUTABLE function so
    that an index can hold its result; applied to what the visitor typed too, both sides
    are cleaned by the same rules (« Nérac-Fabre », « nerac fabre », « NERACFABRE »).
    """

    function = "groups_search_key"
    output_field = models.TextField()


# The words of a name query: a word may hold hyphens and apostrophes (« d'Ornano »).
_NAME_WORD = re.compile(r"\w[\w'’-]*")
MAX_NAME_WORDS = 5


def name_words(text):
    """The words of a name query that ``matching_name()`` looks for, at most MAX_NAME_WORDS."""
    return _NAME_WORD.findall(text)[:MAX_NAME_WORDS]


def senator_search_key():
    """What a senator is found by: first and last names and constituency (index in Meta)."""
    return SearchKey("first_name", "last_name", "constituency_fr", "constituency_en")


# The letters of the senators index (``SenatorQuerySet.with_initial``).
LETTERS = tuple(string.ascii_uppercase)
