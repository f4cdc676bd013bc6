from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from groups.models import Country, FriendshipGroup

from . import dossier


def _country(code):
    return get_object_or_404(Country.objects.select_related("zone"), code=code.upper())


def _group(slug):
    return get_object_or_404(FriendshipGroup.objects.published().for_detail(), slug=slug)


def country_dossier(request, code):
    context = dossier.country_dossier(_country(code))
    return render(request, "portal/dossier.html", context)


def group_dossier(request, slug):
    context = dossier.group_dossier(_group(slug))
    return render(request, "portal/dossier.html", context)


def _pdf(request, context, filename):
    html = render_to_string("portal/dossier_pdf.html", context, request=request)
    pdf = dossier.render_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def country_dossier_pdf(request, code):
    country = _country(code)
    context = dossier.country_dossier(country)
    return _pdf(request, context, f"dossier-{country.code.lower()}-{request.LANGUAGE_CODE}.pdf")


def group_dossier_pdf(request, slug):
    group = _group(slug)
    context = dossier.group_dossier(group)
    return _pdf(request, context, f"dossier-{group.slug}-{request.LANGUAGE_CODE}.pdf")
