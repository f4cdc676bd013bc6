"""One role vocabulary across the API's memberships, labels in French and English, and
a mission's delegation in a shape of its own (issue 24, item 10): Popolo readers took
``attendees`` of ``{person_id, leader}`` for persons without names, and the Senate's
« membre » stood beside ``member`` in one ``role`` list."""

import pytest

from groups.models import Membership
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_political_membership
from tests.factories import make_senator

API = "/api/v1/"
VOCABULARY = {*Membership.Role.values, "associated_member", "attached_member", "other"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, feminine, woman, role, label, label_en",
    [
        ("Membre", "", False, "member", "Membre", "member"),
        ("Apparenté", "Apparentée", True, "associated_member", "Apparentée", "associated member"),
        ("Rattaché", "", False, "attached_member", "Rattaché", "attached member"),
        ("Président", "", False, "other", "Président", "Président"),
    ],
)  # fmt: skip
def test_political_memberships_use_the_apis_role_vocabulary(
    client, kind, feminine, woman, role, label, label_en
):
    senator = make_senator(civility="MME" if woman else "M")
    membership = make_political_membership(senator=senator, kind=kind, kind_feminine=feminine)
    data = client.get(f"{API}political-memberships/political-{membership.pk}/").json()
    assert (data["role"], data["label"], data["label_en"]) == (role, label, label_en)


@pytest.mark.django_db
def test_every_role_of_both_lists_is_in_the_one_vocabulary(client):
    make_membership(role=Membership.Role.PRESIDENT)
    make_membership()
    make_political_membership(kind="Membre")
    roles = {
        row["role"]
        for name in ("memberships", "political-memberships")
        for row in client.get(f"{API}{name}/").json()["results"]
    }
    assert {"president", "member"} <= roles <= VOCABULARY
    assert "membre" not in roles


@pytest.mark.django_db
def test_the_schema_lists_the_roles(client):
    components = client.get(f"{API}openapi.json").json()["components"]["schemas"]

    def enum(name):
        role = components[name]["properties"]["role"]
        if "$ref" in role:
            role = components[role["$ref"].rsplit("/", 1)[1]]
        elif "allOf" in role:
            role = components[role["allOf"][0]["$ref"].rsplit("/", 1)[1]]
        return set(role["enum"])

    assert enum("Membership") | enum("PoliticalMembership") == VOCABULARY


@pytest.mark.django_db
def test_a_missions_delegation_is_not_popolo_attendees(client):
    leader = make_senator(slug="jeanne-durand")
    make_mission(slug="mission-japon", participants=[leader])
    data = client.get(f"{API}missions/mission-japon/").json()
    assert "attendees" not in data
    assert data["delegation"][0]["person_id"] == "jeanne-durand"
    assert set(data["delegation"][0]) == {"person_id", "leader"}
