import re
from html.parser import HTMLParser

import nh3
from django.db import models
from django_prose_editor.fields import ProseEditorFormField

# What staff may put in rich text: structure, emphasis, links, tables.
# No scripts, styles, event handlers or javascript: links survive nh3. No images: the
# API, the feeds and the open-data files hand the text to re-users, and a remote image
# pasted from a web page is a tracking pixel there (the CSP only protects our own
# pages); the portal's own uploads are not public, and the editor offers no image.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p",
    "pre", "q", "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "title"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# What the rich-text editor (django-prose-editor, Tiptap) offers: a subset of the
# allowlist above, so that nothing the editor writes is lost on save. Pasted content
# (from Word or a web page) is parsed into these nodes only; anything else is dropped
# by the editor before it reaches the textarea, then by sanitize_html() on save.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # No target="_blank": our allowlist drops it, and links open in the same tab.
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
    "Menu": True,
}


def sanitize_html(value):
    """Staff-entered HTML reduced to the allowlist above; idempotent."""
    if not value:
        return value
    # One pass is not always a fixed point: nested links such as "<a><a></a></a>"
    # come out as markup that parses differently the next time (found by
    # tests/test_sanitize.py). Clean until the output stops changing.
    for _ in range(5):
        cleaned = nh3.clean(
            value,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
        if cleaned == value:
            break
        value = cleaned
    return cleaned


class HTMLField(models.TextField):
    """A TextField whose HTML is sanitised every time the row is saved.

    Sanitising in the field (rather than in a form) covers the admin, importers,
    commands and the shell alike; templates may then mark the value safe.
    modeltranslation copies this field for each language, so title_fr and
    title_en are both sanitised.
    """

    def formfield(self, **kwargs):
        # The editor is a convenience, never the protection: pre_save() sanitises anyway.
        return super().formfield(
            **{
                "form_class": ProseEditorFormField,
                "config": {"extensions": EDITOR_EXTENSIONS},
                "sanitize": sanitize_html,
                **kwargs,
            }
        )

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        # Write to __dict__, not through setattr(): on the untranslated field,
        # modeltranslation's descriptor would copy the value into the active
        # language's field (filling an empty English text with the French one).
        model_instance.__dict__[self.attname] = value
        return value


# Elements that start a new line in the plain text (the others run inline).
BLOCK_TAGS = {
    "blockquote", "caption", "dd", "dl", "dt", "figcaption", "figure", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "table", "tbody", "tfoot", "thead", "tr", "ul",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS and tag != "li":
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(value):
    """The plain text of an HTMLField's value, for readers that show no HTML (the API's
    ``description_text``): no tags, entities decoded, a blank line between paragraphs,
    list items on lines of their own starting with « - »; links keep their text only."""
    if not value:
        return value
    parser = _Text()
    parser.feed(value)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
