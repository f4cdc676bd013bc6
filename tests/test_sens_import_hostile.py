"""manage.py import_sens on hostile or broken input: every failure exits non-zero with one
plain sentence, changes nothing and is recorded as a run; odd rows are rejected by rule."""

import functools
import http.server
import io
import threading
import time
import zipfile

import pytest
from django.core.management import CommandError
from django.core.management import call_command

from groups.models import CountryLink
from groups.models import FriendshipGroup
from groups.models import GroupName
from groups.models import Membership
from groups.models import Senator
from sens.models import ImportRun
from tests import sens_export
from tests.helpers.sens import DAY
from tests.helpers.sens import report_rows
from tests.helpers.sens import run

SQL_ZIP = "export_sens.sql"


def import_report(tables, tmp_path):
    """Imports ``tables`` as a dump; the rows of the run's report."""
    run(sens_export.write_export(tables, "dump", tmp_path))
    return report_rows()


def assert_failed(call, message):
    """``call`` fails with ``message``, nothing is written, the run records the sentence."""
    runs = ImportRun.objects.count()
    with pytest.raises(CommandError, match=message) as error:
        call()
    assert "\n" not in str(error.value).strip()  # one sentence, no traceback
    assert not FriendshipGroup.objects.exists() and not Senator.objects.exists()
    assert ImportRun.objects.count() == runs + 1
    failed = ImportRun.objects.latest("pk")
    assert failed.status in (ImportRun.Status.REFUSED, ImportRun.Status.FAILED)
    assert failed.message == str(error.value)
    return failed


def zip_of(path, text, compress=zipfile.ZIP_DEFLATED, date_time=None):
    with zipfile.ZipFile(path, "w", compress) as archive:
        info = zipfile.ZipInfo(SQL_ZIP, date_time=date_time or (2026, 11, 30, 3, 0, 0))
        info.compress_type = compress
        archive.writestr(info, text)
    return path


def patch_headers(path, *, method=None, flags=None):
    """Rewrite the compression method or the flags in the zip's local and central headers."""
    data = bytearray(path.read_bytes())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.index(signature)
        if method is not None:
            data[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
        if flags is not None:
            data[at + flag_at : at + flag_at + 2] = flags.to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


# --- zip bombs and over-long lines or fields (item 10) ---------------------------------


def filler(lines, width=60):
    """A table the importer does not read, ``lines`` lines long."""
    row = "1\t" + "x" * width + "\n"
    return f"COPY public.filler (id, text) FROM stdin;\n{row * lines}\\.\n"


def dump_with(extra):
    text = sens_export.dump_text(sens_export.base_tables())
    return text.replace("SET statement_timeout = 0;\n", "SET statement_timeout = 0;\n" + extra)


@pytest.mark.django_db
def test_a_zip_bomb_past_the_size_setting_is_refused(countries, tmp_path, settings):
    settings.SENS_IMPORT_MAX_BYTES = 200_000
    path = zip_of(tmp_path / "export_sens.zip", dump_with(filler(10_000)))  # 630 KB of text
    assert path.stat().st_size < 20_000
    assert_failed(lambda: run(path), "more than 200,000 characters of text")


@pytest.mark.django_db
def test_a_zip_whose_declared_size_lies_is_still_stopped(countries, tmp_path, settings):
    settings.SENS_IMPORT_MAX_BYTES = 200_000
    path = zip_of(tmp_path / "export_sens.zip", dump_with(filler(10_000)))
    data = bytearray(path.read_bytes())
    # The central directory claims 1,000 bytes: the reader counts what it really reads.
    at = data.index(b"PK\x01\x02")
    data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert_failed(lambda: run(path), "export_sens.zip")


@pytest.mark.django_db
def test_the_real_size_export_fits_the_default_setting(settings):
    assert settings.SENS_IMPORT_MAX_BYTES >= 3 * 58_000_000


@pytest.mark.django_db
def test_a_line_of_ten_megabytes_is_refused_without_reading_it_whole(countries, tmp_path):
    line = "COPY public.filler (id, text) FROM stdin;\n1\t" + "x" * 10_000_000 + "\n\\.\n"
    path = zip_of(tmp_path / "export_sens.zip", dump_with(line))
    assert_failed(lambda: run(path), "a line longer than 65,536 characters")


@pytest.mark.django_db
def test_a_field_longer_than_any_column_is_refused(countries, tmp_path):
    tables = sens_export.base_tables()
    tables["sen"][0]["sencircou"] = "Ain" * 2000  # 6,000 characters
    path = sens_export.write_export(tables, "dump", tmp_path)
    assert_failed(lambda: run(path), "a field longer than 4,096 characters")


def test_more_rows_than_fit_in_the_memory_limit_are_refused(tmp_path):
    from sens import check
    from sens import parse

    path = sens_export.write_export(sens_export.base_tables(), "dump", tmp_path)
    export = parse.open_export(path)
    assert export.read(check.WANTED, progress=False)  # 1,000,000 bytes: enough
    with pytest.raises(parse.ExportError, match="more rows .* than fit in 0 MB"):
        export.read(check.WANTED, progress=False, limits=parse.Limits(max_memory=10_000))


# --- crashes that must be failures (item 11) ---------------------------------------------


@pytest.mark.django_db
def test_a_csv_field_past_the_csv_modules_limit_is_refused(countries, tmp_path):
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    text = (folder / "sen.csv").read_text()
    # A quoted field of 140,000 characters over many short lines.
    huge = '"' + ("y" * 999 + "\n") * 140 + '"'
    (folder / "sen.csv").write_text(text.replace("de La Valmorel", huge, 1))
    assert_failed(lambda: run(folder), "sen.csv")


@pytest.mark.django_db
def test_a_zip_with_an_unknown_compression_method_is_refused(countries, tmp_path):
    path = zip_of(tmp_path / "export_sens.zip", dump_with(""), compress=zipfile.ZIP_STORED)
    patch_headers(path, method=99)  # AES, which zipfile cannot read
    assert_failed(lambda: run(path), "compressed by a method other than deflate")


@pytest.mark.django_db
def test_an_encrypted_zip_is_refused(countries, tmp_path):
    path = zip_of(tmp_path / "export_sens.zip", dump_with(""))
    patch_headers(path, flags=0x1)
    assert_failed(lambda: run(path), "is encrypted")


@pytest.mark.django_db
def test_a_source_longer_than_the_runs_column_is_recorded_shortened(countries, tmp_path):
    folder = tmp_path / ("a" * 200) / ("b" * 200) / ("c" * 200)
    sens_export.write_csv_folder(sens_export.base_tables(), folder)
    assert len(str(folder)) > 600
    output = run(folder)
    assert "Imported" in output
    done = ImportRun.objects.get()
    assert done.status == ImportRun.Status.DONE
    assert len(done.source) == 500 and "…" in done.source and done.source.endswith("c" * 100)
    assert FriendshipGroup.objects.filter(senate_code="GA01").exists()


@pytest.mark.django_db
def test_an_unexpected_error_is_one_sentence_and_a_failed_run(countries, tmp_path, monkeypatch):
    from sens import check

    def boom(*args, **kwargs):
        raise KeyError("nationcod")

    monkeypatch.setattr(check.Checker, "check_links", boom)
    path = sens_export.write_export(sens_export.base_tables(), "dump", tmp_path)
    failed = assert_failed(lambda: run(path), "unexpected error")
    assert failed.status == ImportRun.Status.FAILED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "option, message",
    [
        ("2020-13-45", "is not a date"),
        ("2099-01-01", "2099-01-01 .--export-date. is not plausible"),
    ],
)
def test_an_impossible_export_date_option_is_a_recorded_refusal(
    countries, tmp_path, option, message
):
    path = sens_export.write_export(sens_export.base_tables(), "dump", tmp_path)

    def call():
        call_command(
            "import_sens", str(path), "--export-date", option, "--no-progress",
            stdout=io.StringIO(),
        )  # fmt: skip

    assert_failed(call, message)


# --- --url: every failure recorded, a deadline for the whole download (items 11, 12) ---


class Handler(http.server.BaseHTTPRequestHandler):
    """/redirect-file: 302 to file:; /big: 2 MB; /slow: one byte every 0.2 s, for ever."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/redirect-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/redirect-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/export_sens.zip")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the limit must count what arrives
            for _ in range(32):
                self.wfile.write(b"x" * 65536)
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass  # the client gave up
        else:
            self.send_error(404)


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run_url(url, *args):
    call_command(
        "import_sens", "--url", url, "--export-date", DAY, "--no-progress", *args,
        stdout=io.StringIO(),
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, args, message",
    [
        ("/missing.zip", [], "answered 404"),
        ("/redirect-file", [], "redirects to file:///etc/passwd, which is not an http"),
        ("/redirect-ftp", [], "which is not an http"),
        ("/big", ["--max-bytes", "1000000"], "more than the 1,000,000 bytes allowed"),
    ],
)
def test_every_url_failure_is_a_recorded_refusal(countries, server, path, args, message):
    failed = assert_failed(lambda: run_url(server + path, *args), message)
    assert failed.source == server + path


@pytest.mark.django_db
def test_a_url_that_is_not_http_is_refused(countries, tmp_path):
    path = sens_export.write_export(sens_export.base_tables(), "zip", tmp_path)
    assert_failed(lambda: run_url(f"file://{path}"), "is not an http")


@pytest.mark.django_db
def test_a_slow_server_meets_the_downloads_deadline(countries, server):
    """One byte every 0.2 s never trips the 5 s per-read timeout: the deadline stops it."""
    failed = assert_failed(
        lambda: run_url(server + "/slow", "--timeout", "5", "--deadline", "1"),
        "took more than 1 seconds",
    )
    assert failed.status == ImportRun.Status.REFUSED


@pytest.mark.django_db
def test_a_long_url_is_recorded_shortened(countries, server):
    url = f"{server}/missing.zip?{'q' * 600}"
    failed = assert_failed(lambda: run_url(url), "answered 404")
    assert len(failed.source) == 500


# --- dates, long names, duplicate keys: each reported under a rule (item 13) ----------


@pytest.mark.django_db
def test_a_zip_dated_1980_is_refused_not_read_as_1980(countries, tmp_path):
    text = sens_export.dump_text(sens_export.base_tables())
    path = zip_of(tmp_path / "export_sens.zip", text, date_time=(1980, 1, 1, 0, 0, 0))

    def call():
        call_command("import_sens", str(path), "--no-progress", stdout=io.StringIO())

    assert_failed(call, r"date 1980-01-01 \(the date of the file\) is not plausible")


@pytest.mark.django_db
def test_names_longer_than_their_column_are_rejected_not_cut(countries, tmp_path):
    tables = sens_export.base_tables()
    tables["libgrpsen"][1]["libgrpsenlib"] = "France-Japon " + "très " * 60  # 313 characters
    tables["sen"][1]["sennomuse"] = "Durandal" * 15  # 120 characters, the column holds 100
    rows = import_report(tables, tmp_path)
    assert ("libgrpsen", "2", "rejected", "value_too_long") in rows
    assert ("sen", "90002B", "rejected", "value_too_long") in rows
    assert ("memgrpsen", "2", "rejected", "senator_rejected") in rows
    assert not Senator.objects.filter(senate_id="90002B").exists()
    assert not GroupName.objects.filter(name__startswith="France-Japon très").exists()
    # The group keeps its other, valid name (the short one of that row, as the public knows it).
    group = FriendshipGroup.objects.get(senate_code="GA01")
    assert (group.name, group.official_name) == ("Japon", "Groupe France-Japon")


@pytest.mark.django_db
def test_duplicate_keys_reject_every_row_that_shares_them(countries, tmp_path):
    tables = sens_export.base_tables()
    tables["memgrpsen"].append(dict(tables["memgrpsen"][0], senmat="90004D"))  # id 1 twice
    tables["sen"].append(dict(tables["sen"][2], sennomuse="Quillon-Bis"))  # 90003C twice
    rows = import_report(tables, tmp_path)
    assert ("memgrpsen", "1", "rejected", "duplicate_key") in rows
    assert ("fonmemgrpsen", "1", "rejected", "membership_rejected") in rows
    assert ("sen", "90003C", "rejected", "duplicate_key") in rows
    assert ("memgrpsen", "10", "rejected", "senator_rejected") in rows
    assert not Membership.objects.filter(source_key__regex=r"^(fon)?memgrpsen:1(:|$)").exists()
    assert not Senator.objects.filter(senate_id="90003C").exists()
    assert Senator.objects.filter(senate_id="90001A").exists()


# --- one bad value rejects its row and the rows that hang on it, the rest is imported ---

# (table, row, column, value) changed in the export; the report's rejections (table,
# source key, rule); rows that must not exist; rows that must.
BAD_VALUES = [
    pytest.param(
        ("memgrpsen", 0, "memgrpsendatent", "2020-13-45 00:00:00"),
        [("memgrpsen", "1", "bad_date"), ("fonmemgrpsen", "1", "membership_rejected")],
        lambda: [Membership.objects.filter(source_key__regex=r"^(fon)?memgrpsen:1(:|$)")],
        lambda: [Membership.objects.filter(source_key="memgrpsen:2")],
        id="an-impossible-date",  # item 11
    ),
    pytest.param(
        # « Brésil » under 99217, the code INSEE gives to Japan.
        ("nation", 0, "nationlibcog", "Brésil"),
        [("nation", "99217", "nation_name_mismatch"), ("nationgrpsen", "1", "nation_rejected")],
        lambda: [
            CountryLink.objects.filter(country__code="JP"),
            FriendshipGroup.objects.get(senate_code="GA01").countries.all(),
        ],
        # Labels that are the COG's name, accents and case aside, or another of its labels
        # pass: the nationlic « RDC ».
        lambda: [CountryLink.objects.filter(country__code="CD")],
        id="a-nation-whose-label-is-not-its-codes-cog-name",  # item 6
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "rejected", "absent", "present"), BAD_VALUES)
def test_a_bad_value_rejects_its_row_and_those_that_hang_on_it(
    countries, tmp_path, change, rejected, absent, present
):
    table, index, column, value = change
    tables = sens_export.base_tables()
    tables[table][index][column] = value
    rows = import_report(tables, tmp_path)
    for source, key, rule in rejected:
        assert (source, key, "rejected", rule) in rows
    for queryset in absent():
        assert not queryset.exists(), queryset.query
    for queryset in present():
        assert queryset.exists(), queryset.query
