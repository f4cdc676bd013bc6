import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.utils.translation import gettext as _

from groups.filters import query_params

from .filters import AgreementFilter
from .models import Agreement
from .models import LocalAuthority


@query_params(AgreementFilter, "page")
def agreement_list(request):
    agreements = Agreement.objects.published().for_list().order_by("-signed_on", "slug")
    filterset = AgreementFilter(request.GET, queryset=agreements, request=request)
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "csv_query": query.urlencode()}
    return render(request, "cooperation/agreement_list.html", context)


class Echo:
    def write(self, value):
        return value


@query_params(AgreementFilter)
def agreement_csv(request):
    """The filtered list as CSV: streamed, UTF-8 with BOM and « ; » for French spreadsheets,
    the header in the page's language, ISO dates."""
    agreements = Agreement.objects.published().for_list().order_by("-signed_on", "slug")
    filterset = AgreementFilter(request.GET, queryset=agreements, request=request)
    header = [
        _("Kind"),
        _("French authorities"),
        _("Foreign authorities"),
        _("Countries"),
        _("Signing date"),
        _("State"),
        _("Themes"),
        _("Summary"),
        _("Page"),
    ]
    writer = csv.writer(Echo(), delimiter=";")

    def rows():
        yield "\ufeff" + writer.writerow(header)
        # iterator(chunk_size=...) keeps the prefetches, 500 rows at a time.
        for a in filterset.qs.iterator(chunk_size=500):
            foreign = list(a.foreign_authorities.all())
            yield writer.writerow(
                [
                    a.get_kind_display(),
                    " | ".join(f.name for f in a.french_authorities.all()),
                    " | ".join(f.name for f in foreign),
                    " | ".join(sorted({f.country.code for f in foreign if f.country})),
                    a.signed_on.isoformat(),
                    a.get_state_display(),
                    " | ".join(str(t) for t in a.theme_labels),
                    a.summary,
                    request.build_absolute_uri(a.get_absolute_url()),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cooperation.csv"'
    return response


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
