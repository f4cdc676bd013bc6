from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.exports import csv_response
from core.exports import wants_csv
from core.feeds import subscriptions
from core.filters import query_params

from .exports import AGREEMENT_COLUMNS
from .filters import AgreementFilter
from .models import Agreement
from .models import LocalAuthority


@query_params(AgreementFilter, "page", "format")
def agreement_list(request):
    agreements = Agreement.objects.published().for_list().order_by("-signed_on", "slug")
    filterset = AgreementFilter(request.GET, queryset=agreements, request=request)
    if wants_csv(request):
        return csv_response(
            request, filterset.qs, AGREEMENT_COLUMNS, "cooperation", filterset.errors
        )
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    feeds = subscriptions(
        _("Cooperation agreements"),
        rss=reverse("cooperation:rss"),
        atom=reverse("cooperation:atom"),
    )
    context = {"filter": filterset, "page": page, "subscriptions": feeds}
    return render(request, "cooperation/agreement_list.html", context)


def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.published().for_list(), slug=slug)
    return render(request, "cooperation/agreement_detail.html", {"agreement": agreement})


def authority_detail(request, slug):
    authority = get_object_or_404(
        LocalAuthority.objects.with_published_agreements().select_related(
            "department__region", "region"
        ),
        slug=slug,
    )
    agreements = (
        Agreement.objects.published()
        .for_authority(authority)
        .for_list()
        .order_by("-signed_on", "slug")
    )
    context = {"authority": authority, "agreements": agreements}
    return render(request, "cooperation/authority_detail.html", context)
