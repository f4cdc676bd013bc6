from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.exports import csv_response
from core.exports import wants_csv
from core.feeds import subscriptions
from core.filters import query_params
from core.http import file_response
from core.paging import list_page
from core.paging import render_list

from .exports import NEWS_COLUMNS
from .exports import NEWS_KEYS
from .exports import REPORT_COLUMNS
from .exports import REPORT_KEYS
from .exports import report_rows
from .filters import NewsFilter
from .filters import ReportFilter
from .models import NewsItem
from .models import Report
from .paging import IdsFirst
from .search import SearchResults
from .search import suggest


@query_params(ReportFilter, "page", "format")
def report_list(request):
    reports = Report.objects.published().for_list().order_by("-publication_date", "number")
    filterset = ReportFilter(request.GET, queryset=reports, request=request)
    text, language = filterset.search_text, get_language()
    if wants_csv(request):
        # Every matching report: a search gives all its matches (not capped), best first.
        rows = filterset.qs.search(text, language) if text else filterset.qs
        return csv_response(
            request, report_rows(rows), [*REPORT_COLUMNS, *REPORT_KEYS], "reports", filterset.errors
        )
    if text:
        results = SearchResults(filterset.qs, text, language)
    else:
        results = IdsFirst(filterset.qs)
    # A search's results come with their snippets (SearchResults).
    context = {
        "filter": filterset,
        **list_page(request, "reports/report_list.html", lambda: results, 20),
        "query": text,
        # « More than 1,000 reports », in the visitor's number format.
        "capped": text and results.capped and number_format(results.limit, force_grouping=True),
        "subscriptions": subscriptions(
            _("Reports"), rss=reverse("reports:rss"), atom=reverse("reports:atom")
        ),
    }
    if text and not context["page"].paginator.count:
        context["suggestion"] = suggest(text, language)
    return render(request, "reports/report_list.html", context)


def report_detail(request, slug):
    report = get_object_or_404(Report.objects.published().for_detail(), slug=slug)
    return render_report_page(request, report)


def render_report_page(request, report):
    """The report page for a report fetched with for_detail() (also the preview's)."""
    try:  # the download link says how heavy it is (« PDF, 1,2 Mo »): one query more
        pdf_size = report.pdf.size if report.pdf else None
    except FileNotFoundError:
        pdf_size = None
    return render(request, "reports/report_detail.html", {"report": report, "pdf_size": pdf_size})


def report_pdf(request, slug):
    report = get_object_or_404(Report.objects.published().exclude(pdf=""), slug=slug)
    return file_response(
        report.pdf,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{report.slug}.pdf",
    )


@query_params(NewsFilter, "page", "format")
def news_list(request):
    feeds = subscriptions(
        _("News"), rss=reverse("reports:news-rss"), atom=reverse("reports:news-atom")
    )
    return render_list(
        request,
        "reports/news_list.html",
        NewsFilter,
        lambda: NewsItem.objects.published().order_by("-date", "title"),
        20,
        csv=([*NEWS_COLUMNS, *NEWS_KEYS], "news"),
        subscriptions=feeds,
    )


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.published().for_detail(), slug=slug)
    return render_news_page(request, item)


def render_news_page(request, item):
    """The news page for an item fetched with for_detail() (also the preview's)."""
    return render(request, "reports/news_detail.html", {"item": item})
