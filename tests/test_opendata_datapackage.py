"""The bulk file as a Frictionless Data Package (issue 24, item 10): ``frictionless
validate`` (the real validator, pinned in requirements-dev.txt) accepts the
``datapackage.json`` of the demo data's export; dated files are kept and listed with
their SHA-256; zip entries carry the export's date; CSV and JSON share their ids."""

import csv
import datetime
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from api.opendata import opendata_export

FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_export(db, media):
    call_command("load_demo", verbosity=0)
    return opendata_export()


def read_csv(archive, name):
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_frictionless_validate_accepts_the_demo_export(demo_export, tmp_path):
    with zipfile.ZipFile(demo_export.path) as archive:
        archive.extractall(tmp_path / "unzipped")
    result = subprocess.run(
        [FRICTIONLESS, "validate", "--json", "datapackage.json"],
        cwd=tmp_path / "unzipped",
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    errors = [(e["type"], e.get("note")) for e in report["errors"]] + [
        (task["name"], error["type"], error.get("note"))
        for task in report["tasks"]
        for error in task["errors"]
    ]
    assert report["valid"], errors[:10]
    assert result.returncode == 0
    validated = {task["name"] for task in report["tasks"]}
    assert {"organizations", "memberships", "persons", "reports", "agreements"} <= validated


def test_the_package_types_keys_and_licence(demo_export):
    with zipfile.ZipFile(demo_export.path) as archive:
        package = json.loads(archive.read("datapackage.json"))
        resources = {r["name"]: r for r in package["resources"]}
        assert package["licenses"][0]["name"] == "etalab-2.0"
        assert set(resources) == set(demo_export.counts)
        memberships = resources["memberships"]["schema"]
        types = {f["name"]: f["type"] for f in memberships["fields"]}
        assert types["Date de début"] == "date"
        assert types["id"] == "integer"
        assert memberships["primaryKey"] == ["id"]
        assert {
            "fields": ["person_id"],
            "reference": {"resource": "persons", "fields": ["id"]},
        } in (memberships["foreignKeys"])
        persons = {f["name"]: f for f in resources["persons"]["schema"]["fields"]}
        assert persons["En fonctions"]["type"] == "boolean"
        data = archive.read("memberships.csv")
        assert resources["memberships"]["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resources["memberships"]["bytes"] == len(data)


def test_csv_and_json_share_their_ids(demo_export):
    with zipfile.ZipFile(demo_export.path) as archive:
        for name in ("memberships", "persons", "missions", "areas", "political_memberships"):
            rows = read_csv(archive, f"{name}.csv")
            objects = json.loads(archive.read(f"{name}.json"))
            assert rows, name
            assert [row["id"] for row in rows] == [str(o["id"]) for o in objects], name
            for key in ("person_id", "organization_id", "area_id", "parent_id"):
                if key in rows[0]:
                    assert [r[key] for r in rows] == [o.get(key) or "" for o in objects], key


def test_zip_entries_carry_the_export_date(demo_export):
    with zipfile.ZipFile(demo_export.path) as archive:
        dates = {info.date_time[:3] for info in archive.infolist()}
    assert dates == {datetime.date.today().timetuple()[:3]}


def test_dated_files_are_kept_and_listed_with_their_sha256(client, db, media):
    first = opendata_export(today=datetime.date(2026, 11, 30)).path
    second = opendata_export(today=datetime.date(2026, 12, 1)).path
    assert first.exists() and second.exists()
    for path in (first, second):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        checksum = path.with_name(path.name + ".sha256")
        assert checksum.read_text() == f"{digest}  {path.name}\n"
        for page in ("/fr/donnees/", "/en/data/"):
            html = client.get(page).content.decode()
            assert path.name in html and digest in html, page
        response = client.get(f"/fr/donnees/{checksum.name}")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).decode() == checksum.read_text()
    html = client.get("/en/data/").content.decode()
    assert html.index(second.name) < html.index(first.name)  # newest first
    assert client.get("/fr/donnees/senat-groupes-2026-12-01.zip.md5").status_code == 404
