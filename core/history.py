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
import functools
import json
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import pgettext_lazy

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
# Django writes a history entry as data (``[{"added": {"name": "membership", "object": …}}]``)
# and words it when read, in one sentence for every model: its French, « Ajout de {name} »,
# reads « Ajout de appartenance ». Here each model says the grammatical gender of its name
# (``verbose_name_gender``, the French gender: English names take no article), a name that
# begins with a vowel takes the elided article, and the catalogue has one sentence for each
# case: « Ajout du groupe », « Ajout de la mission », « Ajout de l’appartenance ». A model
# that declares no gender keeps Django's sentence (« l’objet {name} »).

MASCULINE = "masculine"
FEMININE = "feminine"
ELIDED = "elided"
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûü")

SENTENCES = {
    ("added", MASCULINE): pgettext_lazy("masculine name", "Added {name} “{object}”."),
    ("added", FEMININE): pgettext_lazy("feminine name", "Added {name} “{object}”."),
    ("added", ELIDED): pgettext_lazy("name that begins with a vowel", "Added {name} “{object}”."),
    ("changed", MASCULINE): pgettext_lazy(
        "masculine name", "Changed {fields} for {name} “{object}”."
    ),
    ("changed", FEMININE): pgettext_lazy(
        "feminine name", "Changed {fields} for {name} “{object}”."
    ),
    ("changed", ELIDED): pgettext_lazy(
        "name that begins with a vowel", "Changed {fields} for {name} “{object}”."
    ),
    ("deleted", MASCULINE): pgettext_lazy("masculine name", "Deleted {name} “{object}”."),
    ("deleted", FEMININE): pgettext_lazy("feminine name", "Deleted {name} “{object}”."),
    ("deleted", ELIDED): pgettext_lazy(
        "name that begins with a vowel", "Deleted {name} “{object}”."
    ),
}
# Django's own sentences (and their French in our catalogue) for a model with no gender.
NEUTRAL = {
    "added": "Added {name} “{object}”.",
    "changed": "Changed {fields} for {name} “{object}”.",
    "deleted": "Deleted {name} “{object}”.",
}


@functools.cache
def _models_by_name():
    """{English verbose name: model}, for entries written before they named their model."""
    with translation.override(None):
        return {str(m._meta.verbose_name): m for m in apps.get_models()}


def _model(part):
    try:
        return apps.get_model(part["model"])
    except (KeyError, LookupError, ValueError):
        return _models_by_name().get(part.get("name"))


def _row_sentence(action, part):
    """« Ajout de l’appartenance « … » »: the row's model named in the reader's language."""
    model = _model(part)
    name = str(model._meta.verbose_name) if model else gettext(part.get("name", ""))
    gender = getattr(model, "verbose_name_gender", None)
    case = ELIDED if name[:1].lower() in VOWELS else gender
    sentence = SENTENCES.get((action, case)) if gender else None
    words = {**part, "name": name}
    if action == "changed":
        words["fields"] = _text_list(part.get("fields", []))
    return str(sentence or gettext(NEUTRAL[action])).format(**words)


def _text_list(fields):
    return get_text_list([gettext(field) for field in fields], gettext("and"))


def note(text, **values):
    """A history entry that is a sentence of its own (« Bureau renouvelé le 1 octobre 2026 »),
    kept as the log's data so that it reads in the reader's language: ``text`` is the English
    message (marked with gettext_noop so that the catalogue has it), ``values`` its dates."""
    values = {name: value.isoformat() for name, value in values.items()}
    return json.dumps([{"note": {"text": text, **values}}])


def _sentences(part):
    if "note" in part:
        words = dict(part["note"])
        text = words.pop("text", "")
        dates = {name: parse_date(value) for name, value in words.items()}
        yield gettext(text) % {name: date_format(day, "DATE_FORMAT") for name, day in dates.items()}
        return
    if "reverted" in part:
        saved = parse_datetime(part["reverted"].get("saved_on", ""))
        if saved is not None:
            yield gettext("Reverted to previous version, saved on %(datetime)s") % {
                "datetime": localize(localtime(saved))
            }
        return
    for action in ("added", "changed", "deleted"):
        if action not in part:
            continue
        words = part[action]
        if words.get("name"):
            yield _row_sentence(action, words)
        elif action == "added":
            yield gettext("Added.")
        elif action == "changed":
            yield gettext("Changed {fields}.").format(fields=_text_list(words.get("fields", [])))
        return


def log_message(change_message):
    """A history entry (a LogEntry's ``change_message`` or a revision's ``comment``) in the
    reader's language: the models' and fields' names translated now, each row's name (the
    ``object``, written in the editor's language) as it was. Text that is not the log's data
    (a message written as text) is returned as it is."""
    if not change_message or not change_message.startswith("["):
        return change_message or ""
    try:
        parts = json.loads(change_message)
    except json.JSONDecodeError:
        return change_message
    sentences = [s for part in parts if isinstance(part, dict) for s in _sentences(part)]
    if not sentences:
        return gettext("No fields changed.")
    return " ".join(s[0].upper() + s[1:] for s in sentences)


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
