"""Writes on reports: checking an uploaded PDF, extracting its text, releasing old files."""

import json
import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
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
# What makes a PDF act rather than show: scripts, actions run on opening or on events,
# programs launched, files carried inside, Flash/3D media, XFA forms (which script).
ACTIVE_KEYS = {
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE"}
SCAN_CHUNK = 1024 * 1024


def size_in_mb(size):
    """A size in megabytes as the active language writes it: « 25 », « 25,5 », "25.5"."""
    megabytes = round(size / (1024 * 1024), 1)
    if megabytes == int(megabytes):
        megabytes = int(megabytes)
    return number_format(megabytes)


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
            _("The file is %(size)s MB; the limit is 20 MB.") % {"size": size_in_mb(uploaded.size)},
            code="too_large",
        )
    head = _head(uploaded)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(_("This file is a program, not a PDF."), code="executable")
    if _contains_html(uploaded):
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
        active = pdf_active_content(reader)
        if active:
            logger.info("PDF rejected, active content: %s", ", ".join(sorted(active)))
            raise ValidationError(
                _(
                    "This PDF contains active content (%(found)s): scripts, automatic "
                    "actions, launched programs or embedded files. Export it again as a "
                    "plain PDF (for example « PDF/A ») and upload that file."
                )
                % {"found": ", ".join(sorted(name.lstrip("/") for name in active))},
                code="active_content",
            )
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files
        logger.info("PDF rejected: %r", error)
        raise ValidationError(
            _("This PDF is damaged and cannot be read."), code="unreadable"
        ) from error
    finally:
        uploaded.seek(0)


def _contains_html(uploaded):
    """True if any part of the file holds HTML markup: a PDF/HTML polyglot, not just its head.

    Read in 1 MB chunks that overlap by the longest marker, so none is cut in two.
    """
    overlap = max(len(marker) for marker in HTML_MARKERS)
    uploaded.seek(0)
    tail = b""
    try:
        while chunk := uploaded.read(SCAN_CHUNK):
            window = (tail + chunk).lower()
            if any(marker in window for marker in HTML_MARKERS):
                return True
            tail = window[-overlap:]
        return False
    finally:
        uploaded.seek(0)


def pdf_active_content(reader):
    """The names of the active features a PDF carries (empty set: none).

    Walks every dictionary and array reachable from the trailer, so an action hidden
    in a compressed object stream, in a page annotation or behind an escaped name
    (``/J#61vaScript`` reads ``/JavaScript``) is found too. Stream contents (page
    drawings, images) are not parsed.
    """
    from pypdf.generic import ArrayObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import IndirectObject

    found, seen = set(), set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                obj = obj.get_object()
            except Exception:  # a dangling reference: nothing to check there
                continue
        if isinstance(obj, DictionaryObject):
            for name, value in obj.items():
                if name in ACTIVE_KEYS and not (name == "/OpenAction" and _destination(value)):
                    found.add(name)
                if name == "/S" and value in ACTIVE_ACTIONS:
                    found.add(str(value))
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return found


def _destination(value):
    """True for an /OpenAction that only says where to open ([page /XYZ ...], which
    LibreOffice and Word write in every PDF), not an action to run."""
    from pypdf.generic import ArrayObject

    try:
        return isinstance(value.get_object(), ArrayObject)
    except Exception:  # a dangling reference: treated as an action
        return False


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


def report_pdf_release(*, name, storage=None):
    """Delete the stored PDF ``name`` once nothing refers to it; True if it was deleted.

    A file stays while a report names it, or a version in the history does
    (django-reversion): recovering an old version, or a deleted report, then brings
    its PDF back. ``prune_report_files`` deletes the rest once the history is pruned.
    Call it after the transaction that dropped the reference has committed
    (``report_pdf_release_on_commit``): a rolled-back replacement keeps its file.
    """
    from reversion.models import Version

    from .models import Report

    if not name:
        return False
    storage = storage or Report._meta.get_field("pdf").storage
    if Report.objects.filter(pdf=name).exists():
        return False
    history = Version.objects.get_for_model(Report)
    if history.filter(serialized_data__contains=json.dumps(name)).exists():
        return False
    if not storage.exists(name):
        return False
    storage.delete(name)
    logger.info("PDF released: %s", name)
    return True


def report_pdf_release_on_commit(*names):
    """``report_pdf_release`` for each name, after the current transaction commits."""
    for name in names:
        if name:
            transaction.on_commit(partial(report_pdf_release, name=name))
