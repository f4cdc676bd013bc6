"""Two-factor login in Chromium (issue 10 §6): password + TOTP code, then an edit;
without the code, no admin page opens."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from groups.models import FriendshipGroup
from tests.admin_helpers import current_code
from tests.factories import make_group
from tests.helpers.browser import PASSWORD
from tests.helpers.browser import assert_no_admin_page_opens


def _password(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "redactrice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/two-factor/**")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_editor_needs_the_code_then_edits_a_group(live_server, live_editor, french_page):
    page, base = french_page, live_server.url
    group = make_group(name_fr="France-Japon", name_en="France-Japan")
    _password(page, base)
    assert page.locator("h1").inner_text() == "Second facteur"

    # Without the code, every admin page leads back to the code step.
    assert_no_admin_page_opens(
        page, base, group, "#id_code", also=["/admin/groups/friendshipgroup/add/"]
    )

    # A wrong code: refused, still on the code step.
    device = TOTPDevice.objects.get(user=live_editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    page.fill("#id_code", wrong)
    page.click("#two-factor-form input[type=submit]")
    assert page.locator(".errornote").is_visible()
    page.goto(f"{base}/admin/")
    assert page.url.startswith(f"{base}/admin/two-factor/")

    # The right code (after django-otp's one-second throttle for the wrong one), then
    # the page the editor asked for.
    device.throttle_reset()
    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    page.fill("#id_code", current_code(device))
    page.click("#two-factor-form input[type=submit]")
    page.wait_for_url(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    page.fill("#id_counterpart_fr", "Diète du Japon")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    group.refresh_from_db()
    assert group.counterpart_fr == "Diète du Japon"
    assert FriendshipGroup.objects.get(pk=group.pk).name_fr == "France-Japon"
