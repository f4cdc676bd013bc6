"""manage.py import_sens on small hand-built exports (tests/sens_export.py), both forms."""

import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError
from django.core.management import call_command
from reversion.models import Version

from groups.models import CountryLink
from groups.models import FriendshipGroup
from groups.models import GroupName
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from missions.models import Mission
from missions.models import MissionParticipant
from missions.models import Reception
from sens.models import ImportRun
from tests import sens_export
from tests.admin_helpers import changelist_queries
from tests.factories import make_senator
from tests.helpers.sens import DAY
from tests.helpers.sens import report_rows
from tests.helpers.sens import run


def snapshot():
    """The portal's imported state, by natural keys (no primary keys)."""
    return {
        "groups": sorted(
            FriendshipGroup.objects.values_list(
                "senate_code", "name_fr", "kind", "created_on", "dissolved_on",
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
                "constituency_fr",
            )
        ),
        "political": sorted(
            PoliticalMembership.objects.values_list(
                "senator__senate_id", "political_group__senate_code", "kind", "start_date",
                "end_date",
            )
        ),
        "missions": sorted(
            Mission.objects.values_list(
                "source_key", "group__senate_code", "title_fr", "start_date", "end_date",
                "progress", "status", "countries__code",
            ),
            key=str,
        ),
        "delegations": sorted(
            MissionParticipant.objects.values_list(
                "mission__source_key", "senator__senate_id", "is_leader"
            )
        ),
        "receptions": sorted(
            Reception.objects.values_list(
                "source_key", "group__senate_code", "country__code", "title_fr", "date"
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


def delete_all(*models):
    for model in models:
        model.objects.all().delete()


@pytest.mark.django_db(transaction=False)
def test_csv_folder_and_dump_give_the_same_portal(countries, tmp_path):
    tables = sens_export.base_tables()
    run(sens_export.write_export(tables, "csv", tmp_path))
    from_csv = snapshot()
    assert from_csv["groups"], "the import created nothing"
    # Into an empty portal.
    delete_all(Mission, Reception, Membership, PoliticalMembership, PoliticalGroup)
    delete_all(FriendshipGroup, Senator)
    run(sens_export.write_export(tables, "zip", tmp_path))
    assert snapshot() == from_csv
    # Into a portal that still has the senators and their political groups.
    delete_all(Mission, Reception, Membership, FriendshipGroup)
    run(sens_export.write_export(tables, "dump", tmp_path))
    assert snapshot() == from_csv


@pytest.fixture
def imported(countries, tmp_path):
    """The base export imported from its CSV folder; returns the command's output."""
    return run(sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv"))


@pytest.mark.django_db
def test_groups_names_countries_and_kinds(imported):
    japan = FriendshipGroup.objects.get(senate_code="GA01")
    assert japan.name == "France-Japon"  # the name valid today, not the 2001 one
    assert japan.kind == FriendshipGroup.Kind.COUNTRY
    assert japan.senate_url.startswith("https://www.senat.fr/")
    assert list(japan.names.order_by("start_date").values_list("name", "end_date")) == [
        ("Groupe France-Japon", d("2010-06-30")),
        ("Groupe interparlementaire d'amitié France-Japon", None),
    ]
    assert [c.code for c in japan.countries.all()] == ["JP"]
    africa = FriendshipGroup.objects.get(senate_code="GA02")
    assert africa.kind == FriendshipGroup.Kind.REGIONAL
    assert sorted(africa.countries.values_list("code", flat=True)) == ["CD", "CF", "GA"]
    # A link with a sentinel start and a far-future end is open on both sides.
    link = CountryLink.objects.get(group=africa, country__code="CF")
    assert (link.start_date, link.end_date) == (None, None)
    info = FriendshipGroup.objects.get(senate_code="GI01")
    assert info.kind == FriendshipGroup.Kind.INFORMATION
    assert not FriendshipGroup.objects.filter(senate_code="GE01").exists()  # study group


@pytest.mark.django_db
def test_group_without_dated_name_takes_the_group_rows_label_trimmed(imported):
    gabon = FriendshipGroup.objects.get(senate_code="GA04")
    assert gabon.name == "France-Gabon"  # evelib was blank: evelic, trimmed
    assert gabon.created_on is None  # 1899-12-31 = unknown
    # Its Gabon link ended in 2012: not a current country, still in the history.
    assert not gabon.countries.exists()
    assert gabon.country_links.get().end_date == d("2012-12-31")


@pytest.mark.django_db
def test_new_groups_are_published_at_once(imported):
    assert set(FriendshipGroup.objects.values_list("status", flat=True)) == {"published"}
    assert FriendshipGroup.objects.published().count() == 5


@pytest.mark.django_db
def test_dissolved_group_has_no_current_member_and_is_corrected(imported):
    group = FriendshipGroup.objects.get(senate_code="GA03")
    assert group.dissolved_on == d("2015-06-30") and group.is_dissolved
    assert not group.memberships.current().exists()
    assert group.memberships.get().end_date == d("2015-06-30")
    rows = report_rows()
    assert ("memgrpsen", "6", "corrected", "membership_ends_with_group") in rows
    assert ("fonmemgrpsen", "6", "corrected", "function_ends_with_membership") in rows


@pytest.mark.django_db
def test_senators_civility_names_state_and_political_history(imported):
    helene = Senator.objects.get(senate_id="90001A")
    assert (helene.civility, helene.first_name, helene.last_name) == (
        "MME",
        "Hélène",
        "de La Valmorel",
    )
    current = Senator.objects.with_political_group().get(pk=helene.pk).current_political_group
    assert current["name"] == "Groupe Horizon démocrate (fictif)"
    history = list(
        helene.political_memberships.order_by("start_date").values_list(
            "political_group__senate_code", "kind", "end_date"
        )
    )
    assert history == [("GVA", "Membre", d("2017-09-30")), ("GHD", "Membre", None)]
    jean_marc = Senator.objects.get(senate_id="90002B")
    pm = jean_marc.political_memberships.get()
    assert (pm.kind, pm.start_date) == ("Apparenté", None)
    assert not Senator.objects.get(senate_id="90005E").is_active
    assert not Senator.objects.filter(senate_id="90006F").exists()


@pytest.mark.django_db
def test_functions_labels_ranks_and_member_periods(imported):
    rows = {
        m.source_key: m
        for m in Membership.objects.filter(group__senate_code="GA01").select_related("senator")
    }
    president = rows["fonmemgrpsen:1"]
    assert president.role == Membership.Role.PRESIDENT and president.end_date is None
    assert president.role_title == "Présidente"  # feminine label from the function table
    vice = rows["fonmemgrpsen:2"]
    assert (vice.role, vice.rank, vice.role_title) == ("vice_president", 2, "Vice-président")
    # Before and after the function, Jean-Marc is a plain member.
    assert (rows["memgrpsen:2"].start_date, rows["memgrpsen:2"].end_date) == (
        d("2017-10-01"),
        d("2020-10-04"),
    )
    assert (rows["memgrpsen:2:2"].start_date, rows["memgrpsen:2:2"].end_date) == (
        d("2023-10-01"),
        None,
    )
    # « Secrétaire »: the blank masculine label falls back to the short one.
    secretary = Membership.objects.get(source_key="fonmemgrpsen:6")
    assert secretary.title == "Secrétaire"


@pytest.mark.django_db
def test_delegate_country_read_from_text_or_left_empty_and_reported(imported):
    gabon = Membership.objects.get(source_key="fonmemgrpsen:4")
    assert gabon.role == "delegate_president" and gabon.country.code == "GA"
    unknown = Membership.objects.get(source_key="fonmemgrpsen:5")
    assert unknown.role == "delegate_president" and unknown.country is None
    assert ("fonmemgrpsen", "5", "reported", "delegate_country_unknown") in report_rows()


@pytest.mark.django_db
def test_bad_rows_are_rejected_and_reported_with_their_rule(imported):
    rows = report_rows()
    for expected in [
        ("nationgrpsen", "5", "rejected", "country_not_iso"),
        ("nationgrpsen", "6", "rejected", "unknown_nation"),
        ("sen", "90006F", "rejected", "unknown_civility"),
        ("memgrppol", "4", "rejected", "unknown_political_group"),
        ("memgrpsen", "7", "rejected", "unknown_senator"),
        ("memgrpsen", "9", "rejected", "not_null"),
        ("fonmemgrpsen", "7", "rejected", "unknown_membership"),
        ("fonmemgrpsen", "8", "rejected", "not_null"),
        ("fonmemgrpsen", "9", "rejected", "membership_rejected"),
    ]:
        assert expected in rows
    # Nothing partial of them was written.
    assert not Membership.objects.filter(source_key__in=["memgrpsen:7", "memgrpsen:9"]).exists()
    assert not FriendshipGroup.objects.get(senate_code="GI01").countries.exists()
    # Study-group rows are skipped and counted, not rejected.
    run_obj = ImportRun.objects.latest("pk")
    assert run_obj.summary["grpsenami"]["skipped"] == 1
    assert run_obj.summary["memgrpsen"]["skipped"] == 1
    assert run_obj.summary["fonmemgrpsen"]["skipped"] == 1
    assert run_obj.summary["memgrpsen"]["normalised"] > 0  # the 9999-12-31 exits


@pytest.mark.django_db
def test_no_sentinel_date_is_stored(imported):
    for model in (Membership, CountryLink, GroupName, PoliticalMembership):
        for start, end in model.objects.values_list("start_date", "end_date"):
            assert start is None or start.year > 1900
            assert end is None or end.year < 9999


@pytest.mark.django_db
def test_second_run_writes_nothing_and_reports_the_same_rows(imported, tmp_path):
    first = ImportRun.objects.latest("pk")
    versions = Version.objects.count()
    before = snapshot()
    output = run(tmp_path / "csv")
    second = ImportRun.objects.latest("pk")
    assert second.pk != first.pk
    assert second.rows_written == 0 and "0 row(s) written" in output
    assert second.rows == first.rows
    assert all(f["created"] == f["updated"] == f["ended"] == 0 for f in second.summary.values())
    assert snapshot() == before
    assert Version.objects.count() == versions


@pytest.mark.django_db
def test_a_group_gone_from_a_later_export_is_ended(imported, tmp_path):
    tables = sens_export.base_tables()
    tables["grpsenami"] = [g for g in tables["grpsenami"] if g["orgcod"] != "GA01"]
    for table in ("libgrpsen", "nationgrpsen", "memgrpsen"):
        tables[table] = [r for r in tables[table] if r.get("orgcod") != "GA01"]
    call_command(
        "import_sens", str(sens_export.write_csv_folder(tables, tmp_path / "later")),
        "--export-date", "2026-12-15", "--no-progress", stdout=io.StringIO(),
    )  # fmt: skip
    group = FriendshipGroup.objects.get(senate_code="GA01")
    assert group.dissolved_on == d("2026-12-15")
    assert not group.memberships.filter(end_date__isnull=True).exists()
    assert group.memberships.filter(end_date=d("2026-12-15")).exists()
    assert ("grpsenami", "GA01", "reported", "missing_from_export") in report_rows()


@pytest.mark.django_db
def test_a_function_gone_from_a_later_export_is_ended(imported, tmp_path):
    tables = sens_export.base_tables()
    tables["fonmemgrpsen"] = [f for f in tables["fonmemgrpsen"] if f["fonmemgrpsenid"] != "1"]
    call_command(
        "import_sens", str(sens_export.write_csv_folder(tables, tmp_path / "later")),
        "--export-date", "2026-12-15", "--no-progress", stdout=io.StringIO(),
    )  # fmt: skip
    assert Membership.objects.get(source_key="fonmemgrpsen:1").end_date == d("2026-12-15")
    # The membership itself goes on as a plain member.
    assert Membership.objects.get(source_key="memgrpsen:1").end_date is None


@pytest.mark.django_db
def test_dry_run_changes_nothing_and_prints_the_same_report(countries, tmp_path):
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    output = run(folder, "--dry-run", "--json", str(tmp_path / "report.json"))
    assert "Dry run, nothing saved" in output
    assert not FriendshipGroup.objects.exists() and not Senator.objects.exists()
    dry = ImportRun.objects.get()
    assert dry.status == ImportRun.Status.DRY_RUN and dry.rows_written == 0
    real_output = run(folder)
    real = ImportRun.objects.latest("pk")
    assert real.rows == dry.rows and real.summary == dry.summary
    assert output.split("Dry run")[0] == real_output.split("Imported")[0]
    data = __import__("json").loads((tmp_path / "report.json").read_text())
    assert data["summary"]["memgrpsen"]["rejected"] == 2 and data["dry_run"] is True


# --- refusals: a clear message, a non-zero exit, nothing changed ----------------------


def assert_refused(path, message):
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not FriendshipGroup.objects.exists() and not Senator.objects.exists()
    refused = ImportRun.objects.latest("pk")
    assert refused.status == ImportRun.Status.REFUSED and message.split(".")[0] in refused.message


@pytest.mark.django_db
def test_empty_zip_is_refused(countries, tmp_path):
    path = tmp_path / "export_sens.zip"
    with zipfile.ZipFile(path, "w"):
        pass  # the 444-byte empty zip once served by the site
    assert_refused(path, "holds 0 .sql file")


@pytest.mark.django_db
def test_truncated_dump_is_refused(countries, tmp_path):
    text = sens_export.dump_text(sens_export.base_tables())
    cut = tmp_path / "export_sens.sql"
    cut.write_text(text[: text.index("COPY public.memgrpsen") + 200], encoding="utf-8")
    assert_refused(cut, "truncated")
    # Cut between two tables: the closing line of pg_dump is missing.
    cut.write_text(text[: text.index("COPY public.nation ")], encoding="utf-8")
    assert_refused(cut, "closing line")


@pytest.mark.django_db
def test_truncated_zip_is_refused(countries, tmp_path):
    path = sens_export.write_zip(sens_export.base_tables(), tmp_path / "export_sens.zip")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, "zip")


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["csv", "dump", "zip"])
def test_missing_table_is_refused(countries, tmp_path, form):
    tables = sens_export.base_tables()
    del tables["fonmemgrpsen"]
    assert_refused(sens_export.write_export(tables, form, tmp_path), "lacks the table")


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["csv", "dump", "zip"])
def test_table_without_rows_is_refused(countries, tmp_path, form):
    tables = sens_export.base_tables()
    tables["grpsenami"] = []
    assert_refused(sens_export.write_export(tables, form, tmp_path), "holds no row in grpsenami")


@pytest.mark.django_db
def test_everything_ended_is_never_read_from_an_empty_export(imported, tmp_path):
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w"):
        pass
    with pytest.raises(CommandError):
        run(path)
    assert FriendshipGroup.objects.active().count() == 4


@pytest.mark.django_db
def test_odsen_extracts_are_refused(countries, tmp_path):
    path = tmp_path / "ODSEN_GIA.csv"
    path.write_bytes("%SELECT ...\nMatricule;Qualité\n".encode("latin-1"))
    assert_refused(path, "not the supported form")
    folder = tmp_path / "odsen"
    folder.mkdir()
    (folder / "ODSEN_GIA.csv").write_bytes(b"%x\n")
    assert_refused(folder, "not the supported form")


@pytest.mark.django_db
def test_latin1_csv_is_refused(countries, tmp_path):
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    (folder / "sen.csv").write_bytes((folder / "sen.csv").read_text().encode("latin-1"))
    assert_refused(folder, "not UTF-8")


@pytest.mark.django_db
def test_a_file_of_another_kind_is_refused(countries, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    assert_refused(path, "none of the accepted forms")
    sql = tmp_path / "other.sql"
    sql.write_text("SELECT 1;")
    assert_refused(sql, "not a pg_dump")


@pytest.mark.django_db
def test_a_failure_while_writing_changes_nothing(countries, tmp_path, monkeypatch):
    """One transaction: an error after the groups were written leaves no group behind."""
    from sens import write

    def boom(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write.Writer, "sync_senators", boom)
    with pytest.raises(CommandError, match=r"unexpected error \(RuntimeError: disk full\)"):
        run(sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv"))
    assert not FriendshipGroup.objects.exists()
    failed = ImportRun.objects.get()
    assert failed.status == ImportRun.Status.FAILED and "nothing was saved" in failed.message


# --- ownership: staff's fields are kept, the Senate's are restored with a history entry --


@pytest.mark.django_db
def test_staff_fields_and_unpublishing_survive_an_import(imported, tmp_path, admin_user):
    import reversion

    group = FriendshipGroup.objects.get(senate_code="GA01")
    with reversion.create_revision():
        reversion.set_user(admin_user)
        group.name_en = "France-Japan"
        group.description_fr = "<p>Présentation rédigée par la DRIP.</p>"
        group.contact_name = "Secrétariat DRIP"
        group.status = FriendshipGroup.Status.DRAFT  # staff unpublished it
        group.name_fr = "France-Japon (coquille)"  # a field the Senate owns
        group.save()
    run(tmp_path / "csv")
    group.refresh_from_db()
    assert group.name_en == "France-Japan"
    assert group.description_fr == "<p>Présentation rédigée par la DRIP.</p>"
    assert group.contact_name == "Secrétariat DRIP"
    assert group.status == FriendshipGroup.Status.DRAFT
    assert group.name_fr == "France-Japon"  # the Senate's name is restored...
    latest = Version.objects.get_for_object(group).first()  # ...and the history says who
    assert latest.revision.user.username == "Import data.senat.fr"
    assert latest.field_dict["name_fr"] == "France-Japon"
    assert latest.revision.get_comment() == "Import data.senat.fr"
    # Staff can revert to their own version.
    Version.objects.get_for_object(group)[1].revert()
    group.refresh_from_db()
    assert group.name_fr == "France-Japon (coquille)"


@pytest.mark.django_db
def test_an_import_records_no_history_for_records_staff_never_edited(imported, tmp_path):
    tables = sens_export.base_tables()
    tables["grpsenami"][0]["evelib"] = "ignored: the dated name wins"
    tables["libgrpsen"][1]["libgrpsenlic"] = "France-Japon renommé"
    run(sens_export.write_csv_folder(tables, tmp_path / "renamed"))
    assert FriendshipGroup.objects.get(senate_code="GA01").name == "France-Japon renommé"
    assert not Version.objects.exists()


@pytest.mark.django_db
def test_a_regional_groups_reception_takes_the_country_its_text_names(countries, tmp_path, client):
    tables = sens_export.base_tables()
    tables["activite"].append(
        {"actid": "8", "typactcod": "RECEPTION", "catactcod": "GIA", "giacod": "GA02",
         "actlib": "Réception d'une délégation du Gabon", "datdeb": sens_export.ts("2025-06-03"),
         "datfin": sens_export.ts("2025-06-03"), "nb_participants": "0", "nb_delegations": "0"}
    )  # fmt: skip
    run(sens_export.write_csv_folder(tables, tmp_path / "csv"))
    assert Reception.objects.get(source_key="activite:8").country.code == "GA"
    assert ("activite", "8", "reported", "reception_country_unknown") not in report_rows()
    # Both show on the group page, the one without a country too.
    group = FriendshipGroup.objects.get(senate_code="GA02")
    html = client.get(group.get_absolute_url()).content.decode()
    assert "une délégation du Gabon" in html
    assert "Délégation reçue" in html


# --- the demo data ------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_data_is_reported_and_removed_only_when_asked(countries, tmp_path):
    demo = make_senator(senate_id="DEMO001", political_group="Groupe (fictif)")
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    with pytest.raises(CommandError, match="demo data"):
        run(folder)
    assert Senator.objects.get() == demo
    output = run(folder, "--remove-demo")
    assert "Demo data removed" in output
    assert not Senator.objects.filter(senate_id="DEMO001").exists()
    assert Senator.objects.filter(senate_id="90001A").exists()


@pytest.mark.django_db(transaction=True)
def test_remove_demo_works_on_a_fresh_demo_database(tmp_path):
    """The demo's regional groups have délégués: deleting them with their country links
    must pass the délégué rule, which the database checks at commit (issue 20.1)."""
    call_command("load_demo", verbosity=0)
    assert Membership.objects.filter(role=Membership.Role.DELEGATE_PRESIDENT).exists()
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    output = run(folder, "--remove-demo")
    assert "Demo data removed" in output
    assert ImportRun.objects.get().status == ImportRun.Status.DONE
    # Only the export's groups are left: the demo's went with their links and members.
    assert not FriendshipGroup.objects.filter(senate_code__isnull=True).exists()
    assert FriendshipGroup.objects.filter(senate_code="GA01").exists()
    assert not Membership.objects.filter(source_key__isnull=True).exists()


# --- --url ----------------------------------------------------------------------------


@pytest.fixture
def http_server(tmp_path):
    """A local HTTP server on 127.0.0.1:184xx serving tmp_path/www."""
    import functools
    import http.server
    import threading

    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    for port in range(18400, 18500):
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_url(url, *args):
    out = io.StringIO()
    call_command(
        "import_sens", "--url", url, "--export-date", DAY, "--no-progress", *args, stdout=out
    )
    return out.getvalue()


@pytest.mark.django_db
def test_url_downloads_then_imports(countries, http_server):
    root, base = http_server
    sens_export.write_zip(sens_export.base_tables(), root / "export_sens.zip")
    output = run_url(f"{base}/export_sens.zip")
    assert "Imported" in output
    assert FriendshipGroup.objects.filter(senate_code="GA01").exists()
    imported_run = ImportRun.objects.latest("pk")
    assert imported_run.status == ImportRun.Status.DONE
    assert imported_run.source == f"{base}/export_sens.zip"


@pytest.mark.django_db
def test_url_errors_and_size_limit_change_nothing(countries, http_server):
    root, base = http_server
    with pytest.raises(CommandError, match="404"):
        run_url(f"{base}/missing.zip")
    sens_export.write_zip(sens_export.base_tables(), root / "export_sens.zip")
    with pytest.raises(CommandError, match="allowed"):
        run_url(f"{base}/export_sens.zip", "--max-bytes", "100")
    with zipfile.ZipFile(root / "empty.zip", "w"):
        pass
    with pytest.raises(CommandError, match="holds 0 .sql"):
        run_url(f"{base}/empty.zip")
    assert not FriendshipGroup.objects.exists()


# --- the admin ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("runs", [3, 30])
def test_import_run_changelist_query_count(admin_client, runs):
    for n in range(runs):
        ImportRun.objects.create(source=f"/tmp/{n}", status=ImportRun.Status.DONE)
    # 1 session, 2 user, 3 verified device (second factor), 4 count, 5 count (full),
    # 6 runs + users (select_related), 7 date hierarchy's first and last dates, 8 its years
    assert changelist_queries(admin_client, "/admin/sens/importrun/") == (8, runs)


@pytest.mark.django_db
def test_staff_read_an_import_run_without_a_terminal(imported, admin_client):
    run_obj = ImportRun.objects.latest("pk")
    response = admin_client.get(
        f"/admin/sens/importrun/{run_obj.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Membership 6: the membership went on after the group was dissolved" in page
    assert "Membership 7: its senator 99999Z is not in the export." in page


@pytest.mark.django_db
def test_activities_become_missions_and_receptions(imported):
    mission = Mission.objects.get(source_key="activite:1")
    assert (mission.title, mission.group.senate_code, mission.progress) == (
        "Mission au Japon",
        "GA01",
        "done",
    )
    assert mission.status == "published"
    assert [c.code for c in mission.countries.all()] == ["JP"]
    delegation = {p.senator.senate_id: p.is_leader for p in mission.delegation.all()}
    assert delegation == {"90001A": True, "90002B": False}
    # A regional group's trip: its destination is not in the data, left empty.
    africa = Mission.objects.get(source_key="activite:4")
    assert africa.title == "Mission en Afrique centrale" and not africa.countries.exists()
    reception = Reception.objects.get(source_key="activite:2")
    assert (reception.country.code, reception.date) == ("JP", d("2025-02-03"))
    # A regional group's reception whose text names none of its countries: kept without one.
    regional = Reception.objects.get(source_key="activite:3")
    assert regional.group.senate_code == "GA02" and regional.country is None
    assert Mission.objects.count() == 2 and Reception.objects.count() == 2
    rows = report_rows()
    assert ("activite", "3", "reported", "reception_country_unknown") in rows
    assert ("activite_participant", "3", "rejected", "unknown_senator") in rows
    assert ("activite_participant", "5", "rejected", "unknown_activity") in rows
    # A participant of that reception: skipped, like any reception's (not rejected with it).
    assert ("activite_participant", "6", "rejected", "activity_rejected") not in rows
    summary = ImportRun.objects.latest("pk").summary
    assert summary["activite"]["skipped"] == 3  # unknown type, commission, study group
    # a commission's, an excused one, the regional group's reception's
    assert summary["activite_participant"]["skipped"] == 3


@pytest.mark.django_db
def test_staff_edits_of_an_imported_mission_are_kept(imported, tmp_path):
    mission = Mission.objects.get(source_key="activite:1")
    mission.title_en = "Mission to Japan"
    mission.purpose_fr = "Coopération universitaire."
    mission.status = Mission.Status.DRAFT
    mission.save()
    run(tmp_path / "csv")
    mission.refresh_from_db()
    assert (mission.title_en, mission.purpose_fr, mission.status) == (
        "Mission to Japan",
        "Coopération universitaire.",
        "draft",
    )
    assert ImportRun.objects.latest("pk").rows_written == 0


@pytest.mark.django_db
def test_an_empty_portal_gets_the_reference_countries_first(tmp_path):
    from groups.models import Country

    run(sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv"))
    assert Country.objects.count() == 249
    assert FriendshipGroup.objects.get(senate_code="GA01").countries.get().code == "JP"


@pytest.mark.django_db
def test_an_import_that_writes_drops_the_cached_pages(countries, tmp_path, settings):
    """Bulk writes send no signal: the import bumps the page cache's generation itself."""
    stamp = tmp_path / "generation"
    settings.PAGE_CACHE_STAMP_FILE = str(stamp)
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    run(folder)
    assert stamp.exists()
    first = stamp.read_text()
    run(folder)  # writes nothing: the cached pages stay valid
    assert stamp.read_text() == first


@pytest.mark.django_db
def test_member_periods_cut_differently_are_replaced_not_ended(imported, tmp_path):
    tables = sens_export.base_tables()
    tables["fonmemgrpsen"] = [f for f in tables["fonmemgrpsen"] if f["fonmemgrpsenid"] != "2"]
    run(sens_export.write_csv_folder(tables, tmp_path / "later"))
    rows = Membership.objects.filter(senator__senate_id="90002B", group__senate_code="GA01")
    assert not rows.filter(source_key="memgrpsen:2:2").exists()
    member = rows.get(source_key="memgrpsen:2")
    assert (member.start_date, member.end_date) == (d("2017-10-01"), None)
    assert rows.filter(end_date__isnull=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_political_group_changelist_query_count(admin_client, rows):
    for n in range(rows):
        PoliticalGroup.objects.create(senate_code=f"G{n}", name=f"Groupe {n} (fictif)")
    # 1 session, 2 user, 3 verified device (second factor), savepoint (VersionAdmin's
    # atomic view), 4 count, 5 count (full), 6 political groups, release savepoint
    assert changelist_queries(admin_client, "/admin/groups/politicalgroup/") == (8, rows)


@pytest.mark.django_db
def test_imported_group_and_senator_change_pages_show_the_senate_records(imported, admin_client):
    group = FriendshipGroup.objects.get(senate_code="GA01")
    page = admin_client.get(f"/admin/groups/friendshipgroup/{group.pk}/change/").content.decode()
    assert "Groupe France-Japon" in page  # its former name, in the names inline
    assert "grpsenami:GA01" in page
    senator = Senator.objects.get(senate_id="90001A")
    page = admin_client.get(f"/admin/groups/senator/{senator.pk}/change/").content.decode()
    assert "Groupe Horizon démocrate (fictif)" in page


@pytest.mark.django_db
def test_a_row_the_database_refuses_fails_the_import_cleanly(imported, tmp_path):
    """A président entered by hand for a group the Senate gives another one: the import
    fails with a message, a non-zero exit, nothing changed, and the run is recorded."""
    from tests.factories import make_membership

    group = FriendshipGroup.objects.get(senate_code="GA04")
    make_membership(group=group, role=Membership.Role.PRESIDENT, start_date=d("2024-01-01"))
    tables = sens_export.base_tables()
    tables["fonmemgrpsen"].append(
        {"fonmemgrpsenid": "11", "memgrpsenid": "10", "fongrpsencod": "PRE",
         "fonmemgrpsendatdeb": sens_export.ts("2023-10-02")}
    )  # fmt: skip
    before = snapshot()
    with pytest.raises(CommandError, match="nothing was saved"):
        run(sens_export.write_csv_folder(tables, tmp_path / "later"))
    assert snapshot() == before
    run_ = ImportRun.objects.latest("pk")
    assert run_.status == ImportRun.Status.FAILED
    # One sentence for staff (the dashboard shows it), not the database's own text.
    assert run_.message == (
        "The database refused a row, nothing was saved: This group already has a current president."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "fr",
            [
                "Appartenance 7 : son sénateur 99999Z n’est pas dans l’export.",
                "L’export du Sénat est erroné ici",
                "Ouvrir le groupe",
                "Données",
                "rejetées",
                "lignes écrites ; 11 lignes écartées, 3 corrigées, 2 à vérifier",
            ],
        ),
        (
            "en",
            [
                "Membership 7: its senator 99999Z is not in the export.",
                "export is wrong here: tell the Senate",
                "Open the group",
                "Data",
                "rejected",
                "rows written; 11 rows left out, 3 corrected, 2 to check",
            ],
        ),
    ],
)
def test_the_import_run_page_explains_each_row_in_the_staffs_language(
    imported, admin_client, lang, expected
):
    run_obj = ImportRun.objects.latest("pk")
    # 06:30 UTC is 07:30 in Paris (winter): the title and the fields say 07:30.
    ImportRun.objects.filter(pk=run_obj.pk).update(
        started_at=datetime.datetime(2026, 11, 30, 6, 30, tzinfo=datetime.UTC)
    )
    response = admin_client.get(
        f"/admin/sens/importrun/{run_obj.pk}/change/", HTTP_ACCEPT_LANGUAGE=lang
    )
    page = response.content.decode()
    assert response["Content-Language"] == lang
    for text in expected:
        assert text in page
    assert "2026-11-30 07:30" in page and "06:30" not in page
    # The link to the group the rejected membership belongs to (GA01).
    group = FriendshipGroup.objects.get(senate_code="GA01")
    assert f"/admin/groups/friendshipgroup/{group.pk}/change/" in page
    # No table of developer codes: headings are words, the figures table scrolls in its box
    # and shows only the columns that have a figure.
    assert "<td>memgrpsen</td>" not in page and "<th>table</th>" not in page
    assert '<div class="import-run-scroll">' in page
    assert response.context["figures"]["columns"] and all(
        any(row["values"][i] for row in response.context["figures"]["rows"])
        for i in range(len(response.context["figures"]["columns"]))
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rejected", [3, 30])
def test_import_run_page_query_count(admin_client, django_assert_num_queries, rejected):
    from tests.factories import make_group
    from tests.factories import make_senator

    rows = []
    for n in range(rejected):
        group = make_group(senate_code=f"G{n}")
        make_senator(senate_id=f"S{n}")
        rows.append({"table": "memgrpsen", "key": str(n), "action": "rejected",
                     "rule": "unknown_senator", "detail": f"S{n}", "group": group.senate_code,
                     "senator": f"S{n}"})  # fmt: skip
    run_obj = ImportRun.objects.create(
        source="export_sens.zip", status=ImportRun.Status.DONE, rows=rows
    )
    # 1 session, 2 user, 3 verified device, 4 the run, 5 its groups, 6 its senators
    with django_assert_num_queries(6):
        response = admin_client.get(
            f"/admin/sens/importrun/{run_obj.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.content.decode().count("Open the senator") == rejected
