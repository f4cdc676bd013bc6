"""HTML description fields come with their plain text (issue 24): ``description`` and
``description_en`` are HTML, ``description_text`` and ``description_text_en`` the same
words without tags, and the OpenAPI document says which is which."""

import pytest

from core.fields import html_to_text
from tests.factories import make_group
from tests.factories import make_reception

API = "/api/v1/"
HTML_FR = (
    "<p>Le groupe <strong>France-Japon</strong> &amp; ses amis.</p>"
    '<ul><li>Culture</li><li>Économie, <a href="https://example.org/">voir</a></li></ul>'
)
TEXT_FR = "Le groupe France-Japon & ses amis.\n\n- Culture\n- Économie, voir"


def test_html_to_text_keeps_paragraphs_and_list_items():
    assert html_to_text(HTML_FR) == TEXT_FR
    assert html_to_text("<p>a<br>b</p><h2>Titre</h2><p>c</p>") == "a\nb\n\nTitre\n\nc"
    assert html_to_text("") == ""


@pytest.mark.django_db
def test_an_organization_gives_its_description_as_html_and_plain_text(client):
    group = make_group(description_fr=HTML_FR, description_en="<p>The <em>group</em></p>")
    data = client.get(f"{API}organizations/{group.slug}/").json()
    assert "<strong>France-Japon</strong>" in data["description"]
    assert data["description_en"] == "<p>The <em>group</em></p>"
    assert data["description_text"] == TEXT_FR
    assert data["description_text_en"] == "The group"


@pytest.mark.django_db
def test_a_missing_english_description_has_a_null_plain_text(client):
    reception = make_reception(description_fr="<p>Visite <b>officielle</b></p>")
    (data,) = client.get(f"{API}receptions/").json()["results"]
    assert data["id"] == reception.slug
    assert data["description_text"] == "Visite officielle"
    assert data["description_en"] is None
    assert data["description_text_en"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("component", ["Organization", "Reception"])
def test_the_schema_says_which_fields_are_html(client, component):
    schemas = client.get(f"{API}openapi.json").json()["components"]["schemas"]
    properties = schemas[component]["properties"]
    for name in ("description", "description_en"):
        assert properties[name]["format"] == "html"
        assert "HTML" in properties[name]["description"]
    for name in ("description_text", "description_text_en"):
        assert "format" not in properties[name]
        assert "plain text" in properties[name]["description"]
    assert properties["description_text_en"]["nullable"] is True
