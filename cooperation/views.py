from django.db.models import Case
from django.db.models import IntegerField
from django.db.models import Value
from django.db.models import When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.feeds import subscriptions
from core.filters import query_params
from core.http import accepts_post
from core.paging import render_list

from . import services
from .exports import AGREEMENT_COLUMNS
from .exports import AGREEMENT_KEYS
from .filters import AgreementFilter
from .forms import DeclarationForm
from .models import Agreement
from .models import LocalAuthority


@query_params(AgreementFilter, "page", "format")
def agreement_list(request):
    feeds = subscriptions(
        _("Cooperation agreements"),
        rss=reverse("cooperation:rss"),
        atom=reverse("cooperation:atom"),
    )
    return render_list(
        request,
        "cooperation/agreement_list.html",
        AgreementFilter,
        lambda: Agreement.objects.published().for_list().order_by("-signed_on", "slug"),
        30,
        csv=([*AGREEMENT_COLUMNS, *AGREEMENT_KEYS], "cooperation"),
        subscriptions=feeds,
    )


def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.published().for_list(), slug=slug)
    return render(request, "cooperation/agreement_detail.html", {"agreement": agreement})


def authority_detail(request, slug):
    """The former address, by slug: kept for an authority without an official code,
    otherwise a permanent redirect to the page keyed by its code."""
    authority = get_object_or_404(_public_authorities(), slug=slug)
    if authority.insee_code:
        return redirect(authority.get_absolute_url(), permanent=True)
    return _authority_page(request, authority)


def authority_by_code(request, kind, code):
    authority = get_object_or_404(_public_authorities(), kind=kind, insee_code=code)
    return _authority_page(request, authority)


def _public_authorities():
    return LocalAuthority.objects.with_published_agreements().select_related(
        "department__region", "region"
    )


def _authority_page(request, authority):
    agreements = (
        Agreement.objects.published()
        .for_authority(authority)
        .for_list()
        .order_by("-signed_on", "slug")
    )
    context = {"authority": authority, "agreements": agreements}
    return render(request, "cooperation/authority_detail.html", context)


AUTOCOMPLETE_SIZE = 10


@query_params("q")
def authority_autocomplete(request):
    """The authorities whose name holds the words typed, as JSON: exact names first, then
    names that start with them, communes before the rest."""
    text = request.GET.get("q", "")[:100]
    if len(text.strip()) < 2:
        return JsonResponse({"results": []})
    authorities = (
        LocalAuthority.objects.matching_name(text)
        .exclude(insee_code="")
        .annotate(
            rank=Case(
                When(name__iexact=text, then=Value(0)),
                When(name__istartswith=text, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .select_related("department")
        .order_by("rank", "name", "insee_code")[:AUTOCOMPLETE_SIZE]
    )
    results = [
        {
            "label": a.label,
            "name": a.name,
            "code": a.insee_code,
            "kind": a.kind,
            "kind_label": a.get_kind_display(),
            "department": a.department.name if a.department else "",
        }
        for a in authorities
    ]
    return JsonResponse({"results": results})


@accepts_post
@never_cache
def declaration_create(request):
    form = DeclarationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            # The honeypot, which people do not see, was filled in: nothing is saved.
            return render(
                request, "cooperation/declaration_refused.html", {"reason": "bot"}, status=400
            )
        email = request.POST.get("declarant_email", "").strip()
        if email and services.declaration_rate_limited(email=email):
            return render(
                request, "cooperation/declaration_refused.html", {"reason": "rate"}, status=429
            )
        if form.is_valid():
            services.declaration_submit(
                declaration=form.save(commit=False),
                confirm_url=lambda token: request.build_absolute_uri(
                    reverse("cooperation:declare-confirm", kwargs={"token": token})
                ),
            )
            return redirect("cooperation:declare-sent")
        status = 400
    return render(request, "cooperation/declaration_form.html", {"form": form}, status=status)


def declaration_sent(request):
    return render(request, "cooperation/declaration_sent.html")


@never_cache
def declaration_confirm(request, token):
    declaration = services.declaration_confirm(token=token)
    status = 200 if declaration else 400
    context = {"declaration": declaration}
    return render(request, "cooperation/declaration_confirmed.html", context, status=status)
