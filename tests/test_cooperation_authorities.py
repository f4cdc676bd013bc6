"""The French authorities as reference data: load_authorities, pages keyed by code, the
autocomplete by name, and import_cooperation matching them by official code."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from cooperation.models import Agreement
from cooperation.models import AuthorityDataset
from cooperation.models import Department
from cooperation.models import LocalAuthority
from cooperation.models import Region
from tests.factories import ensure_cog
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_local_authority
from tests.helpers.tables import records

pytestmark = pytest.mark.django_db

# A slice of @etalab/decoupage-administratif 6.0.0, in the package's own shape.
REGIONS = records(
    ("code", "chefLieu", "nom", "zone"),
    ("84", "69123", "Auvergne-Rhône-Alpes", "metro"),
    ("11", "75056", "Île-de-France", "metro"),
    ("975", "97502", "Saint-Pierre-et-Miquelon", "com"),
)
DEPARTMENTS = records(
    ("code", "region", "chefLieu", "nom", "zone"),
    ("42", "84", "42218", "Loire", "metro"),
    ("75", "11", "75056", "Paris", "metro"),
    ("975", "975", None, "Saint-Pierre-et-Miquelon", "com"),
)
COMMUNES = records(
    ("code", "nom", "departement", "region", "type", "siren"),
    ("42218", "Saint-Étienne", "42", "84", "commune-actuelle", "214202186"),
    ("42225", "Saint-Étienne-le-Molard", "42", "84", "commune-actuelle", None),
    ("42001", "Ailleux", "42", "84", "commune-deleguee", None),
    ("75056", "Paris", "75", "11", "commune-actuelle", None),
    ("75101", "Paris 1er Arrondissement", "75", "11", "arrondissement-municipal", None),
)
EPCIS = [
    {"code": "244200770", "nom": "Saint-Étienne Métropole", "type": "METRO",
     "membres": [{"code": "42218", "nom": "Saint-Étienne"}, {"code": "42225"}]},
]  # fmt: skip


def write_package(directory, version="6.0.0", **files):
    data = {
        "regions": REGIONS,
        "departements": DEPARTMENTS,
        "communes": COMMUNES,
        "epci": EPCIS,
        **files,
    }
    (directory / "data").mkdir(parents=True, exist_ok=True)
    (directory / "package.json").write_text(json.dumps({"version": version}))
    (directory / "README.md").write_text(f"| 2026  | {version} | npm |\n")
    for name, rows in data.items():
        if rows is not None:
            (directory / "data" / f"{name}.json").write_text(json.dumps(rows), "utf-8")
    return directory


def load(directory):
    out = io.StringIO()
    call_command("load_authorities", source=str(directory), stdout=out)
    return out.getvalue()


@pytest.fixture
def slice_loaded(tmp_path):
    ensure_cog()
    return load(write_package(tmp_path / "pkg"))


def test_load_authorities_creates_each_kind_with_its_parent(slice_loaded):
    assert "commune: 3 created" in slice_loaded
    assert "intercommunality: 1 created" in slice_loaded
    st_etienne = LocalAuthority.objects.get(kind="commune", insee_code="42218")
    assert st_etienne.name == "Saint-Étienne"
    assert st_etienne.department.code == "42"
    metropole = LocalAuthority.objects.get(kind="intercommunality", insee_code="244200770")
    assert metropole.department.code == "42"
    region = LocalAuthority.objects.get(kind="region", insee_code="84")
    assert region.region == Region.objects.get(code="84")
    assert LocalAuthority.objects.get(kind="department", insee_code="75").department.name == (
        "Paris"
    )
    assert LocalAuthority.objects.filter(kind="overseas", insee_code="975").exists()
    # Former communes and Paris' arrondissements are not authorities.
    assert not LocalAuthority.objects.filter(insee_code__in=["42001", "75101"]).exists()
    dataset = AuthorityDataset.objects.latest()
    assert (dataset.version, dataset.vintage) == ("6.0.0", 2026)
    assert dataset.counts["commune"] == {"created": 3}


def test_load_authorities_twice_writes_nothing_and_updates_in_place(tmp_path, slice_loaded):
    before = LocalAuthority.objects.get(kind="commune", insee_code="42218")
    assert "commune: 0 created, 0 updated, 3 unchanged" in load(tmp_path / "pkg")
    renamed = [{**c, "nom": "Saint-Étienne (nouveau nom)"} if c["code"] == "42218" else c
               for c in COMMUNES]  # fmt: skip
    out = load(write_package(tmp_path / "pkg2", version="6.1.0", communes=renamed))
    assert "commune: 0 created, 1 updated, 2 unchanged" in out
    after = LocalAuthority.objects.get(kind="commune", insee_code="42218")
    assert (after.pk, after.slug, after.name) == (
        before.pk,
        before.slug,
        "Saint-Étienne (nouveau nom)",
    )
    assert AuthorityDataset.objects.latest().version == "6.1.0"


@pytest.mark.parametrize(
    "files, message",
    [
        ({"epci": None}, "epci.json: missing"),
        ({"communes": {"not": "a list"}}, "communes.json: a list of objects was expected"),
        (
            {"communes": [{"code": "42218", "type": "commune-actuelle"}]},
            "communes.json, item 1: no « nom »",
        ),
        ({"communes": [{**COMMUNES[0], "code": "4221"}]}, "« 4221 » is not a commune code"),
    ],
)
def test_bad_or_missing_file_fails_clearly_and_writes_nothing(tmp_path, files, message):
    ensure_cog()
    directory = write_package(tmp_path / "pkg", **files)
    with pytest.raises(CommandError, match=message):
        load(directory)
    assert not LocalAuthority.objects.filter(kind="commune").exists()
    assert not AuthorityDataset.objects.exists()


def test_invalid_json_fails_clearly(tmp_path):
    directory = write_package(tmp_path / "pkg")
    (directory / "data" / "regions.json").write_text("{oops")
    with pytest.raises(CommandError, match="regions.json: not valid JSON"):
        load(directory)


REAL_PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "@etalab" / "decoupage-administratif"


def test_load_the_real_package():
    # make test installs it (npm ci): a missing package is a failure, never a skip.
    assert REAL_PACKAGE.exists(), "run `npm ci` (make node_modules) to install it"
    ensure_cog()
    out = io.StringIO()
    call_command("load_authorities", stdout=out)
    assert "6.0.0 (2026 data)" in out.getvalue()
    assert LocalAuthority.objects.filter(kind="commune").count() > 34000
    assert LocalAuthority.objects.filter(kind="intercommunality").count() > 1200
    assert LocalAuthority.objects.get(kind="commune", insee_code="42218").name == "Saint-Étienne"
    assert Department.objects.count() == 101


# The autocomplete


def autocomplete(client, q):
    return client.get(reverse("cooperation:authority-autocomplete"), {"q": q}).json()["results"]


@pytest.mark.parametrize("q", ["Saint-Etienne", "st etienne", "SAINT ÉTIENNE", "saint-étienne"])
def test_autocomplete_ignores_accents_hyphens_case_and_st(client, slice_loaded, q):
    results = autocomplete(client, q)
    assert results[0]["label"] == "Saint-Étienne (42218)"
    assert {r["code"] for r in results} == {"42218", "42225", "244200770"}


def test_autocomplete_query_count(client, slice_loaded, django_assert_num_queries):
    # 1. the authorities matching, with their département (select_related)
    with django_assert_num_queries(1):
        response = client.get(reverse("cooperation:authority-autocomplete"), {"q": "saint"})
    assert response["Content-Type"] == "application/json"
    assert len(response.json()["results"]) == 4


@pytest.mark.parametrize("q", ["", "s", "zzzz", "%", "'; drop"])
def test_autocomplete_without_a_match_is_an_empty_list(client, slice_loaded, q):
    response = client.get(reverse("cooperation:authority-autocomplete"), {"q": q})
    assert response.status_code == 200
    assert response.json() == {"results": []}


# Pages keyed by code


def test_authority_page_is_keyed_by_kind_and_code(client):
    ensure_cog()
    authority = make_local_authority(name="Aurillac", insee_code="15014", slug="aurillac")
    make_agreement(french=[authority])
    for lang, path in [
        ("fr", "/fr/cooperation/collectivites/commune/15014/"),
        ("en", "/en/cooperation/authorities/commune/15014/"),
    ]:
        with translation.override(lang):
            assert authority.get_absolute_url() == path
        response = client.get(path)
        assert response.status_code == 200
        assert "Aurillac" in response.text


def test_old_slug_address_redirects_permanently_to_the_code(client):
    authority = make_local_authority(name="Aurillac", insee_code="15014", slug="aurillac")
    make_agreement(french=[authority])
    response = client.get("/fr/cooperation/collectivites/aurillac/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/cooperation/collectivites/commune/15014/"


def test_authority_without_code_keeps_its_slug_page(client):
    authority = make_local_authority(name="Sans code", slug="sans-code")
    make_agreement(french=[authority])
    assert authority.get_absolute_url() == "/fr/cooperation/collectivites/sans-code/"
    assert client.get(authority.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/fr/cooperation/collectivites/commune/99999/",
        "/fr/cooperation/collectivites/region/15014/",
        "/fr/cooperation/collectivites/nope/15014/",
    ],
)
def test_unknown_kind_or_code_is_404(client, path):
    authority = make_local_authority(name="Aurillac", insee_code="15014", slug="aurillac")
    make_agreement(french=[authority])
    assert client.get(path).status_code == 404


def test_authority_by_code_without_published_agreement_is_404(client):
    authority = make_local_authority(name="Aurillac", insee_code="15014", slug="aurillac")
    make_agreement(french=[authority], status=Agreement.Status.DRAFT)
    assert client.get(authority.get_absolute_url()).status_code == 404


# import_cooperation matches the reference authorities by their code

HEADER = (
    "kind;french_authority_kind;french_authority_code;french_authority_name;"
    "french_authority_department;foreign_authority_name_fr;foreign_authority_name_en;"
    "foreign_authority_kind;country;signed_on;state;end_date;renewed_on;themes;summary_fr;"
    "summary_en;source_url;source_label_fr;source_label_en;checked_on;published"
)


def import_rows(tmp_path, *rows):
    path = tmp_path / "agreements.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cooperation", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_matches_reference_authorities_by_official_code(tmp_path, slice_loaded):
    make_country(code="DE", name_fr="Allemagne", name_en="Germany")
    authorities = LocalAuthority.objects.count()
    out, err = import_rows(
        tmp_path,
        # The code names the commune; the name in the file is only a label.
        "jumelage;commune;42218;St-Etienne;;Wuppertal;;city;DE;1960;active;;;;;;;;;;oui",
        # No code: the name in its département, accents and hyphens aside.
        "jumelage;commune;;saint etienne;42;Coventry;;city;DE;1955;active;;;;;;;;;;oui",
        "cooperation;intercommunality;244200770;Métropole;;Essen;;city;DE;2001;;;;;;;;;;;oui",
        "jumelage;commune;42999;Nulle part;;Bonn;;city;DE;2001;;;;;;;;;;;oui",
        "cooperation;intercommunality;1234;EPCI;;Köln;;city;DE;2001;;;;;;;;;;;oui",
    )
    assert LocalAuthority.objects.count() == authorities  # none created
    st_etienne = LocalAuthority.objects.get(kind="commune", insee_code="42218")
    assert st_etienne.agreements.count() == 2, err
    assert st_etienne.name == "Saint-Étienne"
    metropole = LocalAuthority.objects.get(insee_code="244200770")
    assert metropole.agreements.count() == 1
    assert "no commune « 42999 » in the reference data" in err
    assert "« 1234 » is not a SIREN" in err


def test_authority_by_code_query_count(client):
    from tests.factories import make_foreign_authority
    from tests.factories import query_counts

    authority = make_local_authority(name="Aurillac", insee_code="15014", slug="aurillac")

    def add_agreements(n):
        for _ in range(n):
            make_agreement(french=[authority], foreign=[make_foreign_authority()])

    # 1 authority (+ département, région)  2 its agreements  3 French authorities
    # 4 foreign authorities
    assert query_counts(client, authority.get_absolute_url(), add_agreements) == (4, 4)


@pytest.mark.parametrize("q", ["ab\x00cd", "é" * 500, "st st st st st st st st"])
def test_autocomplete_survives_hostile_input(client, q):
    response = client.get(reverse("cooperation:authority-autocomplete"), {"q": q})
    assert response.status_code in (200, 400, 404)  # a NUL byte: 404 (senat_groups.nul_bytes)
