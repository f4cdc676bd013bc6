"""``updated_since`` on persons, memberships and areas (issue 24): those rows now carry
a last-modified time (``core.models.Modified``), set by every save and by the Senate's
import, so a re-user syncs them like the publishable resources."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from groups.models import Country
from groups.models import Membership
from groups.models import Senator
from tests import sens_export
from tests.factories import make_country
from tests.factories import make_membership
from tests.helpers.sens import run

API = "/api/v1/"
LONG_AGO = timezone.make_aware(datetime.datetime(2020, 1, 1))
SINCE = "2021-01-01T00:00:00Z"


def ids(client, name, **params):
    response = client.get(f"{API}{name}/", params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def backdate():
    for model in (Senator, Membership, Country):
        model.objects.update(updated_at=LONG_AGO)


@pytest.fixture
def synced(db):
    """What a re-user downloaded in 2020: three senators, memberships and countries."""
    memberships = [make_membership() for _ in range(3)]
    make_country()
    backdate()
    return memberships


def test_a_sync_picks_up_an_edited_person_membership_and_area(client, synced):
    edited = synced[0]
    edited.senator.first_name = "Jeanne"
    edited.senator.save()
    synced[1].end_date = datetime.date(2026, 1, 1)
    synced[1].save()
    country = edited.group.countries.first() or make_country()
    country.name_fr = "Japon (nouveau)"
    country.save()

    assert ids(client, "persons", updated_since=SINCE) == [edited.senator.slug]
    assert ids(client, "memberships", updated_since=SINCE) == [str(synced[1].pk)]
    assert ids(client, "areas", updated_since=SINCE) == [country.code]
    # Without the parameter, every row as before.
    assert len(ids(client, "persons")) == 3


def test_a_save_of_some_fields_marks_the_row_changed(client, synced):
    # As a bureau's renewal ends a term (groups.services): save(update_fields=...).
    synced[2].end_date = datetime.date(2026, 1, 1)
    synced[2].save(update_fields=["end_date"])
    assert ids(client, "memberships", updated_since=SINCE) == [str(synced[2].pk)]


def test_nothing_changed_since_lists_no_person_membership_or_area(client, synced):
    for name in ("persons", "memberships", "areas"):
        assert ids(client, name, updated_since=SINCE) == [], name
        assert len(ids(client, name)) >= 3, name


@pytest.mark.parametrize("name", ["persons", "memberships", "areas"])
def test_updated_since_is_in_their_schema(client, db, name):
    paths = client.get(f"{API}openapi.json").json()["paths"]
    parameters = {p["name"] for p in paths[f"{API}{name}/"]["get"]["parameters"]}
    assert "updated_since" in parameters


@pytest.mark.parametrize("name", ["persons", "memberships", "areas"])
def test_a_bad_updated_since_is_a_400_naming_it(client, db, name):
    response = client.get(f"{API}{name}/", {"updated_since": "yesterday"})
    assert response.status_code == 400
    assert list(response.json()) == ["updated_since"]


def test_the_senates_import_marks_what_it_changed(client, countries, tmp_path):
    run(sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv"))
    backdate()
    tables = sens_export.base_tables()
    tables["sen"][0]["senprenomuse"] = "Hélène-Marie"  # 90001A renamed
    tables["grpsenami"] = [g for g in tables["grpsenami"] if g["orgcod"] != "GA01"]
    for table in ("libgrpsen", "nationgrpsen", "memgrpsen"):
        tables[table] = [r for r in tables[table] if r.get("orgcod") != "GA01"]
    call_command(
        "import_sens", str(sens_export.write_csv_folder(tables, tmp_path / "later")),
        "--export-date", "2026-12-15", "--no-progress",
    )  # fmt: skip
    renamed = Senator.objects.get(senate_id="90001A")
    assert ids(client, "persons", updated_since=SINCE) == [renamed.slug]
    ended = Membership.objects.filter(group__senate_code="GA01", end_date="2026-12-15")
    assert ended.exists()
    assert set(ended.values_list("pk", flat=True)) <= set(
        Membership.objects.changed_since(LONG_AGO + datetime.timedelta(days=1)).values_list(
            "pk", flat=True
        )
    )
    assert not Membership.objects.exclude(group__senate_code="GA01").changed_since(
        LONG_AGO + datetime.timedelta(days=1)
    )
