"""The dossier's first page is its summary: what the portal knows about the country or
the group (groups and bureaux, the last mission and delegation received, agreements, the
timeline's last entries), not an empty cover and a filler sentence. Read back from the
PDF WeasyPrint renders, with pypdf."""

import pytest

from tests.factories import make_country
from tests.test_dossier import _empty_cache  # noqa: F401
from tests.test_dossier import armenia  # noqa: F401
from tests.test_dossier import pdf_text

pytestmark = pytest.mark.django_db

FIRST_PAGE = {
    "fr": [
        "Le pays",
        "France-Arménie",
        "Présidente\u00a0: Anne Présidente",
        "Dernière mission",
        "Mission à Erevan",
        "Dernière délégation reçue",
        "Délégation arménienne reçue",
        "1 jumelage",
        "Dernières entrées de la chronologie",
        "Rapport sur l’Arménie",
    ],
    "en": [
        "The country",
        "France-Armenia",
        "President: Anne Présidente",
        "Last mission",
        "Mission to Yerevan",
        "Last delegation received",
        "1 twinning",
        "Latest entries of the timeline",
        "Report on Armenia",
    ],
}
FILLER = {"fr": "Le pays a un parlement national", "en": "The country has a national parliament"}


def first_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    reader, text = pdf_text(response.content)
    return reader.pages[0].extract_text().replace("\u202f", "\u00a0"), text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_country_dossier_pdf_opens_on_its_summary(client, armenia, lang):  # noqa: F811
    path = "pays" if lang == "fr" else "countries"
    page, text = first_page(client, f"/{lang}/{path}/am/dossier/pdf/")
    missing = [words for words in FIRST_PAGE[lang] if words not in page.replace("\n", " ")]
    assert missing == [], page
    assert FILLER[lang] not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_country_without_anything_says_so_on_its_first_page(client, lang):
    make_country(code="TV", name_fr="Tuvalu", name_en="Tuvalu")
    path = "pays" if lang == "fr" else "countries"
    page, text = first_page(client, f"/{lang}/{path}/tv/dossier/pdf/")
    nothing = {
        "fr": ["Aucun groupe d’amitié ne suit ce pays.", "Aucune mission pour l’instant."],
        "en": ["No friendship group covers this country.", "No mission yet."],
    }[lang]
    assert all(words in page for words in nothing), page
    assert FILLER[lang] not in text


def test_group_dossier_pdf_opens_on_its_summary(client, armenia):  # noqa: F811
    page, _text = first_page(client, "/fr/groupes/france-armenie/dossier/pdf/")
    for words in ["Le groupe", "Présidente\u00a0: Anne Présidente", "Mission à Erevan"]:
        assert words in page.replace("\n", " "), page
