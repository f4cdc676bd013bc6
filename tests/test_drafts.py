"""Drafts of live records (issue 21 §1): change a published page without taking it offline.

« Enregistrer le brouillon » on a published record keeps the change aside
(backoffice/drafts.py); the public page, the API and the feeds show the live version
until « Publier »; the preview shows the draft; two editors on one draft are protected.
"""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from reversion.models import Version

from backoffice.models import Draft
from backoffice.preview import preview_url
from groups.models import Membership
from missions.models import Mission
from tests.admin_helpers import form_data
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_senator

pytestmark = pytest.mark.django_db
API = "/api/v1/"
OLD, NEW = "<p>Texte publié</p>", "<p>Texte du brouillon</p>"


@pytest.fixture
def live_group():
    group = make_group(
        name_fr="France-Atlantide",
        name_en="France-Atlantis",
        slug="france-atlantide",
        description_fr=OLD,
        description_en="<p>Published text</p>",
    )
    make_membership(group=group, senator=make_senator(last_name="Valmorel"))
    return group


def _url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def _member_row(data):
    """The index of the member's row in the memberships inline of a posted form."""
    for key, values in data.items():
        if key.startswith("memberships-") and key.endswith("-role") and values == ["member"]:
            return key.split("-")[1]
    raise AssertionError("no member row")


def _draft_of_group(client, group):
    """Save a draft changing the description (both languages) and the membership."""
    data = form_data(
        client.get(_url(group)),
        description_fr=NEW,
        description_en="<p>Draft text</p>",
    )
    row = _member_row(data)
    data[f"memberships-{row}-role"] = ["secretary"]
    del data["_save"]
    data["_save_draft"] = ["Enregistrer le brouillon"]
    return client.post(_url(group), data)


def _public(client, group):
    return client.get(group.get_absolute_url()).content.decode()


def test_a_draft_of_a_live_group_leaves_the_public_page_and_the_api_as_they_were(
    alice, client, live_group
):
    response = _draft_of_group(alice, live_group)
    assert response.status_code == 302
    assert Draft.objects.for_object(live_group).count() == 1
    live_group.refresh_from_db()
    assert (live_group.status, live_group.description_fr) == ("published", OLD)
    assert Membership.objects.get(group=live_group).role == "member"
    page = _public(client, live_group)
    assert "Texte publié" in page and "Texte du brouillon" not in page
    api = client.get(f"{API}organizations/france-atlantide/").json()
    assert api["description"] == OLD
    roles = client.get(f"{API}memberships/?organization=france-atlantide").json()["results"]
    assert [m["role"] for m in roles] == ["member"]
    response = client.get(live_group.get_absolute_url() + "?format=csv")
    csv = b"".join(response.streaming_content).decode()
    assert "Valmorel;" in csv and "Membre" in csv and "Secrétaire" not in csv


def test_the_change_form_shows_the_draft_with_its_banner(alice, live_group):
    _draft_of_group(alice, live_group)
    page = alice.get(_url(live_group)).content.decode()
    assert "Une version non publiée existe" in page
    assert "Texte du brouillon" in page
    assert 'name="_publish_draft"' in page and 'name="_discard_draft"' in page
    assert preview_url(live_group, "fr") in page
    assert 'value="secretary" selected' in page


def test_the_button_is_offered_on_live_records_only(alice, live_group):
    assert 'name="_save_draft"' in alice.get(_url(live_group)).content.decode()
    hidden = make_group(status="draft")
    assert 'name="_save_draft"' not in alice.get(_url(hidden)).content.decode()


def test_the_preview_shows_the_draft_and_changes_nothing(alice, client, live_group):
    _draft_of_group(alice, live_group)
    assert "Texte publié" in _public(client, live_group)  # the public page, kept
    preview = alice.get(preview_url(live_group, "fr"))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Texte du brouillon" in page and "Texte publié" not in page
    assert "Secrétaire" in page
    english = alice.get(preview_url(live_group, "en")).content.decode()
    assert "Draft text" in english
    live_group.refresh_from_db()
    assert live_group.description_fr == OLD
    assert Membership.objects.get(group=live_group).role == "member"
    assert client.get(preview_url(live_group, "fr")).status_code == 404  # not staff
    # Nothing the preview rendered (with the draft applied) is kept for the public.
    page = _public(client, live_group)
    assert "Texte publié" in page and "Texte du brouillon" not in page


def test_publishing_the_draft_applies_it_everywhere_with_a_history_entry(alice, client, live_group):
    _draft_of_group(alice, live_group)
    assert "Texte publié" in _public(client, live_group)  # cached by the page cache
    versions = Version.objects.get_for_object(live_group).count()
    data = form_data(alice.get(_url(live_group)))
    del data["_save"]
    data["_publish_draft"] = ["Publier"]
    response = alice.post(_url(live_group), data)
    assert response.status_code == 302
    assert not Draft.objects.exists()
    live_group.refresh_from_db()
    assert live_group.description_fr == NEW and live_group.is_published
    assert Membership.objects.get(group=live_group).role == "secretary"
    assert Version.objects.get_for_object(live_group).count() == versions + 1
    assert "Texte du brouillon" in _public(client, live_group)
    api = client.get(f"{API}organizations/france-atlantide/").json()
    assert api["description"] == NEW


def test_discarding_the_draft_keeps_the_live_version(alice, live_group):
    _draft_of_group(alice, live_group)
    data = form_data(alice.get(_url(live_group)))
    del data["_save"]
    data["_discard_draft"] = ["Abandonner"]
    assert alice.post(_url(live_group), data).status_code == 302
    assert not Draft.objects.exists()
    live_group.refresh_from_db()
    assert live_group.description_fr == OLD
    assert "Texte publié" in alice.get(_url(live_group)).content.decode()


def test_two_editors_on_one_draft_lose_nothing(alice, bruno, live_group):
    _draft_of_group(alice, live_group)
    page_a = alice.get(_url(live_group))
    page_b = bruno.get(_url(live_group))
    data_a = form_data(page_a, description_fr="<p>Version d’Alice</p>")
    del data_a["_save"]
    data_a["_save_draft"] = ["1"]
    assert alice.post(_url(live_group), data_a).status_code == 302
    data_b = form_data(page_b, description_fr="<p>Version de Bruno</p>")
    del data_b["_save"]
    data_b["_save_draft"] = ["1"]
    refused = bruno.post(_url(live_group), data_b)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Alice a modifié la version non publiée" in page
    assert "Version de Bruno" in page  # the input is kept
    assert Draft.objects.get().data["description_fr"] == ["<p>Version d’Alice</p>"]
    # Saving again, after reading the message, keeps Bruno's text.
    again = form_data(refused, description_fr="<p>Version de Bruno</p>")
    del again["_save"]
    again["_save_draft"] = ["1"]
    assert bruno.post(_url(live_group), again).status_code == 302
    assert Draft.objects.get().data["description_fr"] == ["<p>Version de Bruno</p>"]


def test_a_live_save_from_a_form_opened_before_the_draft_keeps_the_draft(alice, bruno, live_group):
    page_b = bruno.get(_url(live_group))
    _draft_of_group(alice, live_group)
    response = bruno.post(_url(live_group), form_data(page_b, counterpart_fr="Diète"))
    assert response.status_code == 302
    draft = Draft.objects.for_object(live_group).get()
    # Alice's draft was made on the version Bruno replaced: opening it says so, and the
    # scheduled publication refuses it rather than undo Bruno's change.
    page = alice.get(_url(live_group)).content.decode()
    assert "Bruno a modifié cet objet" in page and "homologue à l’étranger" in page
    from backoffice.services import draft_publish

    assert draft_publish(draft=draft)
    live_group.refresh_from_db()
    assert (live_group.description_fr, live_group.counterpart_fr) == (OLD, "Diète")
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_a_scheduled_draft_is_published_by_the_command_at_its_date(alice, client):
    mission = make_mission(title_fr="Mission au Japon", purpose_fr="<p>Avant</p>")
    page = alice.get(_url(mission))
    later = timezone.localtime() + datetime.timedelta(days=2)
    data = form_data(
        page,
        purpose_fr="<p>Après</p>",
        published_at_0=later.strftime("%d/%m/%Y"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    del data["_save"]
    data["_save_draft"] = ["1"]
    assert alice.post(_url(mission), data).status_code == 302
    draft = Draft.objects.get()
    assert draft.publish_at is not None
    call_command("publish_drafts")
    mission.refresh_from_db()
    assert "Avant" in mission.purpose_fr and mission.is_published
    Draft.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    draft.data["published_at_0"] = [timezone.localtime().strftime("%d/%m/%Y")]
    draft.data["published_at_1"] = ["00:00:00"]
    Draft.objects.update(data=draft.data)
    call_command("publish_drafts")
    mission = Mission.objects.get(pk=mission.pk)
    assert "Après" in mission.purpose_fr and mission.is_published
    assert not Draft.objects.exists()
    assert "Après" in client.get(mission.get_absolute_url()).content.decode()


def test_a_draft_of_a_live_mission_reaches_no_list_feed_csv_search_api_or_sitemap(
    alice, client, live_group
):
    mission = make_mission(
        group=live_group,
        title_fr="Mission au Japon",
        title_en="Mission to Japan",
        slug="japon",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    data = form_data(alice.get(_url(mission)), title_fr="Mission en Atlantide")
    del data["_save"]
    data["_save_draft"] = ["1"]
    assert alice.post(_url(mission), data).status_code == 302
    assert Draft.objects.for_object(mission).exists()
    with translation.override("fr"):
        urls = [
            reverse("missions:list"),
            reverse("missions:ical"),
            reverse("portal:agenda-ical"),
            reverse("portal:group-detail", kwargs={"slug": live_group.slug}),
            reverse("portal:search") + "?q=Japon",
            "/sitemap.xml",
        ]
    urls.append(f"{API}missions/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        if url != "/sitemap.xml":
            assert "Mission au Japon" in text or "japon" in text, url
        assert "Atlantide" not in text.replace("France-Atlantide", ""), url


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_editor_drafts_previews_and_publishes_a_live_group_in_chromium(
    live_server, live_editor, french_page, live_group
):
    from tests.helpers.browser import log_in

    group = live_group
    page, base = french_page, live_server.url
    public_url, api_url = f"{base}{group.get_absolute_url()}", f"{base}{API}memberships/"
    log_in(page, base)

    # The description and a membership changed, kept as a draft.
    page.goto(f"{base}{_url(group)}")
    page.locator(".ui-tabs-nav [role=tab]", has_text="fr").first.click()
    box = page.locator("#tab_id_description_fr .tiptap")
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Texte du brouillon")
    page.select_option("#id_memberships-0-role", "secretary")
    page.click("input[name=_save_draft]")
    page.wait_for_selector(".messagelist .success")
    assert "Une version non publiée existe" in page.locator(".draft-banner").inner_text()

    # The public page and the API still show the published version.
    page.goto(public_url)
    assert "Texte publié" in page.content() and "Texte du brouillon" not in page.content()
    assert "Secrétaire" not in page.locator("main").inner_text()
    roles = page.request.get(f"{api_url}?organization=france-atlantide").json()["results"]
    assert [m["role"] for m in roles] == ["member"]

    # The preview shows the draft.
    page.goto(f"{base}{_url(group)}")
    page.click(".draft-banner a.draft-preview[hreflang=fr]")
    assert page.locator(".preview-banner").inner_text() == "Aperçu — non publié"
    main = page.locator("main").inner_text()
    assert "Texte du brouillon" in main and "Secrétaire" in main

    # Published: everywhere.
    page.goto(f"{base}{_url(group)}")
    page.click("input[name=_publish_draft]")
    page.wait_for_selector(".messagelist .success")
    page.goto(public_url)
    main = page.locator("main").inner_text()
    assert "Texte du brouillon" in main and "Secrétaire" in main
    roles = page.request.get(f"{api_url}?organization=france-atlantide").json()["results"]
    assert [m["role"] for m in roles] == ["secretary"]
    assert not Draft.objects.exists()

    # The history names the change in French, and compares the two versions side by side.
    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/history/")
    newest = page.locator("#change-history tbody tr").last  # oldest first
    assert "Modification de Fonction pour l’appartenance « " in newest.inner_text()
    newest.locator("a.comparelink").click()
    row = page.locator(".history-compare tr", has_text="Description [fr]")
    before, after = row.locator("td.diff-before"), row.locator("td.diff-after")
    assert "publié" in before.locator("del").inner_text()
    assert "brouillon" in after.locator("ins").inner_text()
    left, right = before.bounding_box(), after.bounding_box()
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 2
    role = page.locator(".diff-rows .diff-changed", has_text="Valmorel")
    assert "Secrétaire" in role.locator("td.diff-after").inner_text()
