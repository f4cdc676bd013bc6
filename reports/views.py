from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import NewsItem, Report


def report_list(request):
    reports = Report.objects.published().select_related("group").order_by("-publication_date")
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    return render(request, "reports/report_list.html", {"page": page})


def report_detail(request, slug):
    report = get_object_or_404(Report.objects.published(), slug=slug)
    return render(request, "reports/report_detail.html", {"report": report})


def news_list(request):
    news = NewsItem.objects.published().order_by("-date")
    page = Paginator(news, 20).get_page(request.GET.get("page"))
    return render(request, "reports/news_list.html", {"page": page})


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.published(), slug=slug)
    return render(request, "reports/news_detail.html", {"item": item})


def search(request):
    query = request.GET.get("q", "")[:200]
    reports = Report.objects.published().filter(title__icontains=query) if query else []
    return render(request, "reports/search.html", {"query": query, "reports": reports})
