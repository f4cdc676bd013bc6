"""manage.py import_sens on small hand-built exports (tests/sens_export.py), both forms."""

import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from groups.models import (
    CountryLink,
    FriendshipGroup,
    GroupName,
    Membership,
    PoliticalGroup,
    PoliticalMembership,
    Senator,
)
from sens.models import ImportRun
from tests import sens_export
from tests.factories import make_country, make_senator, make_zone

DAY = "2026-11-30"


@pytest.fixture
def countries(db):
    zone = make_zone()
    return {
        code: make_country(code=code, zone=zone, name_fr=name)
        for code, name in [
            ("JP", "Japon"),
            ("GA", "Gabon"),
            ("CD", "République démocratique du Congo"),
            ("CF", "Centrafrique"),
        ]
    }


def run(path, *args):
    out = io.StringIO()
    call_command("import_sens", str(path), "--export-date", DAY, "--no-progress", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """The portal's imported state, by natural keys (no primary keys)."""
    return {
        "groups": sorted(
            FriendshipGroup.objects.values_list(
                "senate_code", "name_fr", "kind", "created_on", "dissolved_on", "is_active",
                "senate_url", "status", "source_key",
            )
        ),
        "countries": sorted(
            FriendshipGroup.objects.values_list("senate_code", "countries__code")
        ),
        "names": sorted(
            GroupName.objects.values_list("group__senate_code", "name", "start_date", "end_date")
        ),
        "links": sorted(
            CountryLink.objects.values_list(
                "group__senate_code", "country__code", "start_date", "end_date"
            )
        ),
        "senators": sorted(
            Senator.objects.values_list(
                "senate_id", "civility", "first_name", "last_name", "is_active",
                "constituency_fr", "political_group_fr",
            )
        ),
        "political": sorted(
            PoliticalMembership.objects.values_list(
                "senator__senate_id", "political_group__senate_code", "kind", "start_date",
                "end_date",
            )
        ),
        "memberships": sorted(
            Membership.objects.values_list(
                "source_key", "group__senate_code", "senator__senate_id", "role", "title",
                "rank", "country__code", "start_date", "end_date",
            ),
            key=str,
        ),
    }  # fmt: skip


def d(value):
    return datetime.date.fromisoformat(value)


@pytest.mark.django_db(transaction=False)
def test_csv_folder_and_dump_give_the_same_portal(countries, tmp_path):
    tables = sens_export.base_tables()
    run(sens_export.write_csv_folder(tables, tmp_path / "csv"))
    from_csv = snapshot()
    assert from_csv["groups"], "the import created nothing"
    Membership.objects.all().delete()
    PoliticalMembership.objects.all().delete()
    PoliticalGroup.objects.all().delete()
    FriendshipGroup.objects.all().delete()
    Senator.objects.all().delete()
    run(sens_export.write_zip(tables, tmp_path / "export_sens.zip"))
    assert snapshot() == from_csv
    Membership.objects.all().delete()
    FriendshipGroup.objects.all().delete()
    run(sens_export.write_dump(tables, tmp_path / "export_sens.sql"))
    assert snapshot() == from_csv
