"""French typography on every page: a non-breaking space before « ? ! : ; », one
apostrophe (’) in titles and text; and one name for the DRIP."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from core.i18n import typography
from tests.factories import make_colloquium
from tests.factories import make_group
from tests.factories import make_report
from tests.helpers.public_urls import contract_urls

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


def test_typography_spaces_french_punctuation_and_curls_apostrophes():
    assert (
        typography("Le Golfe, nouvel acteur mondial ?", "fr")
        == f"Le Golfe, nouvel acteur mondial{NBSP}?"
    )
    assert typography("Note : l'avenir ; oui !", "fr") == f"Note{NBSP}: l’avenir{NBSP}; oui{NBSP}!"
    assert typography("l&#x27;Arménie, d&#39;abord", "fr") == "l’Arménie, d’abord"
    # Tags and attributes are left alone; a template's indentation stays breakable.
    html = '<a href="/x?a=1" title="Quoi ?">Quoi ?</a>\n    ?'
    assert typography(html, "fr") == f'<a href="/x?a=1" title="Quoi ?">Quoi{NBSP}?</a>\n    ?'
    # English: no space before « ? », apostrophes curled the same way.
    assert typography("What ? The Senate's", "en") == "What ? The Senate’s"


@pytest.mark.django_db
def test_colloquium_title_keeps_its_question_mark_on_the_line(client):
    make_colloquium(title_fr="Le Golfe, nouvel acteur mondial ?", slug="golfe")
    html = client.get(reverse("missions:colloquium-list")).content.decode()
    assert f"mondial{NBSP}?" in html
    assert "mondial ?" not in html


@pytest.mark.django_db
def test_rich_text_gets_french_spacing(client):
    group = make_group(
        slug="france-japon", description_fr="<p>Pourquoi un groupe ? Pour l'amitié.</p>"
    )
    html = client.get(group.get_absolute_url()).content.decode()
    assert f"<p>Pourquoi un groupe{NBSP}? Pour l’amitié.</p>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_titles_have_one_apostrophe(client, site_data, lang):
    report = make_report(title_fr="L'avenir de l'Arctique", title_en="The Arctic's future")
    with translation.override(lang):
        urls = [*contract_urls(site_data), reverse("reports:list"), report.get_absolute_url()]
    titles = []
    for url in urls:
        html = client.get(url).content.decode()
        titles.append(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    assert any("’" in title for title in titles), titles  # the site's title has one
    assert not [t for t in titles if "'" in t or "&#x27;" in t or "&#39;" in t], titles


def test_french_catalogue_uses_one_apostrophe():
    catalogue = (ROOT / "locale/fr/LC_MESSAGES/django.po").read_text()
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n((?:".*"\n)*)', catalogue, re.M)
    text = "".join(first + rest for first, rest in translations)
    assert "’" in text
    assert not re.search(r"\w'\w", text)


DRIP = {
    "fr": "Direction des relations internationales et du protocole",
    "en": "Directorate of International Relations and Protocol",
}
SHORT = {
    "fr": r"[Dd]irection des relations internationales(?! et du protocole)",
    "en": r"Directorate of International Relations(?! and Protocol)|Relations directorate",
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_drip_has_one_name(client, site_data, lang):
    site_data["group"].contact_name = "Secrétariat"
    site_data["group"].save()
    with translation.override(lang):
        urls = [
            reverse("portal:home"),
            site_data["group"].get_absolute_url(),
            reverse("dossier:group", kwargs={"slug": site_data["group"].slug}),
            reverse("legal:legal-notice"),
        ]
    for url in urls:
        html = client.get(url).content.decode()
        assert DRIP[lang] in html, url
        assert not re.search(SHORT[lang], html), url
