import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from reports.models import Report
from reports.services import MAX_PDF_SIZE
from tests.factories import make_pdf_bytes
from tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_form_data(**overrides):
    data = {
        "number": "GA 200",
        "title_fr": "Rapport sur la Mongolie",
        "title_en": "",
        "slug": "rapport-mongolie",
        "kind": "mission",
        "publication_date": "2024-05-02",
        "summary_fr": "",
        "summary_en": "",
        "body_fr": "",
        "body_en": "",
        "external_url": "",
        "extracted_text": "",
        "status": "published",
        "published_at_0": "2024-05-02",
        "published_at_1": "10:00:00",
    }
    data.update(overrides)
    return data


def post_report(client, pdf_bytes, name="rapport.pdf", report=None, language="fr", **overrides):
    url = (
        reverse("admin:reports_report_change", args=[report.pk])
        if report
        else reverse("admin:reports_report_add")
    )
    data = add_form_data(**overrides)
    if report:
        report.refresh_from_db()
        data["seen_version"] = report.version  # as the change form a browser posts
    if pdf_bytes is not None:
        data["pdf"] = SimpleUploadedFile(name, pdf_bytes, content_type="application/pdf")
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


def pdf_errors(response):
    return [str(e) for e in response.context["adminform"].form.errors.get("pdf", [])]


def test_real_pdf_is_accepted_and_its_text_extracted(admin_client):
    response = post_report(admin_client, make_pdf_bytes("La steppe et les yourtes de Mongolie"))
    assert response.status_code == 302, response.context and response.context["errors"]
    report = Report.objects.get(slug="rapport-mongolie")
    assert "yourtes" in report.extracted_text
    # Stored under a generated name, never the uploader's.
    assert re.fullmatch(r"reports/[0-9a-f]{32}\.pdf", report.pdf.name)
    assert list(Report.objects.search("yourte", "fr")) == [report]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "x.pdf", "page web (HTML)"),
        (b"%PDF-1.4\n<html><body>hello</body></html>", "x.pdf", "page web (HTML)"),
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "x.pdf", "programme"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "x.pdf", "programme"),
        (b"PK\x03\x04 a zip renamed", "x.pdf", "signature PDF"),
        (b"", "empty.pdf", None),  # Django's own "empty file" error
        (b"%PDF-1.4\nthis is not really a pdf at all", "x.pdf", "endommagé"),
    ],
)
def test_files_that_are_not_pdfs_are_refused_and_nothing_saved(
    admin_client, content, name, message
):
    response = post_report(admin_client, content, name=name)
    assert response.status_code == 200
    errors = pdf_errors(response)
    assert errors
    if message:
        assert message in errors[0]
    assert not Report.objects.exists()


def test_password_protected_pdf_is_refused(admin_client):
    response = post_report(admin_client, make_pdf_bytes("secret", encrypt_with="motdepasse"))
    assert "mot de passe" in pdf_errors(response)[0]
    assert not Report.objects.exists()


def test_pdf_over_20_mb_is_refused(admin_client):
    big = make_pdf_bytes("gros") + b"%" + b"0" * (MAX_PDF_SIZE + 1)
    response = post_report(admin_client, big)
    assert "20 Mo" in pdf_errors(response)[0]
    assert not Report.objects.exists()


def test_errors_are_in_the_editors_language(admin_client):
    response = post_report(admin_client, b"<html></html>", language="en")
    assert pdf_errors(response) == ["This file contains a web page (HTML), not a PDF."]


def test_staff_correction_of_text_is_kept_until_the_pdf_changes(admin_client):
    post_report(admin_client, make_pdf_bytes("Texte brut avec erreurs OCR"))
    report = Report.objects.get()
    # Staff correct the text; the PDF is not re-uploaded.
    response = post_report(
        admin_client, None, report=report, extracted_text="Texte corrigé par la DRIP"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.extracted_text == "Texte corrigé par la DRIP"
    # A new PDF replaces the text.
    post_report(admin_client, make_pdf_bytes("Nouvelle version du rapport"), report=report)
    report.refresh_from_db()
    assert "Nouvelle version" in report.extracted_text


def test_extract_report_text_command_reextracts_with_progress():
    with_pdf = make_report(title_fr="Avec PDF", extracted_text="ancien")
    with_pdf.pdf.save("x.pdf", ContentFile(make_pdf_bytes("Texte du Kirghizstan")))
    make_report(title_fr="Sans PDF")
    out = io.StringIO()
    call_command("extract_report_text", stdout=out, stderr=io.StringIO())
    with_pdf.refresh_from_db()
    assert "Kirghizstan" in with_pdf.extracted_text
    assert f"[1/1] {with_pdf}" in out.getvalue()
    assert "1 of 1 reports extracted, 0 failed." in out.getvalue()


def test_extract_report_text_command_reports_missing_files():
    report = make_report()
    Report.objects.filter(pk=report.pk).update(pdf="reports/missing.pdf")
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_report_text", stdout=out, stderr=err)
    assert "failed" in err.getvalue()
    assert "0 of 1 reports extracted, 1 failed." in out.getvalue()


def test_pdf_is_downloaded_with_its_type_and_nosniff(client):
    report = make_report(slug="avec-pdf")
    pdf = make_pdf_bytes("Rapport")
    report.pdf.save("whatever.pdf", ContentFile(pdf))
    response = client.get(reverse("reports:pdf", kwargs={"slug": "avec-pdf"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'attachment; filename="avec-pdf.pdf"' == response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf


def test_pdf_of_a_draft_or_a_report_without_pdf_is_404(client):
    draft = make_report(status="draft")
    draft.pdf.save("x.pdf", ContentFile(make_pdf_bytes()))
    make_report(slug="no-pdf")
    missing = make_report(slug="gone")
    Report.objects.filter(pk=missing.pk).update(pdf="reports/gone.pdf")
    for slug in (draft.slug, "no-pdf", "gone"):
        assert client.get(reverse("reports:pdf", kwargs={"slug": slug})).status_code == 404


@pytest.mark.parametrize(
    ("megabytes", "language", "expected"),
    [
        (25, "fr", "Le fichier pèse 25 Mo ;"),
        (25.5, "fr", "Le fichier pèse 25,5 Mo ;"),
        (25, "en", "The file is 25 MB;"),
        (25.5, "en", "The file is 25.5 MB;"),
    ],
)
def test_the_size_in_the_message_is_written_the_editors_way(megabytes, language, expected):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from reports.services import pdf_validate

    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4")
    upload.size = int(megabytes * 1024 * 1024)
    with translation.override(language), pytest.raises(ValidationError) as error:
        pdf_validate(upload)
    assert error.value.messages[0].startswith(expected)


# --- Active content and polyglots (issue 10) -------------------------------------------


def _pdf_with(change):
    """A real one-page PDF from make_pdf_bytes(), altered by ``change(writer)``."""
    from pypdf import PdfReader
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf_bytes("Rapport piégé"))))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _js_action(code="app.alert(1)"):
    from pypdf.generic import DictionaryObject
    from pypdf.generic import NameObject
    from pypdf.generic import TextStringObject

    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def _open_action(writer):
    from pypdf.generic import NameObject

    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js_action())


def _document_js(writer):
    from pypdf.generic import ArrayObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import NameObject
    from pypdf.generic import TextStringObject

    scripts = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), _js_action()])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(scripts)}
    )


def _page_aa(writer):
    from pypdf.generic import DictionaryObject
    from pypdf.generic import NameObject

    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})


def _launch_link(writer):
    from pypdf.generic import ArrayObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import FloatObject
    from pypdf.generic import NameObject
    from pypdf.generic import TextStringObject

    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 100, 100)]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/Launch"),
                    NameObject("/F"): TextStringObject("cmd.exe"),
                }
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _attachment(writer):
    writer.add_attachment("facture.exe", b"MZ\x90\x00 not really a program")


def _escaped_name():
    """An opening script whose action type hides behind an escaped name (/J#61vaScript)."""
    pdf = _pdf_with(_open_action)
    assert pdf.count(b"/JavaScript") == 1
    return pdf.replace(b"/JavaScript", b"/J#61vaScript")


@pytest.mark.parametrize(
    ("build", "named"),
    [
        (lambda: _pdf_with(_open_action), "OpenAction"),
        (lambda: _pdf_with(_document_js), "JavaScript"),
        (lambda: _pdf_with(_page_aa), "AA"),
        (lambda: _pdf_with(_launch_link), "Launch"),
        (lambda: _pdf_with(_attachment), "EmbeddedFile"),
        (_escaped_name, "JavaScript"),
    ],
    ids=["open-action", "document-script", "page-auto-action", "launch", "attachment", "escaped"],
)
def test_pdf_with_active_content_is_refused(admin_client, build, named):
    response = post_report(admin_client, build())
    errors = pdf_errors(response)
    assert errors, "accepted"
    assert "contient du contenu actif" in errors[0] and named in errors[0]
    assert not Report.objects.exists()


def test_pdf_html_polyglot_is_refused_wherever_the_html_is(admin_client):
    pdf = make_pdf_bytes("Rapport")
    # Past the first kilobyte, and across the boundary of the 1 MB read chunks.
    for padding in (3000, 1024 * 1024 - 4):
        polyglot = pdf + b"\n%" + b"A" * padding + b"<hTmL><body onload=alert(1)>"
        response = post_report(admin_client, polyglot)
        assert pdf_errors(response) == ["Ce fichier contient une page web (HTML), pas un PDF."]
    assert not Report.objects.exists()


def test_a_pdf_that_only_says_which_page_to_open_is_accepted(admin_client):
    """LibreOffice and Word write /OpenAction [page /XYZ null null 0] in every export."""
    from pypdf.generic import ArrayObject
    from pypdf.generic import NameObject
    from pypdf.generic import NullObject
    from pypdf.generic import NumberObject

    def open_at_first_page(writer):
        page = writer.pages[0].indirect_reference
        destination = [page, NameObject("/XYZ"), NullObject(), NullObject(), NumberObject(0)]
        writer._root_object[NameObject("/OpenAction")] = ArrayObject(destination)

    response = post_report(admin_client, _pdf_with(open_at_first_page))
    assert response.status_code == 302, pdf_errors(response)


def test_a_plain_pdf_with_an_ordinary_link_is_still_accepted(admin_client):
    def link(writer):
        writer.add_uri(0, "https://www.senat.fr/", [0, 0, 100, 100])

    response = post_report(admin_client, _pdf_with(link))
    assert response.status_code == 302, pdf_errors(response)
    assert Report.objects.get().extracted_text


# --- Old files go once nothing refers to them (issue 10) --------------------------------


def _exists(name):
    """Whether the PDF storage (files in PostgreSQL or on disk, STORAGES) still holds name."""
    return Report._meta.get_field("pdf").storage.exists(name)


def _report_with_pdf(**kw):
    report = make_report(**kw)
    report.pdf.save("old.pdf", ContentFile(make_pdf_bytes("Ancienne version")))
    return report


def test_replacing_a_pdf_removes_the_old_file_after_commit(
    admin_client, django_capture_on_commit_callbacks
):
    report = _report_with_pdf(number="GA 200", slug="rapport-mongolie")
    old = report.pdf.name
    assert _exists(old)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post_report(admin_client, make_pdf_bytes("Nouvelle version"), report=report)
        assert response.status_code == 302, pdf_errors(response)
    assert _exists(old)  # still there until the transaction commits
    for callback in callbacks:
        callback()
    assert not _exists(old)
    report.refresh_from_db()
    assert _exists(report.pdf.name)


def test_clearing_removes_the_file_deleting_keeps_it_for_the_history(
    admin_client, django_capture_on_commit_callbacks
):
    from reversion.models import Version

    cleared = _report_with_pdf(number="GA 200", slug="rapport-mongolie")
    deleted = _report_with_pdf()
    bulk = [_report_with_pdf(), _report_with_pdf()]
    files = [r.pdf.name for r in (cleared, deleted, *bulk)]
    with django_capture_on_commit_callbacks(execute=True):
        post_report(admin_client, None, report=cleared, **{"pdf-clear": "on"})
        admin_client.post(
            reverse("admin:reports_report_delete", args=[deleted.pk]), {"post": "yes"}
        )
        admin_client.post(
            reverse("admin:reports_report_changelist"),
            {"action": "delete_selected", "_selected_action": [r.pk for r in bulk], "post": "yes"},
        )
    assert Report.objects.filter(pk=cleared.pk, pdf="").exists()
    assert not Report.objects.filter(pk__in=[deleted.pk, *[r.pk for r in bulk]]).exists()

    # A deleted report is recoverable from the history (the admin saves its state before
    # deletion there), PDF included: a file stays exactly while a version names it. The
    # cleared report's old PDF is in no version.
    def in_history(name):
        return Version.objects.filter(serialized_data__contains=f'"{name}"').exists()

    assert [_exists(f) for f in files] == [in_history(f) for f in files]
    assert _exists(files[1]) and not _exists(files[0])
    Version.objects.all().delete()  # the history pruned, as `deleterevisions` would
    call_command("prune_report_files", stdout=io.StringIO())
    assert [_exists(f) for f in files] == [False, False, False, False]


def test_a_file_the_history_can_recover_is_kept_until_the_history_is_pruned(
    admin_client, django_capture_on_commit_callbacks
):
    from reversion.models import Version

    with django_capture_on_commit_callbacks(execute=True):
        post_report(admin_client, make_pdf_bytes("Première version"))
        report = Report.objects.get()
        first = report.pdf.name
        post_report(admin_client, make_pdf_bytes("Deuxième version"), report=report)
    report.refresh_from_db()
    second = report.pdf.name
    assert first != second
    assert _exists(first)  # the first version in the history still names it
    assert Version.objects.get_for_object(report).count() == 2

    out = io.StringIO()
    call_command("prune_report_files", stdout=out)
    assert _exists(first) and "0 PDF file(s) deleted" in out.getvalue()

    Version.objects.get_for_object(report).delete()  # as `deleterevisions` would
    call_command("prune_report_files", stdout=out)
    assert not _exists(first)
    assert _exists(second)  # the report still uses it


def test_a_file_a_report_still_uses_is_never_deleted():
    from reports.services import report_pdf_release

    report = _report_with_pdf()
    assert report_pdf_release(name=report.pdf.name) is False
    assert _exists(report.pdf.name)
