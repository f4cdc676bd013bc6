"""Small, tested helpers for the bilingual pages (used by groups/templatetags/site.py)."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.translation import get_language, override


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
    Every page calls this, and translate_url() resolves then reverses the path (about
    0.5 ms for two languages); the answer depends only on the path and the URL
    configuration, so the latest 512 answers are kept (query strings make paths unbounded).
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _language_urls(path, get_language(), get_script_prefix(), urlconf)


@lru_cache(maxsize=512)
def _language_urls(path, current, script_prefix, urlconf):
    urls = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            with override(code):
                url = reverse("groups:home")
        urls.append((code, name, url))
    return tuple(urls)
