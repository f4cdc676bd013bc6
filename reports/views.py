from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from .filters import NewsFilter, ReportFilter
from .models import NewsItem, Report
from .search import attach_headlines, clean_query, site_search, suggest


def report_list(request):
    reports = Report.objects.published().for_list().order_by("-publication_date", "number")
    filterset = ReportFilter(request.GET, queryset=reports, request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    text = filterset.search_text
    page.object_list = attach_headlines(page.object_list, text, get_language())
    context = {"filter": filterset, "page": page, "query": text}
    if text and not page.paginator.count:
        context["suggestion"] = suggest(text, get_language())
    return render(request, "reports/report_list.html", context)


def report_detail(request, slug):
    report = get_object_or_404(Report.objects.published().for_detail(), slug=slug)
    return render(request, "reports/report_detail.html", {"report": report})


def report_pdf(request, slug):
    report = get_object_or_404(Report.objects.published().exclude(pdf=""), slug=slug)
    try:
        pdf = report.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        pdf,
        as_attachment=True,
        filename=f"{report.slug}.pdf",
        content_type="application/pdf",
    )
    # Never let a browser guess another type (an HTML file renamed .pdf, say).
    response["X-Content-Type-Options"] = "nosniff"
    return response


def news_list(request):
    news = NewsItem.objects.published().order_by("-date", "title")
    filterset = NewsFilter(request.GET, queryset=news, request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(request, "reports/news_list.html", {"filter": filterset, "page": page})


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.published().for_detail(), slug=slug)
    return render(request, "reports/news_detail.html", {"item": item})


def search(request):
    text = clean_query(request.GET.get("q"))
    context = {"query": text}
    if text:
        results = site_search(text, get_language())
        context["results"] = results
        if not any(
            results[kind] for kind in ("reports", "groups", "countries", "missions", "news")
        ):
            context["suggestion"] = suggest(text, get_language())
    return render(request, "reports/search.html", context)
