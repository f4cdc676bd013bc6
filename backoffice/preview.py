"""« Prévisualiser »: a draft or scheduled record shown exactly as its public page.

The preview renders through the public views' own functions (``portal.views.render_group_page``...),
so it can never drift from the real page. It is for back-office users only (anyone else
gets a 404, not a login page, so the URL reveals nothing), it lives under /admin/, which
the page cache never stores (senat_groups/cache.py caches only /fr/ and /en/ pages), and
it is sent with ``Cache-Control: no-store`` and ``X-Robots-Tag: noindex``. The page itself
says « Aperçu — non publié » (templates/base.html, ``request.is_preview``).

A live record with an unpublished version (a draft, backoffice/drafts.py) is previewed
with the draft applied: through the change form's own save path, in a transaction
rolled back once the page is rendered, so the preview is what « Publier » will show.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from backoffice.formdata import apply_form_data
from backoffice.formdata import replay_request
from backoffice.models import Draft
from groups.models import FriendshipGroup
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from portal.views import event_rows
from portal.views import render_event_page
from portal.views import render_group_page
from reports.models import NewsItem
from reports.models import Report
from reports.views import render_news_page
from reports.views import render_report_page


def _reception_page(request, reception):
    # A reception has no page of its own: the public sees it on its group's page.
    group = FriendshipGroup.objects.for_detail().get(pk=reception.group_id)
    return render_group_page(request, group, extra_receptions=[reception])


# model -> (the rows the page may show, drafts included; the public view's renderer)
PREVIEWS = {
    FriendshipGroup: (lambda: FriendshipGroup.objects.for_detail(), render_group_page),
    Mission: (lambda: event_rows(Mission), render_event_page),
    Reception: (lambda: Reception.objects.select_related("country"), _reception_page),
    Colloquium: (lambda: event_rows(Colloquium), render_event_page),
    Report: (lambda: Report.objects.for_detail(), render_report_page),
    NewsItem: (lambda: NewsItem.objects.for_detail(), render_news_page),
}


def preview_url(obj, language):
    opts = obj._meta
    return reverse("admin:preview", args=[opts.app_label, opts.model_name, obj.pk, language])


def preview_links(obj, draft=None):
    """[(code, name, url)] of obj's preview in each language; [] once it is public, unless
    it has an unpublished version (``draft``, which the change form has loaded)."""
    if obj is None or type(obj) not in PREVIEWS:
        return []
    if obj.is_published and draft is None:
        return []
    return [(code, name, preview_url(obj, code)) for code, name in settings.LANGUAGES]


def preview(request, app_label, model_name, pk, language, site):
    if not site.has_permission(request) or language not in dict(settings.LANGUAGES):
        raise Http404
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    model_admin = site._registry.get(model)
    if model not in PREVIEWS or model_admin is None:
        raise Http404
    if not model_admin.has_view_permission(request):
        raise Http404
    queryset, render_page = PREVIEWS[model]
    obj = queryset().filter(pk=pk).first()
    if obj is None:
        raise Http404
    draft = Draft.objects.for_object(obj).first()
    if draft is None:
        return _render(request, obj, language, render_page)
    with transaction.atomic():
        errors = apply_form_data(
            model_admin, replay_request(request.user, draft.data), obj, log=False
        )
        if not errors:
            response = _render(request, queryset().get(pk=pk), language, render_page)
        transaction.set_rollback(True)
    if errors:
        text = "\n".join(errors)
        return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")
    return response


def _render(request, obj, language, render_page):
    request.is_preview = True
    with translation.override(language):
        request.LANGUAGE_CODE = language
        request.preview_language_urls = [
            (code, name, preview_url(obj, code)) for code, name in settings.LANGUAGES
        ]
        response = render_page(request, obj)
        if hasattr(response, "render"):  # a TemplateResponse: render it while the draft is in
            response.render()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = language
    return response
