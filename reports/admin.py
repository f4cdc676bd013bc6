from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableAdmin
from core.admin import year_list_filter

from .models import LIST_DEFERRED_FIELDS
from .models import NewsItem
from .models import Report
from .services import pdf_validate
from .services import report_extract_text
from .services import report_pdf_release_on_commit


class ReportAdminForm(forms.ModelForm):
    # No Meta: the admin builds the form class from ReportAdmin.fieldsets.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "pdf" in self.fields:
            self.fields["pdf"].widget.attrs["accept"] = "application/pdf"

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if isinstance(pdf, UploadedFile):  # a new upload; an existing file was checked before
            pdf_validate(pdf)
        return pdf


class ReportChangeList(ChangeList):
    """The changelist reads none of the heavy columns the public lists leave out either
    (the change form still needs the body and the extracted text)."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer(*LIST_DEFERRED_FIELDS)


@admin.register(Report)
class ReportAdmin(PublishableAdmin):
    form = ReportAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "kind", "publication_date", "group", "has_pdf"]
    list_filter = ["kind", year_list_filter("publication_date"), "group"]
    list_select_related = ["group"]
    search_fields = ["number", "title_fr", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_fr"]}
    autocomplete_fields = ["group", "mission", "colloquium", "countries", "authors"]
    date_hierarchy = "publication_date"
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "kind", "publication_date"]}),
        (_("Links"), {"fields": ["group", "mission", "colloquium", "countries", "authors"]}),
        (_("Text"), {"fields": ["summary", "body", "external_url"]}),
        (_("PDF"), {"fields": ["pdf", "extracted_text"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_changelist(self, request, **kwargs):
        return ReportChangeList

    @admin.display(boolean=True, description=_("PDF"), ordering="pdf")
    def has_pdf(self, obj):
        return bool(obj.pdf)

    def save_model(self, request, obj, form, change):
        pdf = form.cleaned_data.get("pdf")
        if "pdf" in form.changed_data and isinstance(pdf, UploadedFile):
            # A new PDF replaces the text; otherwise a staff correction is kept.
            report_extract_text(report=obj, uploaded=pdf, save=False)
        previous = getattr(form.initial.get("pdf"), "name", None)
        super().save_model(request, obj, form, change)
        if previous and previous != obj.pdf.name:  # replaced or cleared
            report_pdf_release_on_commit(previous)

    def delete_model(self, request, obj):
        name = obj.pdf.name
        super().delete_model(request, obj)
        report_pdf_release_on_commit(name)

    def delete_queryset(self, request, queryset):
        names = list(queryset.exclude(pdf="").values_list("pdf", flat=True))
        super().delete_queryset(request, queryset)
        report_pdf_release_on_commit(*names)


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdmin):
    list_display = ["title", "date", "is_featured"]
    list_filter = ["is_featured", year_list_filter("date")]
    search_fields = ["title_fr", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_fr"]}
    autocomplete_fields = ["groups", "countries"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "date", "is_featured"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Links"), {"fields": ["groups", "countries"]}),
        PublishableAdmin.publication_fieldset,
    ]
