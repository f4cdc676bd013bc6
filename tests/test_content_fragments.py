"""Fragments rendered once per content generation ({% content_fragment %}, issue 25).

With the page cache off (as for staff, or any new query string), the parts of a page that
depend on published content only are kept until the next edit: they must follow every
edit, stay per language, and show no draft.
"""

import datetime

import pytest

from core.models import Publishable
from groups.models import Country
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_news
from tests.factories import make_report

pytestmark = pytest.mark.django_db


def test_map_page_is_rendered_once_per_content_generation(client, django_assert_num_queries):
    make_group(countries=[make_country(code="JP", name_fr="Japon", name_en="Japan")])
    first = client.get("/fr/carte/").content.decode()
    assert "Japon" in first

    with django_assert_num_queries(0):  # the three queries of MapContent are not run
        second = client.get("/fr/carte/").content.decode()
    assert second == first


def test_map_page_follows_an_edit_of_a_country_name(client):
    make_group(countries=[make_country(code="JP", name_fr="Japon", name_en="Japan")])
    assert "Japon" in client.get("/fr/carte/").content.decode()

    country = Country.objects.get(code="JP")
    country.name_fr = "Nippon"
    country.save()

    html = client.get("/fr/carte/").content.decode()
    assert "Nippon" in html
    assert "Japon" not in html


def test_map_page_follows_a_bulk_update_then_a_staff_post(client, admin_client):
    """QuerySet.update() sends no signal; the staff POST that made it bumps the generation
    (senat_groups/cache.py), with the page cache off too."""
    make_group(countries=[make_country(code="JP", name_fr="Japon", name_en="Japan")])
    assert "Japon" in client.get("/fr/carte/").content.decode()

    Country.objects.filter(code="JP").update(name_fr="Nippon")
    admin_client.post("/admin/groups/country/", {}, secure=True)

    assert "Nippon" in client.get("/fr/carte/").content.decode()


def test_map_page_fragment_is_per_language(client):
    make_group(countries=[make_country(code="JP", name_fr="Japon", name_en="Japan")])
    assert 'aria-label="Japon"' in client.get("/fr/carte/").content.decode()

    html = client.get("/en/map/").content.decode()
    assert 'aria-label="Japan"' in html
    assert "Japon" not in html
    assert 'href="/en/countries/jp/"' in html


def test_map_page_shows_no_draft_group_after_it_was_cached(client):
    make_group(countries=[make_country(code="JP", name_fr="Japon")])
    client.get("/fr/carte/")

    make_group(
        name_fr="France-Chili brouillon",
        countries=[make_country(code="CL", name_fr="Chili")],
        status=Publishable.Status.DRAFT,
    )

    html = client.get("/fr/carte/").content.decode()
    assert "Japon" in html
    assert "Chili" not in html and "brouillon" not in html


def test_home_page_follows_new_news_and_shows_no_draft(client, django_assert_num_queries):
    make_news(title_fr="Visite à Tokyo")
    assert "Visite à Tokyo" in client.get("/fr/").content.decode()
    with django_assert_num_queries(0):
        client.get("/fr/")

    make_news(title_fr="Brouillon secret", status=Publishable.Status.DRAFT)
    make_news(title_fr="Retour de Séoul", date=datetime.date(2025, 1, 1))

    html = client.get("/fr/").content.decode()
    assert "Retour de Séoul" in html and "Visite à Tokyo" in html
    assert "Brouillon secret" not in html


def test_home_page_fragment_is_per_language(client):
    make_news(title_fr="Visite à Tokyo", title_en="Visit to Tokyo")
    assert "Visite à Tokyo" in client.get("/fr/").content.decode()

    html = client.get("/en/").content.decode()
    assert "Visit to Tokyo" in html
    assert "Visite à Tokyo" not in html


def test_dashboard_counts_follow_an_edit(client, editor, django_assert_num_queries):
    make_report(title_en="")

    def to_translate():
        rows = client.get("/admin/").context["content_counts"]
        return {row["model"]._meta.model_name: row["to_translate"] for row in rows}["report"]

    assert to_translate() == 1
    assert to_translate() == 1  # from the counts kept for this generation
    make_report(title_en="")
    assert to_translate() == 2


def test_group_and_country_pages_follow_an_edit_of_a_country_name(client):
    country = make_country(code="JP", name_fr="Japon", name_en="Japan")
    group = make_group(name_fr="France-Japon", slug="france-japon", countries=[country])
    assert "Japon</a>" in client.get("/fr/groupes/france-japon/").content.decode()
    assert "<h1>Japon</h1>" in client.get("/fr/pays/jp/").content.decode()

    country.name_fr = "Nippon"
    country.save()

    assert "Nippon</a>" in client.get(group.get_absolute_url()).content.decode()
    html = client.get("/fr/pays/jp/").content.decode()
    assert "<h1>Nippon</h1>" in html and "<title>Nippon" in html


def test_group_page_is_kept_per_language_and_runs_no_query_when_kept(
    client, django_assert_num_queries
):
    make_group(name_fr="France-Japon", name_en="France-Japan", slug="france-japon")
    assert "<h1>France-Japon</h1>" in client.get("/fr/groupes/france-japon/").content.decode()
    with django_assert_num_queries(0):
        client.get("/fr/groupes/france-japon/")

    html = client.get("/en/groups/france-japon/").content.decode()
    assert "<h1>France-Japan</h1>" in html
    assert "France-Japon" not in html


def test_preview_of_a_draft_group_is_not_kept_for_the_public(client, editor):
    from backoffice.preview import preview_url

    group = make_group(
        name_fr="France-Brouillon", slug="brouillon", status=Publishable.Status.DRAFT
    )
    assert "France-Brouillon" in client.get(preview_url(group, "fr")).content.decode()
    client.logout()

    assert client.get("/fr/groupes/brouillon/").status_code == 404
    group.status = Publishable.Status.PUBLISHED
    group.save()
    assert "France-Brouillon" in client.get("/fr/groupes/brouillon/").content.decode()


def test_kept_menu_marks_the_current_page_of_each_page(client):
    make_group()
    groups = client.get("/fr/groupes/").content.decode()
    countries = client.get("/fr/pays/").content.decode()
    assert 'href="/fr/groupes/" aria-current="page"' in groups
    assert 'href="/fr/pays/" aria-current="page"' in countries
    assert 'href="/fr/groupes/" aria-current' not in countries
