from urllib.parse import unquote

from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


@staff_member_required
def stored_file(request, name):
    """A stored file for staff (the admin's "Currently: ..." links).

    The public gets files only through the views that check publication (a published
    report's PDF: reports.views.report_pdf), never by name.
    """
    try:
        file = default_storage.open(unquote(name))
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
