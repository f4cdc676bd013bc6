"""An editor's day in the back office, in Chromium: create in two languages, publish, undo."""

import pytest

from groups.models import FriendshipGroup
from tests.helpers.browser import fill_new_group
from tests.helpers.browser import fill_tab
from tests.helpers.browser import log_in


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_editor_creates_publishes_and_reverts_a_group(live_server, live_editor, french_page):
    page, base = french_page, live_server.url
    log_in(page, base)

    # 1. A new group, French and English names in their tabs, a country by autocomplete.
    fill_new_group(page, base)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    group = FriendshipGroup.objects.get(slug="france-japon")
    assert (group.name_fr, group.name_en, group.status) == ("France-Japon", "France-Japan", "draft")
    assert [c.code for c in group.countries.all()] == ["JP"]

    # A draft is not public.
    assert page.goto(f"{base}/en/groups/france-japon/").status == 404

    # 2. Publish it from the change list.
    page.goto(f"{base}/admin/groups/friendshipgroup/")
    page.locator("tr", has_text="France-Japon").locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    public = page.goto(f"{base}/en/groups/france-japon/")
    assert public.status == 200
    assert page.locator("h1").inner_text() == "France-Japan"

    # 3. A wrong English name, then undo it from the history.
    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    fill_tab(page, "name", "en", "Wrong name")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    page.goto(f"{base}/en/groups/france-japon/")
    assert page.locator("h1").inner_text() == "Wrong name"

    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/history/")
    # Newest revision first: the second row is the state before the wrong edit.
    page.locator("#change-history tbody tr").nth(1).locator("a").first.click()
    page.click("input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    group.refresh_from_db()
    assert (group.name_fr, group.name_en, group.status) == (
        "France-Japon",
        "France-Japan",
        "published",
    )
    page.goto(f"{base}/en/groups/france-japon/")
    assert page.locator("h1").inner_text() == "France-Japan"
