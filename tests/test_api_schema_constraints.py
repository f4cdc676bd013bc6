"""The OpenAPI document states what the API accepts (issue 24): menus as enums of the
values the filters accept, years' bounds, kinds and roles as enums, an existing object
as each detail's example, and English words throughout."""

import pytest

from groups.models import Country
from groups.models import FriendshipGroup
from tests.factories import make_agreement
from tests.factories import make_group_with_everything

API = "/api/v1/"


@pytest.fixture
def schema(client, db):
    make_group_with_everything()
    make_agreement()
    return client.get(f"{API}openapi.json").json()


def parameters(schema, path):
    return {p["name"]: p for p in schema["paths"][f"{API}{path}"]["get"]["parameters"]}


@pytest.mark.parametrize("path", ["missions/", "receptions/", "colloquia/", "news/", "agreements/"])
def test_a_year_is_an_integer_from_1900(schema, path):
    year = parameters(schema, path)["year"]["schema"]
    assert year == {"type": "integer", "minimum": 1900, "maximum": 2200}


def test_the_reports_year_is_one_of_the_archives_years(schema):
    year = parameters(schema, "reports/")["year"]["schema"]
    assert year["type"] == "integer"
    assert min(year["enum"]) == 1995


def test_menus_are_enums_of_the_values_the_filters_accept(schema):
    group = FriendshipGroup.objects.get()
    organizations = parameters(schema, "organizations/")
    assert set(organizations["country"]["schema"]["enum"]) == set(
        Country.objects.values_list("code", flat=True)
    )
    assert set(group.countries.values_list("code", flat=True)) < set(
        organizations["country"]["schema"]["enum"]
    )
    assert organizations["kind"]["schema"]["enum"] == FriendshipGroup.Kind.values
    assert organizations["zone"]["schema"]["type"] == "string"
    memberships = parameters(schema, "memberships/")
    assert memberships["organization"]["schema"]["enum"] == [group.slug]
    assert len(memberships["person"]["schema"]["enum"]) >= 3
    assert "president" in memberships["role"]["schema"]["enum"]
    assert parameters(schema, "persons/")["political_group"]["schema"]["enum"]


def enum_of(schema, prop):
    ref = prop.get("$ref") or prop.get("allOf", [{}])[0].get("$ref")
    if ref:
        return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["enum"]
    return prop["enum"]


@pytest.mark.parametrize(
    "component, field, values",
    [
        ("Organization", "classification", {"country", "regional", "information"}),
        ("Colloquium", "kind", {"economic", "conference", "meeting"}),
        ("Report", "kind", {"mission", "information", "proceedings"}),
        ("Agreement", "state", {"active", "ended"}),
        ("Mission", "status", {"planned", "done"}),
        ("LocalAuthority", "classification", {"region", "department", "commune"}),
        ("Membership", "role", {"president", "vice_president", "member"}),
        ("PoliticalMembership", "role", {"member", "associated_member", "attached_member"}),
    ],
)
def test_kinds_and_roles_of_the_answers_are_enums(schema, component, field, values):
    components = schema["components"]["schemas"]
    assert values <= set(enum_of(schema, components[component]["properties"][field]))


@pytest.mark.parametrize(
    "path",
    [
        "organizations/{slug}/",
        "persons/{slug}/",
        "memberships/{id}/",
        "political-groups/{id}/",
        "political-memberships/{id}/",
        "areas/{code}/",
        "zones/{slug}/",
        "missions/{slug}/",
        "receptions/{slug}/",
        "colloquia/{slug}/",
        "reports/{slug}/",
        "news/{slug}/",
        "agreements/{slug}/",
        "authorities/{slug}/",
    ],
)
def test_each_detail_has_an_existing_object_as_example(client, schema, path):
    (parameter,) = schema["paths"][f"{API}{path}"]["get"]["parameters"]
    url = API + path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
    assert client.get(url).status_code == 200


def test_the_document_is_in_english_unless_asked_in_french(client, schema):
    kind = parameters(schema, "organizations/")["kind"]
    assert kind["description"].startswith("Kind")
    assert "Groupe" not in kind["description"]
    french = client.get(f"{API}openapi.json", {"lang": "fr"}).json()
    assert parameters(french, "organizations/")["kind"]["description"].startswith("Type")
    assert f"{API}openapi.json" not in schema["paths"]


@pytest.mark.parametrize(
    "since, count", [("0001-01-01T00:00:00+01:00", 1), ("9999-12-31T23:59:00-01:00", 0)]
)
def test_an_updated_since_utc_cannot_hold_is_accepted(client, db, since, count):
    # Found by schemathesis with the "schema-valid request accepted" check: a valid
    # RFC 3339 moment was a 400.
    make_group_with_everything()
    response = client.get(f"{API}organizations/", {"updated_since": since})
    assert response.status_code == 200
    assert response.json()["count"] == count


@pytest.mark.parametrize("sets", [1, 3])
def test_the_documents_query_count_is_pinned(client, db, django_assert_num_queries, sets):
    for _ in range(sets):
        make_group_with_everything()
        make_agreement()
    # One query per filter menu (its keys only, api.schema.constrain), and for each of
    # the 14 details' examples its first object with what its serializer shows (1–3
    # queries, as the detail itself): the same with 1 and 3 groups, none per row.
    with django_assert_num_queries(49):
        response = client.get(f"{API}openapi.json")
    assert response.status_code == 200
