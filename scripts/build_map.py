"""Turn Natural Earth's country shapes (npm `world-atlas`) into SVG paths for the world map.

    .venv/bin/python scripts/build_map.py   (run by `make map`, after `npm ci`)

Reads node_modules/world-atlas/countries-110m.json (TopoJSON, 1:110 million scale),
decodes its arcs, projects every ring with an equirectangular projection onto the
map's viewBox (see portal/worldmap.py, which does the same for pins) and writes
var/map/world-110m.json: {"detailed": {"AL": "M..z", ...}, "small": {...}}, keyed by
ISO 3166-1 alpha-2 code.
The site reads that file; nothing is fetched from the network, at build time or later.
"""

import json
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from django.conf import settings  # noqa: E402

settings.configure()  # django_countries reads its (default) settings

from django_countries import countries  # noqa: E402

from portal.worldmap import project  # noqa: E402

SOURCE = BASE_DIR / "node_modules/world-atlas/countries-110m.json"
TARGET = BASE_DIR / "var/map/world-110m.json"

# Shapes Natural Earth gives no ISO number; those not listed are left out of the map.
NAMES_WITHOUT_ISO_NUMBER = {"Kosovo": "XK"}
LEFT_OUT = {"AQ"}  # Antarctica: no parliament, and it would take a third of the map


def decode_arcs(topology):
    """Absolute (lon, lat) points of every arc (TopoJSON quantised, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their end point.
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """The ring with no jump across the antimeridian (Russia, Fiji), and its copies.

    A ring whose longitude jumps from +180 to -180 would be drawn as a line across the
    whole map. It is made continuous (east of 180° becomes 180°+), then drawn twice,
    as is and shifted by -360°: the viewBox clips what falls outside.
    """
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    longitudes = [lon for lon, _ in unwrapped]
    copies = [unwrapped]
    if max(longitudes) > 180:
        copies.append([(lon - 360, lat) for lon, lat in unwrapped])
    if min(longitudes) < -180:
        copies.append([(lon + 360, lat) for lon, lat in unwrapped])
    return copies


def ring_path(points, step):
    """A closed SVG subpath in relative moves on a grid of `step` units; None if it vanishes."""
    rounded = []
    for lon, lat in points:
        x, y = project(lon, lat)
        point = (round(x / step), round(y / step))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) < 3:
        return None
    parts = [f"M{rounded[0][0] * step:g} {rounded[0][1] * step:g}"]
    for (x0, y0), (x1, y1) in zip(rounded, rounded[1:], strict=False):
        parts.append(f"{round((x1 - x0) * step, 1):g} {round((y1 - y0) * step, 1):g}")
    return parts[0] + "l" + " ".join(parts[1:]) + "z"


def alpha2(geometry):
    if "id" in geometry:
        return countries.alpha2(int(geometry["id"])) or None
    return NAMES_WITHOUT_ISO_NUMBER.get(geometry["properties"]["name"])


def build(source=SOURCE, step=0.1):
    """{alpha-2: path}; `step` is the grid the points are rounded to (viewBox units)."""
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry)
        if not code or code in LEFT_OUT:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        paths = [
            ring_path(copy, step)
            for polygon in polygons
            for ring in polygon
            for copy in unwrap(ring_points(ring, arcs))
        ]
        shapes[code] = shapes.get(code, "") + "".join(p for p in paths if p)
    return shapes


def main():
    # The map page gets the detailed shapes; the home page's small map, coarse ones (lighter).
    shapes = {"detailed": build(step=0.1), "small": build(step=2)}
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(shapes, separators=(",", ":"), sort_keys=True))
    for name, paths in shapes.items():
        size = sum(len(path) for path in paths.values())
        print(f"{TARGET.relative_to(BASE_DIR)} {name}: {len(paths)} countries, {size} bytes")


if __name__ == "__main__":
    main()
