from django import template
from django.template.base import token_kwargs
from django.utils.html import format_html
from django.utils.html import format_html_join

from backoffice import preview
from backoffice.history import log_message

register = template.Library()


@register.simple_tag
def preview_links(obj, draft=None):
    """The « Prévisualiser » links of a change form (see backoffice/preview.py)."""
    return preview.preview_links(obj, draft)


@register.filter
def history_message(change_message):
    """A history entry in the reader's language, in correct French (backoffice/history.py)."""
    return log_message(change_message)


class TableOfNode(template.Node):
    def __init__(self, rows, empty, attrs, nodelist):
        self.rows, self.empty, self.attrs, self.nodelist = rows, empty, attrs, nodelist

    def render(self, context):
        if not self.rows.resolve(context):
            return format_html("<p>{}</p>", self.empty.resolve(context))
        attrs = format_html_join(
            "", ' {}="{}"', ((name, value.resolve(context)) for name, value in self.attrs.items())
        )
        return format_html("<table{}>{}</table>", attrs, self.nodelist.render(context))


@register.tag
def table_of(parser, token):
    """The back office's lists (latest changes, a record's history, passkeys): a table of
    ``rows`` with the attributes given, or the sentence ``empty`` when there is none.

    Usage: ``{% table_of rows empty=_("No change yet.") class="x" %}<thead>...</thead>
    <tbody>{% for row in rows %}...{% endfor %}</tbody>{% endtable_of %}``.
    """
    bits = token.split_contents()
    attrs = token_kwargs(bits[2:], parser)
    if len(bits) < 2 or "empty" not in attrs or len(attrs) != len(bits) - 2:
        raise template.TemplateSyntaxError("table_of needs rows, empty=... and name=value pairs")
    empty = attrs.pop("empty")
    nodelist = parser.parse(("endtable_of",))
    parser.delete_first_token()
    return TableOfNode(parser.compile_filter(bits[1]), empty, attrs, nodelist)
