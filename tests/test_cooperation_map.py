"""The cooperation map's scale: countries in five classes by number of agreements, drawn
with CSS classes in colours ordered by lightness (told apart without telling hues apart),
a legend with its plurals, and a list link for every country the map draws."""

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from portal.views import shade
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority

pytestmark = pytest.mark.django_db

SITE_CSS = Path(__file__).resolve().parent.parent / "static/css/site.css"
URL = {"fr": "/fr/cooperation/carte/", "en": "/en/cooperation/map/"}


def agreements_with(country, n):
    for _ in range(n):
        make_agreement(foreign=[make_foreign_authority(country=country)])


class Links(HTMLParser):
    """The map's links (inside the <svg>) and the list's, as {href: class}."""

    def __init__(self):
        super().__init__()
        self.in_svg = False
        self.on_map, self.in_list = {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.in_svg = True
        elif tag == "a" and "href" in attrs:
            target = self.on_map if self.in_svg else self.in_list
            target[attrs["href"]] = attrs.get("class", "")

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg = False


def links(body):
    parser = Links()
    parser.feed(body)
    return parser.on_map, parser.in_list


@pytest.mark.parametrize(
    "count, level", [(1, 1), (2, 2), (3, 2), (4, 3), (9, 3), (10, 4), (19, 4), (20, 5), (250, 5)]
)
def test_class_of_a_country_by_its_number_of_agreements(count, level):
    assert shade(count) == level


def test_each_country_on_the_map_has_the_class_of_its_count(client):
    counts = {"AM": 6, "JP": 1, "DE": 20, "SN": 12, "LU": 2}
    for code, n in counts.items():
        agreements_with(make_country(code=code), n)
    on_map, _ = links(client.get(URL["fr"]).content.decode())
    shades = {href.rsplit("=", 1)[1]: cls for href, cls in on_map.items()}
    assert shades == {
        "AM": "coop-shade-3",
        "JP": "coop-shade-1",
        "DE": "coop-shade-5",
        "SN": "coop-shade-4",
        "LU": "coop-shade-2",
    }


@pytest.mark.parametrize(
    "lang, legend",
    [
        (
            "fr",
            ["1 accord", "2 à 3 accords", "4 à 9 accords", "10 à 19 accords", "20 accords ou plus"],
        ),
        (
            "en",
            [
                "1 agreement",
                "2 to 3 agreements",
                "4 to 9 agreements",
                "10 to 19 agreements",
                "20 agreements or more",
            ],
        ),
    ],
)
def test_legend_says_each_class_with_its_plural(client, lang, legend):
    agreements_with(make_country(code="AM"), 1)
    body = client.get(URL[lang]).content.decode()
    items = re.findall(r'<span class="legend-swatch coop-legend-([1-9])"></span>([^<]*)</li>', body)
    assert items == [(str(level), text) for level, text in enumerate(legend, start=1)]
    assert "1 accords" not in body and "1 agreements" not in body
    none = {"fr": "Aucun accord", "en": "No agreement"}[lang]
    assert f'<span class="legend-swatch coop-legend-0"></span>{none}</li>' in body


def luminance(hex_colour):
    """Relative luminance (WCAG 2) of #rrggbb."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    lighter, darker = sorted([luminance(a), luminance(b)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_classes_are_css_colours_that_get_darker_step_by_step():
    """Five colours, each darker than the one before by a contrast of at least 1.5: a reader
    who cannot tell hues apart still orders them by lightness."""
    css = SITE_CSS.read_text()
    colours = [
        re.search(
            rf"\.coop-shade-{level} path, \.coop-legend-{level} \{{ fill: (#[0-9a-f]{{6}});", css
        )
        for level in range(1, 6)
    ]
    assert all(colours), colours
    colours = [found.group(1) for found in colours]
    for lighter, darker in itertools.pairwise(colours):
        assert luminance(lighter) > luminance(darker)
        assert contrast(lighter, darker) >= 1.5, (lighter, darker)


def test_every_country_the_map_draws_has_its_link_in_the_list(client):
    """Luxembourg is a speck and Bahrain a pin on a phone: the list below reaches both."""
    for code, n in {"LU": 2, "BH": 1, "BR": 30}.items():
        agreements_with(make_country(code=code, latitude=26, longitude=50.5), n)
    body = client.get(URL["en"]).content.decode()
    on_map, in_list = links(body)
    assert len(on_map) == 3
    assert set(on_map) <= set(in_list)
    assert "style=" not in body
