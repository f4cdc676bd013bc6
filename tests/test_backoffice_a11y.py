"""The back office with axe-core and with the keyboard alone, in both languages."""

import datetime
import json

import pytest
import reversion
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from groups.models import FriendshipGroup
from sens.models import ImportRun
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_senator
from tests.helpers.browser import AXE
from tests.helpers.browser import axe_violations
from tests.helpers.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def back_office(live_editor):
    """A group with a current and a past term, a draft, a mission coming, a change."""
    group = make_group(name_fr="France-Brésil", name_en="France-Brazil", slug="france-bresil")
    make_membership(group=group, senator=make_senator(last_name="Dupont"))
    make_membership(
        group=group,
        senator=make_senator(last_name="Martin"),
        start_date=datetime.date(2020, 10, 1),
        end_date=datetime.date(2023, 9, 30),
    )
    make_group(name_fr="France-Chili", slug="france-chili", status="draft")
    make_mission(group=group, start_date=timezone.localdate() + datetime.timedelta(days=5))
    make_news(title_en="")
    LogEntry.objects.log_actions(
        live_editor.pk, [group], CHANGE, change_message="", single_object=True
    )
    # Two versions to compare (the history's « Comparer »).
    for text in ("<p>Le groupe suit la vie parlementaire.</p>", "<p>Il suit l’économie.</p>"):
        with reversion.create_revision():
            group.description_fr = text
            group.save()
            reversion.set_user(live_editor)
    ImportRun.objects.create(  # the « last import » block with its figures and links
        source="export_sens.zip",
        status=ImportRun.Status.DONE,
        run_by="cron",
        summary={"sen": {"created": 3, "rejected": 1}, "memgrpsen": {"corrected": 2}},
    )
    return group


def new_page(browser, lang):
    context = browser.new_context(
        locale=f"{lang}-{lang.upper()}", extra_http_headers={"Accept-Language": lang}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def tab_to(page, selector, limit=300):
    """Press Tab until the element matching selector has the focus (the keyboard's way)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_violation_on_dashboard_changelist_and_change_form(
    live_server, browser, back_office, lang
):
    assert AXE.exists(), "run `npm ci` (make node_modules) to install axe-core"
    page = new_page(browser, lang)
    # A laptop's window: no page may scroll sideways (the group form was 1,521 px wide,
    # its memberships' « Supprimer ? » column off-screen).
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url)
    failures, widths = {}, {}

    def check(name):
        assert page.locator("html").get_attribute("lang") == lang
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
        if result := axe_violations(page):
            failures[name] = result

    group = f"/admin/groups/friendshipgroup/{back_office.pk}"
    newest = Version.objects.get_for_object(back_office).latest("pk")
    for path in [
        "/admin/",
        "/admin/groups/friendshipgroup/",
        f"{group}/history/{newest.pk}/compare/",
        f"{group}/renew/",
        "/admin/groups/friendshipgroup/renew-all/",
        f"{group}/change/",
    ]:
        page.goto(live_server.url + path)
        check(path)
    # The same form once a draft is pending (its banner and buttons).
    page.click("input[name=_save_draft]")
    page.wait_for_selector(".draft-banner")
    check("change form with a draft")
    page.context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
    assert all(width <= 1280 for width in widths.values()), widths


def test_editor_works_with_the_keyboard_alone(live_server, browser, back_office):
    page = new_page(browser, "fr")
    base = live_server.url
    log_in(page, base)

    # Dashboard: the draft count leads to the drafts.
    tab_to(page, "a[href='/admin/groups/friendshipgroup/?status__exact=draft']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/groups/friendshipgroup/?status__exact=draft")

    # Change list: tick the draft, choose « publish », run the action.
    tab_to(page, "input.action-select")
    page.keyboard.press("Space")
    tab_to(page, "select[name=action]")
    for _ in range(4):  # « Publier les éléments sélectionnés », after the delete action
        if page.locator("select[name=action]").input_value() == "publish":
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("select[name=action]").input_value() == "publish"
    tab_to(page, "button[name=index]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist .success")
    assert FriendshipGroup.objects.get(slug="france-chili").status == "published"

    # Change form: the English tab, a past term, then save, with the keyboard.
    page.goto(f"{base}/admin/groups/friendshipgroup/{back_office.pk}/change/")
    tab_to(page, "li[role=tab][aria-controls=tab_id_name_fr]")
    page.keyboard.press("ArrowRight")
    page.locator("#id_name_en").wait_for(state="visible")
    assert page.locator("#id_name_en").input_value() == "France-Brazil"
    tab_to(page, "details.membership-past-term > summary")
    page.keyboard.press("Enter")
    # The newest past term, the first the keyboard reaches (a row that ran across a
    # renewal is listed in each term it overlaps).
    opened = page.locator("details.membership-past-term[open]")
    assert opened.count() == 1
    assert opened.locator("a").first.is_visible()
    tab_to(page, "input[name=_save]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist .success")
    page.context.close()
