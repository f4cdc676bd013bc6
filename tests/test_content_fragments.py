"""Fragments rendered once per content generation ({% content_fragment %}, issue 25).

With the page cache off (as for staff, or any new query string), the parts of a page that
depend on published content only are kept until the next edit: they must follow every
edit, stay per language, and show no draft.
"""

import pytest

from core.models import Publishable
from groups.models import Country
from tests.factories import make_country
from tests.factories import make_group

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
