"""The world map: country shapes built from Natural Earth, projection, and pins.

The shapes come from the npm package `world-atlas` (Natural Earth, public domain) and
are turned into SVG paths at build time by scripts/build_map.py (`make map`). Pages
draw the map as inline SVG, so every covered country is a real link that a keyboard
reaches and a screen reader names, and nothing is fetched from another host.
"""

import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils.html import escape
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import ngettext

from core.i18n import falls_back_to_french

logger = logging.getLogger(__name__)

SHAPES_FILE = Path(__file__).resolve().parent.parent / "var/map/world-110m.json"

# Equirectangular projection onto a 1000-unit-wide viewBox; Antarctica is cut off.
WIDTH = 1000
NORTH, SOUTH = 84.0, -57.0
SCALE = WIDTH / 360
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
VIEWBOX = f"0 0 {WIDTH} {HEIGHT:g}"


def project(longitude, latitude):
    """(x, y) in viewBox units of a point given in degrees."""
    return (float(longitude) + 180) * SCALE, (NORTH - float(latitude)) * SCALE


@cache
def load_shapes(variant="detailed"):
    """{ISO alpha-2: SVG path} ("detailed" or "small"); empty if not built yet (pins only)."""
    try:
        return json.loads(SHAPES_FILE.read_text())[variant]
    except FileNotFoundError:
        logger.warning("%s is missing: run `make map`", SHAPES_FILE)
        return {}


@dataclass(frozen=True)
class MapCountry:
    country: object
    path: str
    is_covered: bool


@dataclass(frozen=True)
class Pin:
    x: float
    y: float
    label: str
    url: str


def pin(obj, label, url):
    x, y = project(obj.longitude, obj.latitude)
    return Pin(round(x, 1), round(y, 1), label, url)


def build_map(countries, covered_codes, shapes):
    """Shapes to draw and pins for covered countries too small to have a shape.

    Returns (shapes, small_state_pins): `shapes` is a list of MapCountry (every country
    with a shape; `country` is None for a shape that matches none of `countries`, which
    may hold the covered countries only).
    """
    by_code = {country.code: country for country in countries}
    drawn = [
        MapCountry(by_code.get(code), path, code in covered_codes and code in by_code)
        for code, path in sorted(shapes.items())
    ]
    # Draw covered countries last, so their outline is on top of their neighbours'.
    drawn.sort(key=lambda item: item.is_covered)
    small_states = [
        pin(country, str(country), country.get_absolute_url())
        for country in countries
        if country.code in covered_codes and country.code not in shapes
    ]
    return drawn, small_states


COVERED_CLASS = mark_safe(' class="map-covered"')
LANG_FR = mark_safe(' lang="fr"')


def overview_svg(covered_codes):
    """The home page's small map: every shape, covered ones highlighted (no links)."""
    shapes = load_shapes("small")
    covered_codes = frozenset(covered_codes)
    drawn = sorted(shapes.items())
    drawn.sort(key=lambda item: item[0] in covered_codes)  # covered on top
    return format_html_join(
        "",
        '<path{} d="{}"/>',
        ((COVERED_CLASS if code in covered_codes else "", path) for code, path in drawn),
    )


def countries_svg(drawn):
    """The world map's shapes (MapCountry items from build_map): a link per covered country.

    Rendered in Python rather than with a template loop (~180 shapes). A memo of this
    markup (by covered countries and language) was measured and removed: the page took
    as long without it (bench/ab.py, 2026-12-01: map page 37-38 ms of CPU either way).
    """
    parts = []
    for item in drawn:
        if item.is_covered:
            country = item.country
            parts.append(
                format_html(
                    '\n    <a href="{}" class="map-covered" aria-label="{}"{}>'
                    '<title>{}</title><path d="{}"/></a>',
                    country.get_absolute_url(),
                    country.name,
                    LANG_FR if falls_back_to_french(country, "name") else "",
                    country.name,
                    item.path,
                )
            )
        else:
            parts.append(format_html('\n    <path class="map-uncovered" d="{}"/>', item.path))
    return format_html_join("", "{}", ((part,) for part in parts))


def covered_list_html(countries):
    """The list below the map: the covered ``countries`` (``for_list()``-like rows, in
    zone order) under a heading per zone, each a link followed by its active groups.

    Rendered in Python rather than with template loops (~230 countries, ~400 groups),
    with the page's language read once: the list took 36 ms of CPU with the template's
    loops, 12.5 ms so, and the first map page after an edit 95-105 ms, 67-73 ms so
    (bench/cputime.py's map page after an edit, 10× data, back to back, load 8-10,
    2026-12-07). The markup is the template's (tests/test_map_list.py).
    """
    language = get_language()

    def lang(obj):  # the fallback_lang filter's ` lang="fr"`
        return ' lang="fr"' if falls_back_to_french(obj, "name", language) else ""

    parts, zone = [], None
    for country in countries:
        if zone is None or country.zone_id != zone.pk:
            if zone is not None:
                parts.append("\n  </ul>\n")
            zone = country.zone
            parts.append(
                f'<h3 id="map-zone-{escape(zone.slug)}"{lang(zone)}>{escape(zone.name)}</h3>'
                '\n<ul class="country-list">'
            )
        groups = ", ".join(
            f"<span{lang(group)}>{escape(group.name)}</span>" for group in country.active_groups
        )
        parts.append(
            f'\n    <li><a href="{escape(country.get_absolute_url())}"{lang(country)}>'
            f'{escape(country.name)}</a>\n      <span class="country-groups">{groups}</span></li>'
        )
    if zone is not None:
        parts.append("\n  </ul>\n")
    return mark_safe("".join(parts))  # every text and URL escaped above


def mission_pins(countries):
    """One pin per country, in the order given; ``country.recent_missions`` is its count.

    A pin leads to the missions list filtered on that country.
    """
    url = reverse("missions:list")
    pins = []
    for country in countries:
        label = ngettext(
            "%(country)s: %(count)d recent mission",
            "%(country)s: %(count)d recent missions",
            country.recent_missions,
        ) % {"country": country, "count": country.recent_missions}
        pins.append(pin(country, label, f"{url}?country={country.code}"))
    return pins
