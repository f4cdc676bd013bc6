"""Writes on reports: checking an uploaded PDF and extracting its text."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

MAX_PDF_SIZE = 20 * 1024 * 1024  # 20 MB
PDF_SIGNATURE = b"%PDF-"
# What a disguised file starts with, or carries in its first kilobyte: HTML that
# a browser would run if it ever sniffed the type, and executables.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa", b"#!")
HTML_MARKERS = (b"<!doctype html", b"<html", b"<script", b"<body", b"<iframe", b"<svg")


def _head(uploaded, size=1024):
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def pdf_validate(uploaded):
    """Raise ValidationError unless ``uploaded`` is a real, readable PDF of 20 MB at most.

    The messages are in the active language (the editor's). Checks the size
    first (cheap), then the signature, then that pypdf can read every page tree.
    """
    if uploaded.size > MAX_PDF_SIZE:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 20 MB.")
            % {"size": f"{uploaded.size / (1024 * 1024):.1f}"},
            code="too_large",
        )
    head = _head(uploaded)
    lowered = head.lower()
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(_("This file is a program, not a PDF."), code="executable")
    if any(marker in lowered for marker in HTML_MARKERS):
        raise ValidationError(_("This file contains a web page (HTML), not a PDF."), code="html")
    if not head.startswith(PDF_SIGNATURE):
        raise ValidationError(
            _("This file is not a PDF (it does not start with the PDF signature)."),
            code="not_pdf",
        )
    try:
        reader = PdfReader(uploaded, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _("This PDF is password-protected; upload a version without a password."),
                code="encrypted",
            )
        if len(reader.pages) == 0:
            raise ValidationError(_("This PDF has no pages."), code="empty")
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files
        logger.info("PDF rejected: %r", error)
        raise ValidationError(
            _("This PDF is damaged and cannot be read."), code="unreadable"
        ) from error
    finally:
        uploaded.seek(0)


def pdf_extract_text(file):
    """The text of every page of a PDF, pages separated by blank lines.

    A page whose text cannot be extracted is skipped rather than failing the
    whole document. NUL characters are removed: PostgreSQL text cannot hold them.
    """
    file.seek(0)
    reader = PdfReader(file, strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    pages = []
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except (PyPdfError, ValueError, KeyError, TypeError) as error:
            logger.warning("Page text not extracted: %r", error)
    file.seek(0)
    return "\n\n".join(text.strip() for text in pages if text.strip()).replace("\x00", "")


def report_extract_text(*, report, uploaded=None, save=True):
    """Replace ``report.extracted_text`` with the text of its PDF; returns its length.

    Only called when the PDF is new or changed (admin), or on purpose (the
    extract_report_text command): a staff correction of the text is otherwise kept.
    ``uploaded`` is a new PDF not stored yet (the admin passes it before saving the
    report, with ``save=False``). The search vectors follow through the database trigger.
    """
    if uploaded is not None:
        report.extracted_text = pdf_extract_text(uploaded)
    elif not report.pdf:
        return 0
    else:
        with report.pdf.open("rb") as pdf:
            report.extracted_text = pdf_extract_text(pdf)
    if save:
        report.save(update_fields=["extracted_text", "updated_at"])
    return len(report.extracted_text)
