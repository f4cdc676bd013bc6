from django import template

from backoffice import preview

register = template.Library()


@register.simple_tag
def preview_links(obj, draft=None):
    """The « Prévisualiser » links of a change form (see backoffice/preview.py)."""
    return preview.preview_links(obj, draft)
