"""« Prévisualiser »: drafts and scheduled records seen as the public will see them."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone
from django.utils import translation

from backoffice.preview import preview_url
from core.models import Publishable
from tests.factories import make_colloquium
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_reception
from tests.factories import make_report

pytestmark = pytest.mark.django_db
DRAFT = Publishable.Status.DRAFT
BANNER = {"fr": "Aperçu — non publié", "en": "Preview — not published"}


def draft_of(kind):
    if kind == "group":
        return make_group(name_fr="France-Atlantide", name_en="France-Atlantis", status=DRAFT)
    makers = {
        "mission": make_mission,
        "colloquium": make_colloquium,
        "report": make_report,
        "news": make_news,
    }
    if kind == "reception":
        return make_reception(title_fr="Réception Atlantide", status=DRAFT)
    return makers[kind](title_fr="Atlantide (FR)", title_en="Atlantis (EN)", status=DRAFT)


KINDS = ["group", "mission", "reception", "colloquium", "report", "news"]


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitor_gets_404_on_a_preview(client, kind):
    obj = draft_of(kind)
    response = client.get(preview_url(obj, "fr"))
    assert response.status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_draft_is_404_on_the_public_site_but_staff_preview_it(client, editor, kind):
    obj = draft_of(kind)
    if kind != "reception":
        assert client.get(obj.get_absolute_url()).status_code == 404
    response = client.get(preview_url(obj, "fr"))
    assert response.status_code == 200
    page = response.content.decode()
    assert BANNER["fr"] in page
    assert "Atlantide" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # The real public template, not a copy: the site's header and footer are there.
    assert "site-header" in page and "site-footer" in page


@pytest.mark.parametrize(("lang", "title"), [("fr", "Atlantide (FR)"), ("en", "Atlantis (EN)")])
def test_preview_in_either_language_links_to_the_other(client, editor, lang, title):
    mission = make_mission(title_fr="Atlantide (FR)", title_en="Atlantis (EN)", status=DRAFT)
    response = client.get(preview_url(mission, lang))
    page = response.content.decode()
    assert response["Content-Language"] == lang
    assert f'<html lang="{lang}">' in page
    assert title in page
    assert BANNER[lang] in page
    other = "en" if lang == "fr" else "fr"
    assert f'href="{preview_url(mission, other)}"' in page


def test_scheduled_record_can_be_previewed(client, editor):
    later = timezone.now() + datetime.timedelta(days=3)
    news = make_news(title_fr="Annonce à venir", published_at=later)
    assert client.get(news.get_absolute_url()).status_code == 404
    assert client.get(preview_url(news, "fr")).status_code == 200


def test_staff_outside_the_editors_group_cannot_preview(client):
    user = User.objects.create_user("stagiaire", password="not-a-real-password-42", is_staff=True)
    client.force_login(user)
    group = make_group(status=DRAFT)
    assert client.get(preview_url(group, "fr")).status_code == 404


def test_preview_of_unknown_language_model_or_row_is_404(client, editor):
    group = make_group(status=DRAFT)
    assert client.get(preview_url(group, "de")).status_code == 404
    assert client.get("/admin/preview/auth/user/1/fr/").status_code == 404
    assert client.get("/admin/preview/nope/nothing/1/fr/").status_code == 404
    assert (
        client.get(f"/admin/preview/groups/friendshipgroup/{group.pk + 1000}/fr/").status_code
        == 404
    )


def test_page_cache_never_stores_a_preview(client, editor, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "generation"
    cache.clear()
    group = make_group(status=DRAFT)
    url = preview_url(group, "fr")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    client.logout()
    # Had either response been stored, the anonymous visitor would be served it.
    response = client.get(url)
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_change_form_offers_preview_for_a_draft_only(client, editor):
    draft = make_group(status=DRAFT)
    page = client.get(f"/admin/groups/friendshipgroup/{draft.pk}/change/").content.decode()
    assert f'href="{preview_url(draft, "fr")}"' in page
    assert f'href="{preview_url(draft, "en")}"' in page

    published = make_group()
    page = client.get(f"/admin/groups/friendshipgroup/{published.pk}/change/").content.decode()
    assert "/admin/preview/" not in page
    assert "viewsitelink" in page  # « Voir sur le site » instead


def test_reception_preview_shows_its_group_page_with_the_draft(client, editor):
    reception = make_reception(title_fr="Réception Atlantide", status=DRAFT)
    with translation.override("fr"):
        page = client.get(preview_url(reception, "fr")).content.decode()
    assert reception.group.name in page
    assert "Réception Atlantide" in page
