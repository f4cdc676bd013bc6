"""Country and group dossiers: HTML in both languages, the PDF read back with pypdf."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from groups.models import Membership
from tests.factories import ensure_cog
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_ile_de_france
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator

pytestmark = pytest.mark.django_db

SECTIONS = {
    "fr": [
        "Sommaire",
        "Le pays",
        "Groupes d’amitié\u00a0: bureau actuel et contacts",  # French typography
        "Bureaux précédents",
        "Dernières missions et leurs délégations",
        "Délégations reçues",
        "Rapports",
        "Prochains colloques",
        "Coopération décentralisée",
        "Actualités récentes",
        "Sources",
    ],
    "en": [
        "Contents",
        "The country",
        "Friendship groups: today’s bureau and contacts",
        "Past bureaux",
        "Latest missions and their delegations",
        "Delegations received",
        "Reports",
        "Upcoming colloquia",
        "Decentralized cooperation",
        "Recent news",
        "Sources",
    ],
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def armenia():
    ensure_cog()
    country = make_country(code="AM", name_fr="Arménie", name_en="Armenia")
    group = make_group(
        name_fr="France-Arménie",
        name_en="France-Armenia",
        slug="france-armenie",
        countries=[country],
        contact_name="Secrétariat France-Arménie",
        contact_email="armenie@example.org",
    )
    president = make_senator(first_name="Anne", last_name="Présidente", civility="MME")
    make_membership(group=group, senator=president, role=Membership.Role.PRESIDENT)
    make_membership(
        group=group,
        senator=make_senator(first_name="Paul", last_name="Ancien"),
        role=Membership.Role.PRESIDENT,
        start_date=datetime.date(2017, 10, 1),
        end_date=datetime.date(2020, 9, 30),
    )
    make_mission(
        group=group,
        countries=[country],
        title_fr="Mission à Erevan",
        title_en="Mission to Yerevan",
        participants=[president, make_senator(first_name="Marc", last_name="Délégué")],
    )
    make_reception(group=group, country=country, title_fr="Délégation arménienne reçue")
    make_report(
        countries=[country],
        group=group,
        title_fr="Rapport sur l'Arménie",
        title_en="Report on Armenia",
        summary_fr="Résumé du rapport",
        summary_en="Summary of the report",
    )
    make_colloquium(countries=[country], title_fr="Colloque Arménie", title_en="Armenia colloquium")
    make_news(countries=[country], title_fr="Nouvelle d'Arménie", title_en="News from Armenia")
    idf = make_ile_de_france()
    make_agreement(
        french=[idf],
        foreign=[make_foreign_authority(name_fr="Erevan", name_en="Yerevan", country=country)],
        source_url="https://www.iledefrance.fr/",
        source_label_fr="Région Île-de-France",
    )
    return country


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_country_dossier_html(client, armenia, lang):
    path = "pays" if lang == "fr" else "countries"
    response = client.get(f"/{lang}/{path}/am/dossier/")
    assert response.status_code == 200
    body = response.content.decode()
    for heading in SECTIONS[lang]:
        assert heading in body
    for text in [
        "Anne Présidente",
        "Paul Ancien",
        "Marc Délégué",
        "armenie@example.org",
        "Erevan" if lang == "fr" else "Yerevan",
    ]:
        assert text in body
    assert f'href="/{lang}/{path}/am/dossier/pdf/"' in body


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_country_dossier_pdf(client, armenia, lang):
    path = "pays" if lang == "fr" else "countries"
    response = client.get(f"/{lang}/{path}/am/dossier/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(response.content)
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert ("Arménie" if lang == "fr" else "Armenia") in text
    assert "Anne Présidente" in text  # today's bureau
    assert "Paul Ancien" in text  # a past bureau
    for heading in SECTIONS[lang]:
        assert heading in text or heading.replace("\u00a0", " ") in text
    other = "en" if lang == "fr" else "fr"
    assert ("Mission to Yerevan" if lang == "en" else "Mission à Erevan") in text
    assert SECTIONS[other][8] not in text  # not the other language's heading
    # Page numbers and a table of contents that gives the page of each section.
    assert f"1 / {len(reader.pages)}" in text
    toc = reader.pages[0].extract_text()
    assert SECTIONS[lang][-1] in toc and "..." in toc
    titles = [item["/Title"] for item in reader.outline if isinstance(item, dict)]
    assert titles[0] == ("Arménie" if lang == "fr" else "Armenia")


def test_group_dossier_pdf(client, armenia):
    response = client.get("/en/groups/france-armenie/dossier/pdf/")
    assert response.status_code == 200
    _, text = pdf_text(response.content)
    assert "France-Armenia" in text
    assert "The group" in text
    assert "Anne Présidente" in text
    assert "Yerevan" in text
    assert client.get("/fr/groupes/france-armenie/dossier/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/fr/pays/zz/dossier/",
        "/fr/pays/zz/dossier/pdf/",
        "/en/countries/AM/dossier/",
        "/en/groups/no-such-group/dossier/pdf/",
        "/fr/groupes/draft-group/dossier/",
    ],
)
def test_bad_codes_are_404(client, url):
    make_group(slug="draft-group", status="draft")
    assert client.get(url).status_code == 404


def test_pdf_is_cached_until_content_changes(client, armenia, monkeypatch):
    import weasyprint

    renders = []
    real = weasyprint.HTML.write_pdf

    def counting(self, *args, **kwargs):
        renders.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counting)
    first = client.get("/fr/pays/am/dossier/pdf/").content
    second = client.get("/fr/pays/am/dossier/pdf/?x=1").content  # a query string changes nothing
    assert len(renders) == 1
    assert first == second
    make_news(countries=[armenia], title_fr="Dernière nouvelle")
    third = client.get("/fr/pays/am/dossier/pdf/").content
    assert len(renders) == 2
    assert "Dernière nouvelle" in pdf_text(third)[1]


def test_pdf_fetches_nothing(client, armenia):
    from portal.dossier import no_fetch

    with pytest.raises(ValueError):
        no_fetch("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ValueError):
        no_fetch("file:///etc/passwd")


def test_dossier_query_count(client, armenia):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/pays/am/dossier/").status_code == 200
        return len(queries)

    # 1 country (+ zone)  2 groups  3 their countries  4 memberships (+ senator, country)
    # 5 missions (+ group)  6 their countries  7 delegations (+ senator)  8 receptions
    # 9 reports  10 upcoming colloquia  11 agreements by kind  12 agreements
    # 13 French authorities  14 foreign authorities  15 news  16 the timeline's last
    # entries (one UNION ALL)
    assert count() == 16
    group = armenia.groups.get()
    for _ in range(27):
        make_membership(group=group)
        make_mission(group=group, countries=[armenia], participants=[make_senator()])
        make_report(countries=[armenia])
        make_agreement(foreign=[make_foreign_authority(country=armenia)])
    assert count() == 16


def test_group_dossier_query_count(client, armenia):
    group = armenia.groups.get()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/fr/groupes/{group.slug}/dossier/").status_code == 200
        return len(queries)

    # 1 group  2 its countries  3 memberships (+ senator, country)  4 missions (+ group)
    # 5 their countries  6 delegations (+ senator)  7 receptions (+ country)  8 reports
    # 9 upcoming colloquia  10 agreements by kind  11 agreements  12 French authorities
    # 13 foreign authorities  14 news  15 political groups by size (make-up)  16 the
    # timeline's last entries (one UNION ALL)
    first = count()
    for _ in range(27):
        make_membership(group=group)
        make_mission(group=group, countries=[armenia], participants=[make_senator()])
        make_report(group=group, countries=[armenia])
        make_agreement(foreign=[make_foreign_authority(country=armenia)])
    assert count() == first == 16


def test_a_dissolved_groups_dossier_has_its_bureau_on_dissolution_as_its_page(client):
    group = make_group(slug="dissous", dissolved_on=datetime.date(2024, 1, 1))
    make_membership(group=group, role="president", senator=make_senator(last_name="Ancienne"))
    page = client.get("/fr/groupes/dissous/")
    ((_group, bureau, past),) = client.get("/fr/groupes/dissous/dossier/").context["groups"]
    assert page.context["bureau"] == bureau
    assert [m.senator.last_name for m in bureau] == ["Ancienne"]
    assert [m.senator.last_name for _, rows in past for m in rows] == ["Ancienne"]
    assert past == page.context["past_bureaux"]
