"""History entries worded when read: Django's log data in the reader's language, in correct
French (« Ajout de l’appartenance … (Membre) »).

An entry names the models of its rows (``app_label.ModelName``), so wording it reaches every
app through the registry: that is an arrow to each of them, so it lives here, above them all,
beside the history page and the dashboard that show it. core/history.py writes the entries.
"""

import functools
import json

from django.apps import apps
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.formats import localize
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import pgettext_lazy

# Django writes a history entry as data (``[{"added": {"name": "membership", "object": …}}]``)
# and words it when read, in one sentence for every model: its French, « Ajout de {name} »,
# reads « Ajout de appartenance ». Here each model's French name has its grammatical gender
# (GENDERS; English names take no article), a name that begins with a vowel takes the elided
# article, and the catalogue has one sentence for each case: « Ajout du groupe », « Ajout de
# la mission », « Ajout de l’appartenance ». A model with no gender keeps Django's sentence
# (« l’objet {name} »).

MASCULINE = "masculine"
FEMININE = "feminine"
ELIDED = "elided"
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûü")

# The gender of each model's French name (the comment), by the model's label. A fact of the
# French catalogue that only these sentences read: it is kept beside them rather than in each
# model, so that the domain apps know nothing of the back office's wording.
# tests/test_history_wording.py checks that every model of the project has one.
GENDERS = {
    "alerts.sentitem": MASCULINE,  # élément envoyé dans un résumé
    "alerts.subscription": FEMININE,  # alerte par courriel
    "api.removal": MASCULINE,  # retrait
    "backoffice.draft": FEMININE,  # version non publiée
    "cooperation.agreement": MASCULINE,  # accord de coopération
    "cooperation.authoritydataset": MASCULINE,  # jeu de données des collectivités
    "cooperation.declaration": FEMININE,  # déclaration
    "cooperation.department": MASCULINE,  # département
    "cooperation.foreignauthority": FEMININE,  # collectivité étrangère
    "cooperation.localauthority": FEMININE,  # collectivité territoriale française
    "cooperation.region": FEMININE,  # région
    "filestore.storedfile": MASCULINE,  # fichier stocké
    "groups.country": MASCULINE,  # pays
    "groups.countrylink": MASCULINE,  # pays couvert dans le temps
    "groups.formerslug": MASCULINE,  # ancien identifiant d’URL
    "groups.friendshipgroup": MASCULINE,  # groupe d’amitié
    "groups.groupname": MASCULINE,  # nom du groupe
    "groups.membership": FEMININE,  # appartenance
    "groups.politicalgroup": MASCULINE,  # groupe politique
    "groups.politicalmembership": FEMININE,  # appartenance à un groupe politique
    "groups.senator": MASCULINE,  # sénateur
    "groups.zone": FEMININE,  # zone
    "legal.legalpage": FEMININE,  # page légale
    "missions.colloquium": MASCULINE,  # colloque
    "missions.mission": FEMININE,  # mission
    "missions.missionparticipant": MASCULINE,  # membre de la délégation
    "missions.partner": MASCULINE,  # partenaire
    "missions.reception": FEMININE,  # réception
    "outbox.outgoingmessage": MASCULINE,  # courriel sortant
    "reports.newsitem": FEMININE,  # actualité
    "reports.report": MASCULINE,  # rapport
    "sens.importrun": MASCULINE,  # import
}

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
    gender = GENDERS.get(model._meta.label_lower) if model else None
    case = ELIDED if name[:1].lower() in VOWELS else gender
    sentence = SENTENCES.get((action, case)) if gender else None
    words = {**part, "name": name}
    if action == "changed":
        words["fields"] = _text_list(part.get("fields", []))
    return str(sentence or gettext(NEUTRAL[action])).format(**words)


def _text_list(fields):
    return get_text_list([gettext(field) for field in fields], gettext("and"))


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
