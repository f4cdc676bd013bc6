from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import generation
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


TYPESET = "typeset_pass"  # in the context while a {% typeset %} block renders


class TypesetNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        with context.push({TYPESET: True}):
            return i18n.typography(self.nodelist.render(context))


@register.tag
def typeset(parser, token):
    """The page's typography pass (core.i18n.typography) over what it encloses, which
    copies the kept fragments inside it as they were set when kept.

    Usage: ``{% typeset %}...{% endtypeset %}`` (base.html: the whole <body>).
    """
    nodelist = parser.parse(("endtypeset",))
    parser.delete_first_token()
    return TypesetNode(nodelist)


@register.simple_tag(takes_context=True)
def already_set(context, html):
    """Markup that went through core.i18n.typography() when it was kept (a group's or a
    country's page body): the enclosing {% typeset %} copies it as it is."""
    return i18n.typeset_once(html) if context.get(TYPESET) else html


class ContentFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        name = self.name.resolve(context)
        if not name:  # a page that is not kept this time (core.generation.browsing_key)
            return self.nodelist.render(context)
        vary = [str(name), *(str(var.resolve(context)) for var in self.vary_on)]
        key = ":".join(["content-fragment", get_language() or "", *vary])
        html = generation.for_generation(
            key, lambda: mark_safe(i18n.typography(self.nodelist.render(context)))
        )
        return already_set(context, html)


@register.tag
def content_fragment(parser, token):
    """Render what it encloses once per content generation and language (core.generation).

    Usage: ``{% content_fragment "map-list" [var ...] %}...{% endcontent_fragment %}``.
    Only for markup that depends on published content and the language alone (plus the
    ``var``s given, which join the key): never on the request, the user or a draft.
    A name that resolves to nothing renders the markup for this request alone.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("content_fragment needs a name")
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    return ContentFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
