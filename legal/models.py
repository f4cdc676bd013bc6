"""The pages a French public site must have: legal notice, accessibility, personal data.

Three fixed pages, one row each, created by migration 0002 and edited by staff in the
admin (FR/EN tabs); their addresses are fixed too (legal/urls.py), so the footer links
to them without a query.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import HTMLField
from core.models import Modified
from core.models import Versioned


class LegalPage(Modified, Versioned):  # Versioned: two editors never overwrite each other (admin)
    class Kind(models.TextChoices):
        LEGAL_NOTICE = "legal-notice", _("Legal notice")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        PERSONAL_DATA = "personal-data", _("Personal data")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = HTMLField(_("text"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"legal:{self.kind}")
