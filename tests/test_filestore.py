"""Uploaded files in PostgreSQL (filestore.storage.DatabaseStorage), the default storage."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError
from django.core.management import call_command

from filestore.models import StoredFile
from filestore.storage import DatabaseStorage
from tests.admin_helpers import login_verified
from tests.factories import make_report

PDF = b"%PDF-1.4\n% a stored file \xe9\xff\n%%EOF\n"


def test_the_default_storage_is_the_database():
    assert isinstance(default_storage, DatabaseStorage)


@pytest.mark.django_db
def test_a_saved_file_reads_back_byte_for_byte():
    name = default_storage.save("reports/a.pdf", ContentFile(PDF))

    assert name == "reports/a.pdf"
    assert StoredFile.objects.get(name=name).size == len(PDF)
    with default_storage.open(name) as f:
        assert f.read() == PDF
    assert default_storage.exists(name)
    assert default_storage.size(name) == len(PDF)
    assert default_storage.get_modified_time(name) is not None


@pytest.mark.django_db
def test_a_second_file_with_the_same_name_gets_another_name():
    first = default_storage.save("senators/photo.jpg", ContentFile(b"one"))
    second = default_storage.save("senators/photo.jpg", ContentFile(b"two"))

    assert first != second
    assert default_storage.open(first).read() == b"one"
    assert default_storage.open(second).read() == b"two"


@pytest.mark.django_db
def test_deleted_and_missing_files():
    name = default_storage.save("reports/gone.pdf", ContentFile(PDF))
    default_storage.delete(name)

    assert not default_storage.exists(name)
    with pytest.raises(FileNotFoundError):
        default_storage.open(name)
    with pytest.raises(FileNotFoundError):
        default_storage.size(name)


@pytest.mark.django_db
def test_listdir_splits_folders_and_files():
    for name in ("reports/a.pdf", "reports/b.pdf", "reports/old/c.pdf", "senators/x.jpg"):
        default_storage.save(name, ContentFile(b"x"))

    assert default_storage.listdir("reports") == (["old"], ["a.pdf", "b.pdf"])
    assert default_storage.listdir("") == (["reports", "senators"], [])


def test_files_open_for_reading_only():
    with pytest.raises(ValueError):
        DatabaseStorage().open("reports/a.pdf", "wb")


@pytest.mark.django_db
def test_a_report_pdf_is_a_row_and_downloads_from_it(client):
    report = make_report()
    report.pdf.save("report.pdf", ContentFile(PDF))

    assert StoredFile.objects.filter(name=report.pdf.name).exists()
    response = client.get(report.get_absolute_url() + "pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_media_url_serves_verified_back_office_users_only(client, django_assert_num_queries):
    name = default_storage.save("reports/private.pdf", ContentFile(PDF))
    url = default_storage.url(name)
    assert url == "/media/reports/private.pdf"
    assert client.get(url).status_code == 302  # anonymous: to the admin login

    admin = User.objects.create_superuser("files", "files@example.org", "x" * 16)
    client.force_login(admin)  # password only, no second factor yet
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    login_verified(client, admin)
    # 1. session  2. user  3. the session's OTP device  4. the file
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client.get("/media/reports/missing.pdf").status_code == 404


@pytest.mark.django_db
def test_import_media_files_copies_once_and_keeps_names(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "old.pdf").write_bytes(PDF)
    (tmp_path / "senators").mkdir()
    (tmp_path / "senators" / "p.jpg").write_bytes(b"jpeg")
    out = io.StringIO()

    call_command("import_media_files", media_root=str(tmp_path), stdout=out)
    call_command("import_media_files", media_root=str(tmp_path), stdout=out)

    assert default_storage.open("reports/old.pdf").read() == PDF
    assert default_storage.open("senators/p.jpg").read() == b"jpeg"
    assert out.getvalue().splitlines() == [
        "2 file(s) copied, 0 already stored.",
        "0 file(s) copied, 2 already stored.",
    ]


def test_import_media_files_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_media_files", media_root=str(tmp_path / "nowhere"))
