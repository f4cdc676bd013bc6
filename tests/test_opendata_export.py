"""manage.py export_opendata, the open-data page, and the API docs in Chromium."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from tests import popolo
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_political_group
from tests.factories import make_political_membership
from tests.factories import make_report
from tests.factories import make_senator
from tests.helpers.browser import violations


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_export_writes_a_dated_zip_of_every_resource_that_the_data_page_links(client, media):
    assert "pas encore" in client.get("/fr/donnees/").content.decode()
    group = make_group(slug="france-japon", name_fr="France-Japon", name_en="France-Japan")
    make_group(slug="brouillon", status="draft")
    make_mission(group=group, slug="mission-japon")
    make_report(group=group, title_fr='Titre ; avec "guillemets"\net retour', slug="r1")
    senator = make_senator(last_name="Valmorel", slug="valmorel")
    make_political_membership(
        senator=senator, political_group=make_political_group(senate_code="RDPI", name="Horizon")
    )
    out = io.StringIO()
    call_command("export_opendata", stdout=out)
    (path,) = (media / "opendata").glob("senat-groupes-*.zip")
    assert path.name == f"senat-groupes-{datetime.date.today().isoformat()}.zip"
    assert "organizations: 1" in out.getvalue()

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for resource in ("organizations", "persons", "memberships", "areas", "missions"):
            assert {f"{resource}.json", f"{resource}.csv"} <= names
        assert {"README.txt", "LICENCE.txt", "reports.json", "news.csv"} <= names
        organizations = json.loads(archive.read("organizations.json"))
        assert [o["id"] for o in organizations] == ["france-japon"]  # no draft
        assert organizations[0]["name_en"] == "France-Japan"
        popolo.check("organization", organizations[0])
        popolo.check("event", json.loads(archive.read("missions.json"))[0])
        (political,) = json.loads(archive.read("political_groups.json"))
        assert political["id"] == "political-group:RDPI"
        popolo.check("organization", political)
        (membership,) = json.loads(archive.read("political_memberships.json"))
        assert (membership["person_id"], membership["organization_id"]) == (
            "valmorel",
            "political-group:RDPI",
        )
        persons = archive.read("persons.csv").decode("utf-8-sig")
        assert "Horizon" in persons  # the senator's current political group
        raw = archive.read("reports.csv")
        assert raw.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert rows[0][1] == "Titre"
        assert rows[1][1] == 'Titre ; avec "guillemets"\net retour'
        assert "Licence Ouverte" in archive.read("LICENCE.txt").decode()
        assert "Licence Ouverte" in archive.read("README.txt").decode()

    for url in ("/fr/donnees/", "/en/data/"):
        html = client.get(url).content.decode()
        assert path.name in html, url
        assert "Licence Ouverte 2.0" in html
        assert "/api/v1/docs/" in html
    download = client.get(f"/fr/donnees/{path.name}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == path.read_bytes()
    assert client.get("/fr/donnees/../../settings.py").status_code == 404
    assert client.get("/fr/donnees/senat-groupes-2001-01-01.zip").status_code == 404


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_api_docs_work_in_chromium_without_csp_violation(live_server, chromium_page):
    page = chromium_page
    make_group(slug="france-japon")
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI has read the schema and drawn the operations.
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/organizations/" in p for p in paths)
    assert "Licence Ouverte" in page.content()
    assert violations(page) == []
