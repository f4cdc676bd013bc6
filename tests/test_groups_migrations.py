"""Data migrations of the groups app, run forwards on rows written at the old state."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("groups", "0007_versions_for_import_records")]
AFTER = [("groups", "0009_remove_senator_political_group_text")]


@pytest.mark.django_db(transaction=True)
def test_political_group_text_becomes_political_memberships():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Senator = old.get_model("groups", "Senator")
    PoliticalGroup = old.get_model("groups", "PoliticalGroup")
    PoliticalMembership = old.get_model("groups", "PoliticalMembership")

    def senator(n, text):
        return Senator.objects.create(
            civility="M", first_name="P", last_name=f"N{n}", slug=f"s{n}", senate_id=f"M{n}",
            constituency_fr="Ain", political_group_fr=text,
        )  # fmt: skip

    senator(1, "Groupe A (fictif)")
    senator(2, "Groupe A (fictif)")
    senator(3, "")
    imported = senator(4, "Groupe B (fictif)")  # imported: keeps its own memberships
    b = PoliticalGroup.objects.create(senate_code="TXT1", name="Groupe B (fictif)")
    PoliticalMembership.objects.create(senator=imported, political_group=b, kind="Membre")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Membership = new.get_model("groups", "PoliticalMembership")
    rows = sorted(
        Membership.objects.values_list(
            "senator__senate_id", "political_group__name", "political_group__senate_code", "kind"
        )
    )
    assert rows == [
        ("M1", "Groupe A (fictif)", "TXT2", ""),
        ("M2", "Groupe A (fictif)", "TXT2", ""),
        ("M4", "Groupe B (fictif)", "TXT1", "Membre"),
    ]
    assert "political_group_fr" not in {
        f.name for f in new.get_model("groups", "Senator")._meta.get_fields()
    }
    # Leave the database fully migrated for the next tests.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_an_inactive_group_without_a_date_gets_one_and_is_active_goes():
    before = [("groups", "0010_delegate_rule_checked_at_commit")]
    after = [("groups", "0011_dissolved_on_is_the_one_fact")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    FriendshipGroup = executor.loader.project_state(before).apps.get_model(
        "groups", "FriendshipGroup"
    )

    def group(slug, **kw):
        return FriendshipGroup.objects.create(name_fr=slug, slug=slug, kind="country", **kw)

    group("inactive", is_active=False)
    group("dated", is_active=False, dissolved_on=datetime.date(2015, 6, 30))
    group("active")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("groups", "FriendshipGroup")
    dates = dict(new.objects.values_list("slug", "dissolved_on"))
    assert dates["inactive"] is not None  # the day of its last change
    assert dates["dated"] == datetime.date(2015, 6, 30)
    assert dates["active"] is None
    assert "is_active" not in {f.name for f in new._meta.get_fields()}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
