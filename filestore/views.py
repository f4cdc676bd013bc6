from urllib.parse import unquote

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.http import Http404


def stored_file(request, name):
    """A stored file for those who may use the back office (the admin's "Currently" links).

    The same rule as the admin's (``admin.site.has_permission``: editors who gave their
    second factor). The public gets files only through the views that check publication
    (a published report's PDF: reports.views.report_pdf), never by name.
    """
    if not admin.site.has_permission(request):
        return redirect_to_login(request.get_full_path())  # to settings.LOGIN_URL
    try:
        file = default_storage.open(unquote(name))
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
