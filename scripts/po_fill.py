"""Fill French translations into locale/fr/LC_MESSAGES/django.po from a JSON file.

    flock locale/.lock sh -c '.venv/bin/python manage.py makemessages -l fr --ignore=.venv \
        --ignore=node_modules --no-obsolete && .venv/bin/python scripts/po_fill.py my.json'

The JSON maps an English msgid to its French msgstr. For a msgid with a context,
the key is "context\u0004msgid"; for a plural, the value is a list [singular, plural].
Entries that were marked fuzzy and are given here lose the fuzzy flag. The script
prints how many msgids are still untranslated (and lists them with --missing).
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"


def main(args):
    catalog = polib.pofile(str(PO))
    translations = {}
    for name in [a for a in args if not a.startswith("--")]:
        translations.update(json.loads(Path(name).read_text()))
    for entry in catalog:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in translations:
            continue
        value = translations[key]
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, list) else (value, value)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()
    missing = [e for e in catalog if not e.translated() and not e.obsolete]
    print(f"{len(missing)} msgid(s) still untranslated in {PO.relative_to(Path.cwd())}")
    if "--missing" in args:
        for entry in missing:
            print((f"[{entry.msgctxt}] " if entry.msgctxt else "") + entry.msgid)


if __name__ == "__main__":
    main(sys.argv[1:])
