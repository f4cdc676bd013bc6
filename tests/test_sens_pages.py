"""The group and senator pages after an import of the Senate's data (tests/sens_export.py)."""

import pytest
from django.utils import translation

from groups.models import FriendshipGroup
from groups.models import Senator
from tests import sens_export
from tests.helpers.sens import run

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(countries, tmp_path):  # noqa: F811
    run(sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv"))


def page(client, obj, lang):
    with translation.override(lang):
        url = obj.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("lang", "source"),
    [
        ("fr", "Source\u00a0: Sénat (data.senat.fr, Licence Ouverte), données du 30 novembre 2026"),
        ("en", "Source: Senate (data.senat.fr, Licence Ouverte), data of Nov. 30, 2026"),
    ],
)
def test_group_page_shows_todays_bureau_past_bureaux_and_source(client, imported, lang, source):
    html = page(client, FriendshipGroup.objects.get(senate_code="GA01"), lang)
    assert source in html
    bureau = html[html.index('id="bureau-title"') : html.index('id="members-title"')]
    assert "Hélène de La Valmorel" in bureau
    assert "Marc Ancien" not in bureau  # président until 2020
    past = html[html.index('id="past-title"') :]
    assert "2014–2017" in past and "Marc Ancien" in past
    assert "2020–2023" in past and "Jean-Marc Durandal" in past  # vice-président 2020-2023
    if lang == "fr":
        assert "Présidente" in bureau and "Vice-président" in past


def test_no_sentinel_year_is_displayed(client, imported):
    for group in FriendshipGroup.objects.all():
        html = page(client, group, "fr")
        assert "1899" not in html and "1900" not in html and "9999" not in html
    for senator in Senator.objects.all():
        html = page(client, senator, "fr")
        assert "1899" not in html and "9999" not in html


def test_dissolved_group_is_shown_as_such_without_current_members(client, imported):
    html = page(client, FriendshipGroup.objects.get(senate_code="GA03"), "fr")
    assert "Dissous le 30 juin 2015" in html
    members = html[html.index('id="members-title"') :]
    assert "Paul Quillon" not in members.split("</section>")[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_senator_page_shows_current_groups_history_and_political_groups(client, imported, lang):
    html = page(client, Senator.objects.get(senate_id="90001A"), lang)
    current = html[html.index('id="current-title"') :]
    assert "France-Japon" in current and "France-Afrique centrale" in current
    political = html[html.index('id="political-title"') :]
    assert political.index("Groupe Horizon démocrate (fictif)") < political.index(
        "Groupe Vallées et Avenir (fictif)"
    )
    assert "2011–2017" in political
    assert "data.senat.fr" in html


def test_delegate_president_for_the_gabon_on_the_group_page(client, imported):
    html = page(client, FriendshipGroup.objects.get(senate_code="GA02"), "fr")
    bureau = html[html.index('id="bureau-title"') : html.index('id="members-title"')]
    assert "Présidente déléguée (pour <span>Gabon</span>)" in bureau
    assert "Louise Estoc" in bureau  # imported without a country, still in the bureau
