"""A refused form (CSRF) gets the site's bilingual error page; public pages answer only
GET and HEAD, other methods get 405 with the Allow header; the API keeps its own rules."""

import pytest
from django.test import Client

from tests.factories import make_group
from tests.helpers.html import validate


def post_without_token(url, **headers):
    return Client(enforce_csrf_checks=True).post(url, {"username": "x"}, **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["fr", "en"])
def test_csrf_failure_is_the_sites_bilingual_page(accept):
    response = post_without_token("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulaire refusé" in html and "Form refused" in html
    assert '<section lang="fr">' in html and '<section lang="en">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html  # the site's layout
    assert "<style" not in html and "style=" not in html  # the CSP blocks inline styles


@pytest.mark.django_db
def test_csrf_failure_page_is_valid_html(tmp_path):
    page = tmp_path / "csrf.html"
    page.write_bytes(post_without_token("/admin/login/").content)
    assert validate([page]) == []


PUBLIC_PAGES = ["/fr/", "/en/groups/", "/fr/groupes/france-japon/", "/en/data/", "/sitemap.xml"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_public_pages_answer_405_to_anything_but_get_and_head(url, method):
    make_group(slug="france-japon")
    client = Client(enforce_csrf_checks=True)  # as a browser: no test-client CSRF exemption
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"France-Japon" not in response.content  # not the page
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200


@pytest.mark.django_db
def test_the_api_keeps_its_own_rules_for_methods():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/organizations/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert "GET" in response["Allow"]  # the API's own answer, from its viewset
    assert client.get("/api/v1/organizations/").status_code == 200
