from django import template

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
