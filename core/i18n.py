"""Small, tested helpers for the bilingual pages (used by core/templatetags/site.py)."""

import functools
import re

from django.conf import settings
from django.db.models import TextField
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.db.models.functions import NullIf
from django.urls import get_script_prefix
from django.urls import get_urlconf
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import override


def falls_back_to_french(obj, field, language=None):
    """True when a page in `language` shows obj.<field> in French, its own text being empty.

    modeltranslation falls back to French (MODELTRANSLATION_FALLBACK_LANGUAGES), and the
    page must then mark that text lang="fr" so that screen readers pronounce it right.
    """
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == "fr":
        return False
    own = getattr(obj, f"{field}_{language}", None)
    return not own and bool(getattr(obj, f"{field}_fr", None))


def language_urls(path):
    """[(code, name, url)] of this page (query string kept) in every site language.

    A path that resolves to no page (a 404) leads to the other language's home page.
    """
    current = get_language()
    return _language_urls(path, current, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())


# The answers by path, kept for the process (the URLconf does not change while it runs):
# resolving the path and reversing it in each language took 0.63 ms of CPU, 0.01 ms
# from the memo, of the 3.6 ms a group page cost with its body kept (bench/cputime.py,
# 10x data, 2026-12-07); a memo measured on 2026-12-01 showed nothing in the wall time
# of pages then 20 to 60 ms.
@functools.lru_cache(maxsize=4096)
def _language_urls(path, current, root_urlconf, urlconf, script_prefix):
    urls = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            # The home page is the root of each language's tree (i18n_patterns).
            url = f"{script_prefix}{code}/"
        urls.append((code, name, url))
    return tuple(urls)


def translated(field, language=None):
    """``<field>`` in ``language`` (the active one), in SQL: the English text, or the
    French one when it is empty, as modeltranslation falls back on the pages
    (MODELTRANSLATION_FALLBACK_LANGUAGES). For ``values()``, ``annotate()`` and search
    documents, where modeltranslation's own rewriting does not reach.

    ``field`` may cross relations (``"group__name"``).
    """
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == "fr":
        return Coalesce(f"{field}_fr", Value(""), output_field=TextField())
    # name_fr carries the French collation and name_en not: Django calls them mixed
    # types unless told the result's type.
    return Coalesce(
        NullIf(f"{field}_{language}", Value("")),
        f"{field}_fr",
        Value(""),
        output_field=TextField(),
    )


def long_date(day, language=None):
    """A date in words, as the page's language writes it: « 1er octobre 2023 » (French
    writes the first of the month as an ordinal; Django's « j F Y » cannot), "1 October 2023".
    """
    from django.utils import formats
    from django.utils.dateformat import format as date_format

    if day is None:
        return ""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    with override(language):
        text = date_format(day, formats.get_format("DATE_FORMAT", lang=language))
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def file_size(size):
    """A file's size as a reader of the page says it: « 1,2 Mo » in French ("1.2 MB").

    Django's filesizeformat writes « Mio » in French, a unit few readers know.
    """
    from django.utils.formats import number_format
    from django.utils.translation import pgettext

    units = [
        pgettext("file size", "%s KB"),
        pgettext("file size", "%s MB"),
        pgettext("file size", "%s GB"),
    ]
    value, unit = size / 1024, units[0]
    for unit in units:
        if value < 1024 or unit == units[-1]:
            break
        value /= 1024
    # A no-break space between number and unit (the translations carry a plain one).
    return (unit % number_format(value, 1)).replace(" ", "\xa0")


# A tag (left as it is), an apostrophe between two letters (as typed, or as escaped by
# Django or nh3), or the one space typed before « ? ! : ; » (not one of several, as a
# template's indentation). One pass, tags matched whole so that no attribute changes.
# Cost on the demo's pages: 1 to 6 ms for renders of 90 to 175 ms (the page cache
# serves the rest); a hand-written splitter saved at most 3 ms and was not kept.
_TYPOGRAPHY = re.compile(
    r"\ue000[^\ue001]*\ue001|<[^>]*>|(?<=\w)(?:'|&#x27;|&#39;)(?=\w)|(?<!\s) (?=[?!:;])"
)
# Markup already set (a kept fragment, core.generation) travels between these two
# private-use characters, so that the page's pass copies it whole: one match where a
# tag by tag pass cost a Python call per tag. Map page 6.4 -> 2.3 ms of CPU, group page
# 2.8 -> 2.1, groups list 10.4 -> 9.6 (bench/cputime.py at 10x data, 2026-12-07).
_SET, _END = "\ue000", "\ue001"


def typography(html, language=None):
    """HTML (or plain text) with one apostrophe, ’, and, in French, a non-breaking space
    before « ? », « ! », « : » and « ; » where a space was typed, so that « mondial ? »
    never wraps leaving « ? » alone. Only text is changed, never a tag or an attribute.

    The page's whole text goes through it once (base.html), so the catalogue, the data
    and rich text agree whatever an editor typed.
    """
    french = (language or get_language() or settings.LANGUAGE_CODE).startswith("fr")

    def replace(match):
        found = match.group()
        if found[0] == "<":
            return found
        if found[0] == _SET:
            return found[1:-1]
        if found == " ":
            return "\u00a0" if french else " "
        return "\u2019"

    return _TYPOGRAPHY.sub(replace, html)


def typeset_once(html):
    """Markup already through ``typography()``, marked so that the page's pass copies it
    as it is. Only for markup that a ``{% typeset %}`` block encloses
    (core/templatetags/site.py)."""
    return mark_safe(f"{_SET}{html}{_END}")
