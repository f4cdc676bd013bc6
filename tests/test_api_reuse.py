"""What re-users of the open data rely on (issue 24): filters that never drop a value
silently, CORS, compression, CSV cells a spreadsheet cannot run, NUL bytes, conditional
requests, the throttle."""

import datetime

import pytest

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
