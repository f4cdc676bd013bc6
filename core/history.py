"""Field-by-field comparison of two versions of a record from django-reversion's history.

Why not django-reversion-compare (0.19.2 installs on Django 5.2): its differences are
diff-match-patch's HTML, ``<ins style="background:…">``, whose style attributes the back
office's Content Security Policy refuses (no 'unsafe-inline'), and its admin class replaces
the history views that core/editing.py already extends. This is the small part we need,
over reversion's own data and difflib: every field in both languages (``name_fr``,
``name_en``…) and the rows the record follows (a group's memberships), side by side, the
changed words marked with ``<del>``/``<ins>`` and classes styled in backoffice/admin.css.
"""

import datetime
import difflib
import json
import re

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import escape
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

WORDS = re.compile(r"\s+|[^\s]+")
# Fields that change on every save; naming them would tell the editor nothing.
NOISE_FIELDS = {"version", "updated_at"}


def field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field that no longer exists in the model
        return name


def comparable(value):
    """What a form can change: an empty text is no text, seconds are the finest time."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    return value


def _text(value):
    """What an editor reads of a stored value: the words of a rich text, not its tags."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = strip_tags(text.replace("</p>", "</p>\n"))
    return text.strip()


def _shown(model, name, values):
    """A stored value as the editor chose it: a choice by its label (« Secrétaire »)."""
    value = values.get(name)
    try:
        choices = model._meta.get_field(name).flatchoices
    except Exception:  # a field that no longer exists in the model
        choices = None
    if choices:
        value = dict(choices).get(value, value)
    return _text(value)


def word_diff(before, after):
    """(before, after) as HTML, the removed words in <del>, the added ones in <ins>."""
    old, new = WORDS.findall(before), WORDS.findall(after)
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = escape("".join(old[i1:i2])), escape("".join(new[j1:j2]))
        if op == "equal":
            left.append(a)
            right.append(b)
            continue
        if a:
            left.append(f'<del class="diff-removed">{a}</del>')
        if b:
            right.append(f'<ins class="diff-added">{b}</ins>')
    return mark_safe("".join(left)), mark_safe("".join(right))


def field_changes(model, before, after):
    """[(label, before HTML, after HTML)] for the fields whose values differ."""
    rows = []
    for name in after.keys() | before.keys():
        if name in NOISE_FIELDS or name == "id":
            continue
        if comparable(before.get(name)) == comparable(after.get(name)):
            continue
        old, new = word_diff(_shown(model, name, before), _shown(model, name, after))
        rows.append((field_label(model, name), old, new))
    return sorted(rows, key=lambda row: str(row[0]))


def _followed(revision, skip_ct_id):
    return {
        (v.content_type_id, v.object_id): v
        for v in revision.version_set.select_related("content_type")
        if v.content_type_id != skip_ct_id
    }


def compare(model, old, new):
    """The differences between two Versions of one record (``old`` before ``new``):
    {"fields": [...], "rows": [(kind, verbose name, repr, [field changes])]}."""
    fields = field_changes(model, old.field_dict, new.field_dict)
    ct_id = ContentType.objects.get_for_model(model).pk
    rows_old, rows_new = _followed(old.revision, ct_id), _followed(new.revision, ct_id)
    rows = []
    for key in sorted(rows_old.keys() | rows_new.keys(), key=lambda k: (k[0], str(k[1]))):
        a, b = rows_old.get(key), rows_new.get(key)
        version = b or a
        related = version.content_type.model_class()
        name = related._meta.verbose_name if related else version.content_type.model
        if a is None:
            rows.append(("added", name, b.object_repr, []))
        elif b is None:
            rows.append(("removed", name, a.object_repr, []))
        elif a.serialized_data != b.serialized_data:
            changes = field_changes(related, a.field_dict, b.field_dict)
            if changes:
                rows.append(("changed", name, b.object_repr, changes))
    return {"fields": fields, "rows": rows}


# --- History messages -------------------------------------------------------------------
#
def note(text, **values):
    """A history entry that is a sentence of its own (« Bureau renouvelé le 1 octobre 2026 »),
    kept as the log's data so that it reads in the reader's language: ``text`` is the English
    message (marked with gettext_noop so that the catalogue has it), ``values`` its dates."""
    values = {name: value.isoformat() for name, value in values.items()}
    return json.dumps([{"note": {"text": text, **values}}])


def _changed_labels(form, names):
    """The form's labels of the changed fields, in English: they are translated when read."""
    with translation.override(None):
        return [str(form.fields[n].label or n) if n in form.fields else n for n in names]


def _row(obj):
    """A row named for the history: its model (for its article), its English name (what
    Django's own reader translates) and the row as the editor reads it."""
    with translation.override(None):
        name = str(obj._meta.verbose_name)
    return {"name": name, "model": obj._meta.label_lower, "object": str(obj)}


def change_message(form, formsets, add):
    """Django's ``construct_change_message`` (same data, so Django's reader still reads it),
    plus each row's model, and each row named in the editor's language (Django names it with
    translations off: « … (Member) » in a French entry)."""
    changed = form.changed_data
    message = []
    if add:
        message.append({"added": {}})
    elif changed:
        message.append({"changed": {"fields": _changed_labels(form, changed)}})
    for formset in formsets or []:
        for obj in formset.new_objects:
            message.append({"added": _row(obj)})
        for obj, fields in formset.changed_objects:
            labels = _changed_labels(formset.forms[0], fields)
            message.append({"changed": {**_row(obj), "fields": labels}})
        for obj in formset.deleted_objects:
            message.append({"deleted": _row(obj)})
    return message
