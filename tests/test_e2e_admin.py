"""An editor's day in the back office, in Chromium: create in two languages, publish, undo."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.access import EDITORS_GROUP
from groups.models import FriendshipGroup
from tests.admin_helpers import current_code
from tests.factories import make_country

PASSWORD = "un mot de passe de test assez long"


def editors_group():
    """The « Relations internationales » group with its permissions.

    A browser test runs in a transaction-less test whose database is emptied after each
    test; the flush then sends post_migrate, on which backoffice/permissions.py builds
    the group again from its table.
    """
    return Group.objects.get(name=EDITORS_GROUP)


@pytest.fixture
def editor(live_server):
    user = User.objects.create_user("redactrice", "redactrice@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(editors_group())
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    make_country(code="JP", name_fr="Japon", name_en="Japan")
    return user


@pytest.fixture
def french_page(browser, live_server):
    context = browser.new_context(locale="fr-FR", extra_http_headers={"Accept-Language": "fr"})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, base):
    """Password, then the code from the editor's authenticator app (two-factor login)."""
    device = TOTPDevice.objects.get(user__username="redactrice")
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "redactrice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/two-factor/**")
    page.fill("#id_code", current_code(device))
    page.click("#two-factor-form input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def fill_tab(page, field, lang, value):
    """Open the field's language tab (modeltranslation) and type into it."""
    tabs = page.locator(".ui-tabs").filter(has=page.locator(f"#id_{field}_{lang}"))
    tabs.locator(".ui-tabs-nav [role=tab]", has_text=lang).click()
    page.fill(f"#id_{field}_{lang}", value)


def fill_new_group(page, base):
    """The add form of a group: France-Japon, with its names in both language tabs and
    Japan chosen by autocomplete (not saved)."""
    page.goto(f"{base}/admin/groups/friendshipgroup/add/")
    fill_tab(page, "name", "fr", "France-Japon")
    fill_tab(page, "name", "en", "France-Japan")
    page.fill("#id_slug", "france-japon")
    page.select_option("#id_kind", "country")
    page.locator("#id_countries ~ .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill("Jap")
    page.locator(".select2-results__option", has_text="Japon").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_editor_creates_publishes_and_reverts_a_group(live_server, editor, french_page):
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
