"""import_cooperation: encodings, separators, idempotence, rejections, transaction, COG."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError
from django.core.management import call_command

from cooperation import importer
from cooperation.models import Agreement
from cooperation.models import Department
from cooperation.models import ForeignAuthority
from cooperation.models import LocalAuthority
from cooperation.models import Region
from tests.factories import ensure_cog
from tests.factories import make_country

pytestmark = pytest.mark.django_db

HEADER = (
    "kind;french_authority_kind;french_authority_code;french_authority_name;"
    "french_authority_department;foreign_authority_name_fr;foreign_authority_name_en;"
    "foreign_authority_kind;country;signed_on;state;end_date;renewed_on;themes;summary_fr;"
    "summary_en;source_url;source_label_fr;source_label_en;checked_on;published"
)
YEREVAN = (
    "cooperation;region;11;;;Erevan;Yerevan;city;AM;19/11/2018;active;;;"
    "innovation|culture|education|sustainable;Accord signé à Erevan;Agreement signed;"
    "https://www.iledefrance.fr/;Région Île-de-France;Île-de-France Region;2026-11-30;yes"
)
TWINNING = (
    "jumelage;commune;15014;Aurillac;;Ville fictive;Fictitious town;city;AM;2009;active;;;"
    "Culture;Jumelage fictif;Fictitious twinning;;;;;oui"
)


@pytest.fixture(autouse=True)
def countries():
    ensure_cog()
    make_country(code="AM", name_fr="Arménie", name_en="Armenia")
    make_country(code="JP", name_fr="Japon", name_en="Japan")


def write_csv(tmp_path, lines, encoding="utf-8", sep=";"):
    text = "\n".join(line.replace(";", sep) if sep != ";" else line for line in lines) + "\n"
    path = tmp_path / "agreements.csv"
    path.write_bytes(text.encode(encoding))
    return path


def run(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cooperation", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cog_tables_are_complete():
    assert Region.objects.count() == 18
    assert Department.objects.count() == 101
    assert Department.objects.get(code="2A").name == "Corse-du-Sud"
    assert Department.objects.get(code="974").region.name == "La Réunion"
    assert Department.objects.get(code="15").region.code == "84"
    source = (Path(settings.BASE_DIR) / "cooperation/data/README.md").read_text()
    assert "Code officiel géographique au 1er janvier 2024" in source


def test_import_creates_agreements_and_authorities(tmp_path):
    out, err = run(write_csv(tmp_path, [HEADER, YEREVAN, TWINNING]))
    assert "2 agreements created" in out
    assert err == ""
    yerevan = Agreement.objects.get(kind=Agreement.Kind.COOPERATION)
    assert yerevan.signed_on == datetime.date(2018, 11, 19)
    assert yerevan.signed_precision == "day"
    assert yerevan.themes == ["innovation", "culture", "education", "sustainable"]
    assert yerevan.summary_fr == "Accord signé à Erevan"
    assert yerevan.summary_en == "Agreement signed"
    assert yerevan.checked_on == datetime.date(2026, 11, 30)
    assert yerevan.is_published
    idf = yerevan.french_authorities.get()
    assert (idf.kind, idf.name, idf.region.code, idf.department) == (
        "region",
        "Île-de-France",
        "11",
        None,
    )
    erevan = yerevan.foreign_authorities.get()
    assert (erevan.name_fr, erevan.name_en, erevan.country.code) == ("Erevan", "Yerevan", "AM")
    twinning = Agreement.objects.get(kind=Agreement.Kind.TWINNING)  # « jumelage », French label
    assert twinning.signed_on == datetime.date(2009, 1, 1)
    assert twinning.signed_precision == "year"
    assert twinning.themes == ["culture"]
    aurillac = LocalAuthority.objects.get(insee_code="15014")
    assert aurillac.department.code == "15"  # from the commune's INSEE code


def test_second_run_writes_nothing(tmp_path):
    path = write_csv(tmp_path, [HEADER, YEREVAN, TWINNING])
    run(path)
    before = {a.pk: a.updated_at for a in Agreement.objects.all()}
    out, _ = run(path)
    assert "0 agreements created, 0 updated, 2 unchanged, 0 authorities created" in out
    assert {a.pk: a.updated_at for a in Agreement.objects.all()} == before
    assert LocalAuthority.objects.count() == 2
    assert ForeignAuthority.objects.count() == 2


def test_changed_row_updates_the_matching_agreement(tmp_path):
    run(write_csv(tmp_path, [HEADER, YEREVAN]))
    out, _ = run(
        write_csv(tmp_path, [HEADER, YEREVAN.replace("Agreement signed", "Signed in 2018")])
    )
    assert "1 updated" in out
    assert Agreement.objects.get().summary_en == "Signed in 2018"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("sep", [";", ","])
def test_encodings_and_separators(tmp_path, encoding, sep):
    run(write_csv(tmp_path, [HEADER, YEREVAN], encoding=encoding, sep=sep))
    agreement = Agreement.objects.get()
    assert agreement.summary_fr == "Accord signé à Erevan"
    assert agreement.source_label_fr == "Région Île-de-France"


def test_encoding_detection():
    assert importer.detect_encoding(__file__) == "utf-8-sig"


@pytest.mark.parametrize(
    "line, rule",
    [
        (YEREVAN.replace(";AM;", ";ZZ;"), "unknown_country"),
        (YEREVAN.replace("cooperation;region;11;", "cooperation;region;99;"), "unknown_insee_code"),
        (TWINNING.replace("15014", "99014"), "unknown_insee_code"),
        (YEREVAN.replace("19/11/2018", "31/02/2018"), "bad_date"),
        (YEREVAN.replace("19/11/2018", "hier"), "bad_date"),
        (YEREVAN.replace("cooperation;region", "alliance;region"), "unknown_kind"),
        (YEREVAN.replace("innovation|", "cuisine|"), "unknown_themes"),
    ],
)
def test_bad_rows_are_rejected_with_a_report(tmp_path, line, rule):
    out, err = run(write_csv(tmp_path, [HEADER, TWINNING, line]))
    assert "1 agreements created" in out
    assert "1 rejected" in out
    assert f"line 3: [{rule}]" in err
    assert Agreement.objects.count() == 1


def test_every_row_rejected_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="(?i)every row was rejected"):
        run(write_csv(tmp_path, [HEADER, YEREVAN.replace(";AM;", ";ZZ;")]))


def test_missing_columns_and_missing_file_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="missing columns"):
        run(write_csv(tmp_path, ["name;date", "x;2020"]))
    with pytest.raises(CommandError):
        run(tmp_path / "nope.csv")


def test_import_is_all_or_nothing(tmp_path, monkeypatch):
    calls = []
    real = importer.write_row

    def fail_on_second(row, report):
        calls.append(row)
        if len(calls) == 2:
            raise importer.ImportFileError("disk on fire")
        return real(row, report)

    monkeypatch.setattr(importer, "write_row", fail_on_second)
    with pytest.raises(CommandError):
        run(write_csv(tmp_path, [HEADER, YEREVAN, TWINNING]))
    assert Agreement.objects.count() == 0
    assert LocalAuthority.objects.count() == 0


def test_several_authorities_in_one_row(tmp_path):
    line = (
        "twinning;commune|commune;15014|15187;Aurillac|Saint-Flour;;Ville fictive;Fictitious town;"
        "city;JP;2020-05;active;;;;;;;;;;"
    )
    run(write_csv(tmp_path, [HEADER, line]))
    agreement = Agreement.objects.get()
    assert {a.name for a in agreement.french_authorities.all()} == {"Aurillac", "Saint-Flour"}
    assert agreement.signed_precision == "month"
    assert agreement.signed_on == datetime.date(2020, 5, 1)


def test_body_without_country_is_accepted(tmp_path):
    line = (
        "intent;region;11;;;Confédération des entreprises de la CPLP;CPLP Business Confederation;"
        "body;;2017-07;active;;;;;;;;;;"
    )
    run(write_csv(tmp_path, [HEADER, line]))
    assert ForeignAuthority.objects.get().country is None


def test_demo_file_loads_and_says_what_it_is():
    out, err = io.StringIO(), io.StringIO()
    for code in ["CN", "DZ", "TN", "KR", "MA", "ES", "SN"]:
        make_country(code=code)
    call_command("import_cooperation", "fixtures/cooperation-demo.csv", stdout=out, stderr=err)
    assert "0 rejected" in out.getvalue()
    yerevan = Agreement.objects.get(foreign_authorities__name_fr="Erevan")
    assert yerevan.signed_on == datetime.date(2018, 11, 19)
    catalonia = Agreement.objects.get(foreign_authorities__name_fr="Catalogne")
    assert catalonia.renewed_on.year == 2017
    # Every authority that is not one of the real ones named by the issue says it is fictitious.
    real = {"Île-de-France"}
    for authority in LocalAuthority.objects.exclude(name__in=real):
        assert "fictive" in authority.name
    real_foreign = {
        "Erevan",
        "Zhejiang",
        "Wilaya d'Alger",
        "Grand Tunis",
        "Gyeonggi",
        "Casablanca-Settat",
        "Catalogne",
        "Confédération des entreprises de la CPLP",
    }
    for authority in ForeignAuthority.objects.exclude(name_fr__in=real_foreign):
        assert "fictive" in authority.name_fr and "ictitious" in authority.name_en


# --- the same standard as import_sens: rules, line numbers, one transaction, a run -------


def latest_run():
    from sens.models import ImportRun

    return ImportRun.objects.latest("pk")


def rejected_lines(run_obj):
    return {(r["line"], r["rule"]) for r in run_obj.rows if r["action"] == "rejected"}


def test_an_over_long_name_rejects_its_row_with_its_line(tmp_path):
    long_name = YEREVAN.replace(";Erevan;", ";" + "Erevan " * 40 + ";")  # 280 characters
    out, err = run(write_csv(tmp_path, [HEADER, TWINNING, long_name]))
    assert "1 agreements created" in out and "1 rejected" in out
    assert "line 3: [value_too_long] foreign_authority_name_fr: 279 characters" in err
    assert rejected_lines(latest_run()) == {(3, "value_too_long")}
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "www.x.fr"])
def test_a_source_url_that_is_not_a_web_link_rejects_its_row_only(tmp_path, url):
    line = YEREVAN.replace("https://www.iledefrance.fr/", url)
    out, err = run(write_csv(tmp_path, [HEADER, TWINNING, line]))
    assert "line 3: [bad_url]" in err
    assert "1 agreements created" in out
    assert Agreement.objects.get().kind == Agreement.Kind.TWINNING


def test_rows_describing_the_same_agreement_are_all_rejected(tmp_path):
    other = YEREVAN.replace("Agreement signed", "Another summary")
    out, err = run(write_csv(tmp_path, [HEADER, YEREVAN, TWINNING, other]))
    assert "line 2: [duplicate_row] same agreement as line 4" in err
    assert "line 4: [duplicate_row] same agreement as line 2" in err
    assert "1 agreements created" in out and "2 rejected" in out
    assert Agreement.objects.get().kind == Agreement.Kind.TWINNING


def test_a_run_is_recorded_with_its_figures_and_rejected_lines(tmp_path):
    from sens.models import ImportRun

    run(write_csv(tmp_path, [HEADER, YEREVAN, TWINNING.replace(";AM;", ";ZZ;")]))
    recorded = latest_run()
    assert recorded.importer == ImportRun.Importer.COOPERATION
    assert recorded.status == ImportRun.Status.DONE
    assert recorded.summary["agreements"]["created"] == 1
    assert recorded.summary["agreements"]["rejected"] == 1
    assert rejected_lines(recorded) == {(3, "unknown_country")}
    assert recorded.source.endswith("agreements.csv")
    # The dashboard's « last import » is the Senate's data's, not this one.
    assert ImportRun.objects.for_dashboard().first() is None


def test_a_row_the_database_refuses_is_rejected_alone(tmp_path, monkeypatch):
    from django.core.exceptions import ValidationError

    from cooperation import services

    real = services.agreement_save

    def refuse_twinnings(**kwargs):
        if kwargs["kind"] == Agreement.Kind.TWINNING:
            services.local_authority_get_or_create(kind="commune", name="Orpheline", code="15187")
            raise ValidationError("The end date must be on or after the signing date.")
        return real(**kwargs)

    monkeypatch.setattr(services, "agreement_save", refuse_twinnings)
    out, err = run(write_csv(tmp_path, [HEADER, YEREVAN, TWINNING]))
    assert "line 3: [refused_by_database] The end date must be on or after" in err
    assert Agreement.objects.get().kind == Agreement.Kind.COOPERATION
    assert not LocalAuthority.objects.filter(name="Orpheline").exists()  # its savepoint


def test_a_file_that_cannot_be_read_is_a_recorded_refusal(tmp_path):
    from sens.models import ImportRun

    huge = YEREVAN.replace("Accord signé à Erevan", '"' + ("z" * 999 + "\n") * 140 + '"')
    with pytest.raises(CommandError, match="not readable as CSV") as error:
        run(write_csv(tmp_path, [HEADER, TWINNING, huge]))
    assert "\n" not in str(error.value)
    assert not Agreement.objects.exists()
    refused = latest_run()
    assert refused.status == ImportRun.Status.REFUSED and refused.message == str(error.value)
    with pytest.raises(CommandError, match="missing columns"):
        run(write_csv(tmp_path, ["name;date", "x;2020"]))
    assert latest_run().status == ImportRun.Status.REFUSED
    with pytest.raises(CommandError, match="longer than 65,536 characters"):
        run(write_csv(tmp_path, [HEADER, TWINNING.replace("Culture;", "C" * 70_000 + ";")]))
    assert ImportRun.objects.count() == 3 and not Agreement.objects.exists()


def test_an_unexpected_error_is_one_sentence_and_a_failed_run(tmp_path, monkeypatch):
    from sens.models import ImportRun

    def boom(row, report):
        raise KeyError("department")

    monkeypatch.setattr(importer, "write_row", boom)
    with pytest.raises(CommandError, match=r"unexpected error \(KeyError"):
        run(write_csv(tmp_path, [HEADER, YEREVAN]))
    assert latest_run().status == ImportRun.Status.FAILED
    assert not Agreement.objects.exists()
