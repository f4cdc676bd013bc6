"""Layout faults a visitor saw, measured in Chromium: the home page's figure tiles, the
space above the footer, bureau names lining up after a long label."""

from groups.models import Membership
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator
from tests.helpers.browser import E2E_MODULE

pytestmark = E2E_MODULE


def test_home_figure_tiles_have_one_width(live_server, browser):
    make_group()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/fr/")
    boxes = [tile.bounding_box() for tile in page.locator(".key-figures li").all()]
    page.close()
    assert len(boxes) >= 4
    widths = {round(box["width"]) for box in boxes}
    assert len(widths) == 1, widths  # an even grid, not tiles as wide as their words


def test_last_cards_do_not_touch_the_footer(live_server, browser):
    for n in range(3):
        make_colloquium(slug=f"c-{n}")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/fr/colloques/")
    last_card = page.locator(".cards").last.locator("li").last.bounding_box()
    footer = page.locator(".site-footer").bounding_box()
    page.close()
    assert footer["y"] - (last_card["y"] + last_card["height"]) >= 24


def test_bureau_names_line_up_after_a_long_label(live_server, browser):
    countries = [make_country(code="PH", name_fr="Philippines", article="les"), make_country()]
    group = make_group(slug="asie-du-sud-est", countries=countries)
    make_membership(group=group, role=Membership.Role.PRESIDENT)
    make_membership(
        group=group,
        senator=make_senator(civility="mrs"),
        role=Membership.Role.DELEGATE_PRESIDENT,
        country=countries[0],
    )
    make_membership(group=group, role=Membership.Role.SECRETARY)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/fr/groupes/asie-du-sud-est/")
    lefts = {round(a.bounding_box()["x"]) for a in page.locator("#bureau-title + .people a").all()}
    page.close()
    assert len(lefts) == 1, lefts
