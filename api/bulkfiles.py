"""Where the bulk files live and what licence they carry: read by the open-data page and
the API root (api/views.py) and written by ``opendata_export()`` (api/opendata.py)."""

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

LICENCE = {
    "name": "Licence Ouverte / Open Licence 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "attribution": "Sénat — groupes interparlementaires d'amitié",
}

EXPORT_DIR = "opendata"
PREFIX = "senat-groupes-"


def export_dir():
    return Path(settings.MEDIA_ROOT) / EXPORT_DIR


@dataclass
class Export:
    """A bulk file on disk: its name, date and size (for the open-data page)."""

    name: str
    date: datetime.date
    size: int


def latest_export():
    """The newest zip written by ``opendata_export()``, or None."""
    try:
        names = sorted(
            n for n in os.listdir(export_dir()) if n.startswith(PREFIX) and n.endswith(".zip")
        )
    except FileNotFoundError:
        return None
    if not names:
        return None
    name = names[-1]
    day = datetime.date.fromisoformat(name[len(PREFIX) : -len(".zip")])
    return Export(name=name, date=day, size=(export_dir() / name).stat().st_size)
