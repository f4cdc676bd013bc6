"""The API's errors are JSON in the request's language, never an HTML page nor a Django
model's name (issue 24, item 10)."""

import pytest
from django.test import Client

from tests.factories import make_group

API = "/api/v1/"

NOT_FOUND = {"fr": "Non trouvé.", "en": "Not found."}


def json_detail(response, status):
    assert response.status_code == status, response.content[:200]
    # application/json, or the schema's application/vnd.oai.openapi+json
    assert response["Content-Type"].split(";")[0].endswith("json")
    return response.json()["detail"]


@pytest.fixture
def csrf_client():
    # As a script sends it: no CSRF token, the checks on (the test client skips them).
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "url",
    [
        "organizations/nope/",
        "persons/nope/",
        "memberships/999999/",
        "political-memberships/political-999999/",
        "political-groups/political-group:NOPE/",
        "areas/zz/",
        "zones/nope/",
        "missions/nope/",
        "reports/nope/",
        "agreements/nope/",
        "nope/",
        "organizations/a.b/",
        "organizations/%00/",
    ],
)
def test_a_404_is_json_in_the_requests_language_naming_no_model(csrf_client, url, lang):
    make_group(slug="france-japon")
    response = csrf_client.get(API + url, HTTP_ACCEPT_LANGUAGE=lang)
    assert json_detail(response, 404) == NOT_FOUND[lang]
    assert response["Content-Language"] == lang


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["nope/", "organizations/a.b/", "a/b/c"])
def test_a_write_to_an_unknown_api_path_is_a_json_404_not_the_csrf_page(csrf_client, method, url):
    response = getattr(csrf_client, method)(API + url, HTTP_ACCEPT_LANGUAGE="en")
    assert json_detail(response, 404) == "Not found."


@pytest.mark.django_db
@pytest.mark.parametrize("lang, message", [("fr", "non autorisée"), ("en", "not allowed")])
@pytest.mark.parametrize("url", ["", "organizations/", "openapi.json", "docs/"])
def test_a_write_to_an_api_path_is_a_json_405(csrf_client, url, lang, message):
    response = csrf_client.post(API + url, HTTP_ACCEPT_LANGUAGE=lang)
    assert message in json_detail(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_too_many_parameters_on_the_api_is_a_json_400(csrf_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    query = "&".join(f"p{i}=1" for i in range(10))
    response = csrf_client.get(f"{API}organizations/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert json_detail(response, 400)


@pytest.mark.django_db
def test_a_bad_filter_is_a_json_400_in_the_requests_language(csrf_client):
    response = csrf_client.get(f"{API}missions/", {"year": "abc"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response.json() == {"year": ["Saisissez un nombre."]}


@pytest.mark.django_db
def test_the_sites_pages_keep_their_html_404(csrf_client):
    response = csrf_client.get("/fr/groupes/nope/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_on_the_api_is_json(db, monkeypatch):
    from api import views

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.ZoneViewSet, "base_queryset", broken)
    client = Client(raise_request_exception=False)
    response = client.get(f"{API}zones/", HTTP_ACCEPT_LANGUAGE="en")
    assert json_detail(response, 500) == "A server error occurred."
