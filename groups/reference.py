"""Reference data every portal needs: the zones and the 249 ISO countries.

They come from fixtures/ (zones in demo.json, countries.json: codes, zones, centroids and
the French article, « le Cameroun »; names from django-countries in French and English).
The demo (`load_demo`) and the Senate's import (`import_sens`, into an empty portal) both
start from them.
"""

import json
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django_countries import countries as country_names

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def read_fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def zone_rows():
    """The zones as fixture records ({slug, name_fr, name_en, position})."""
    return read_fixture("demo.json")["zones"]


def country_rows(zones):
    """[(code, field values)] of every ISO country; ``zones`` maps a zone's slug to its row."""
    rows = []
    for c in read_fixture("countries.json")["countries"]:
        names = {}
        for lang in ("fr", "en"):
            with translation.override(lang):
                names[f"name_{lang}"] = str(country_names.name(c["code"]))
        rows.append(
            (
                c["code"],
                {
                    **names,
                    "zone": zones[c["zone"]],
                    "latitude": c["latitude"],
                    "longitude": c["longitude"],
                    "has_parliament": c["has_parliament"],
                    "article": c["article"],
                },
            )
        )
    return rows
