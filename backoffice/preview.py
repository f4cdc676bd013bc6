"""« Prévisualiser »: a draft or scheduled record shown exactly as its public page.

The preview renders through the public views' own functions (``portal.views.render_group_page``...),
so it can never drift from the real page. It is for back-office users only (anyone else
gets a 404, not a login page, so the URL reveals nothing), it lives under /admin/, which
the page cache never stores (senat_groups/cache.py caches only /fr/ and /en/ pages), and
it is sent with ``Cache-Control: no-store`` and ``X-Robots-Tag: noindex``. The page itself
says « Aperçu — non publié » (templates/base.html, ``request.is_preview``).
"""

from django.apps import apps
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

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


def preview_links(obj):
    """[(code, name, url)] of obj's preview in each language; [] once it is public."""
    if obj is None or type(obj) not in PREVIEWS or obj.is_published:
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
    request.is_preview = True
    with translation.override(language):
        request.LANGUAGE_CODE = language
        request.preview_language_urls = [
            (code, name, preview_url(obj, code)) for code, name in settings.LANGUAGES
        ]
        response = render_page(request, obj)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = language
    return response
