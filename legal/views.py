from django.shortcuts import get_object_or_404
from django.shortcuts import render

from .models import LegalPage


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "legal/legal_page.html", {"page": page})
