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
CHECKSUM_SUFFIX = ".sha256"  # beside each zip: "<hex>  <name>", as sha256sum writes it


def export_dir():
    return Path(settings.MEDIA_ROOT) / EXPORT_DIR


@dataclass
class Export:
    """A bulk file on disk: its name, date, size and SHA-256 (for the open-data page)."""

    name: str
    date: datetime.date
    size: int
    sha256: str

    @property
    def checksum_name(self):
        return self.name + CHECKSUM_SUFFIX


def exports():
    """Every zip written by ``opendata_export()``, newest first (one a day, kept)."""
    try:
        names = sorted(
            (n for n in os.listdir(export_dir()) if n.startswith(PREFIX) and n.endswith(".zip")),
            reverse=True,
        )
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        path = export_dir() / name
        checksum = path.with_name(name + CHECKSUM_SUFFIX)
        found.append(
            Export(
                name=name,
                date=datetime.date.fromisoformat(name[len(PREFIX) : -len(".zip")]),
                size=path.stat().st_size,
                sha256=checksum.read_text().split()[0] if checksum.is_file() else "",
            )
        )
    return found


def latest_export():
    """The newest zip written by ``opendata_export()``, or None."""
    found = exports()
    return found[0] if found else None
