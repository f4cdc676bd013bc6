from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import i18n
from core import search

register = template.Library()


@register.filter
def fallback_lang(obj, field):
    """` lang="fr"` when an English page shows this field's French text; else nothing.

    Usage: <h1{{ group|fallback_lang:"name" }}>{{ group.name }}</h1>
    """
    return mark_safe(' lang="fr"') if i18n.falls_back_to_french(obj, field) else ""


@register.filter
def file_size(size):
    """« 1,2 Mo » (core.i18n.file_size)."""
    return i18n.file_size(size)


@register.filter
def long_date(day):
    """« 1er octobre 2023 » on French pages (core.i18n.long_date)."""
    return i18n.long_date(day)


@register.filter
def highlight(text, query):
    """The words of ``text`` the search ``query`` found, in <mark> (core.search.highlight)."""
    return search.highlight(text, query)


@register.filter(is_safe=True)
def typography(html):
    """One apostrophe and French spacing (core.i18n.typography); keeps the text's safety.

    Usage: {% filter typography %}...{% endfilter %}
    """
    return i18n.typography(html)


@register.simple_tag(takes_context=True)
def language_urls(context):
    """The current page in each language, for the switcher and <link rel=alternate>."""
    request = context.get("request")
    if request is None:
        return []
    # A back-office preview (backoffice/preview.py) switches to the other language's preview.
    if getattr(request, "preview_language_urls", None):
        return request.preview_language_urls
    return i18n.language_urls(request.get_full_path())


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with ?page=<number>, keeping the other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return format_html("?{}", query.urlencode())


@register.simple_tag(takes_context=True)
def csv_url(context):
    """The current list as CSV: same filters, every page (core.exports)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return format_html("?{}", query.urlencode())
