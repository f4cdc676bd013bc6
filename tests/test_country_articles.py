"""A delegate president's label names the country with its French article, which is
part of the country's data (Country.article, editable in the admin)."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from groups.models import Country
from groups.models import Membership
from tests.admin_helpers import login_verified
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


@pytest.fixture
def regional_group(db):
    countries = [
        make_country(code="CM", name_fr="Cameroun", name_en="Cameroon", article="le"),
        make_country(code="AM", name_fr="Arménie", name_en="Armenia", article="l'"),
        make_country(code="PH", name_fr="Philippines", name_en="Philippines", article="les"),
        make_country(code="CU", name_fr="Cuba", name_en="Cuba", article=""),
    ]
    group = make_group(slug="regional", countries=countries)
    for country in countries:
        make_membership(
            group=group,
            senator=make_senator(civility="mrs"),
            role=Membership.Role.DELEGATE_PRESIDENT,
            country=country,
        )
    return group


def test_bureau_labels_carry_the_countrys_article(client, regional_group):
    html = client.get("/fr/groupes/regional/").content.decode()
    for name in ["le Cameroun", "l’Arménie", "les Philippines"]:
        assert f"(pour <span>{name}</span>)" in html, name
    assert "(pour <span>Cuba</span>)" in html
    dossier = client.get("/fr/groupes/regional/dossier/").content.decode()
    assert "(pour <span>le Cameroun</span>)" in dossier


def test_english_labels_have_no_french_article(client, regional_group):
    html = client.get("/en/groups/regional/").content.decode()
    assert "(for <span>Cameroon</span>)" in html
    assert "(for <span>Armenia</span>)" in html


def test_every_fixture_country_has_its_article():
    countries = json.loads((ROOT / "fixtures/countries.json").read_text())["countries"]
    articles = {c["code"]: c["article"] for c in countries}
    assert len(articles) == 249
    assert (articles["CM"], articles["AM"], articles["PH"], articles["FR"]) == (
        "le",
        "l'",
        "les",
        "la",
    )
    assert articles["CU"] == articles["IL"] == ""
    assert set(articles.values()) == {"le", "la", "l'", "les", ""}


@pytest.mark.django_db
def test_an_editor_changes_a_countrys_article_in_the_admin(client):
    country = make_country(code="CM", name_fr="Cameroun")
    user = User.objects.create_superuser("drip", "drip@example.org", None)
    login_verified(client, user)
    url = f"/admin/groups/country/{country.pk}/change/"
    html = client.get(url).content.decode()
    assert 'name="article"' in html
    assert Country._meta.get_field("article").choices  # a short list, not free text
