"""Reports and news."""

from django.utils import translation
from rest_framework import serializers

from core.links import reverse_with
from reports.models import NewsItem
from reports.models import Report

from .base import PopoloSerializer
from .base import absolute
from .base import english
from .base import french
from .base import vocabulary


class ReportSerializer(PopoloSerializer):
    number = serializers.CharField(read_only=True, allow_null=True)
    title = french("title")
    title_en = english("title")
    kind = vocabulary(Report.Kind.values)
    publication_date = serializers.DateField(read_only=True)
    summary = french("summary")
    summary_en = english("summary")
    pdf = serializers.SerializerMethodField()

    class Meta(PopoloSerializer.Meta):
        model = Report
        fields = [
            "id",
            "number",
            "title",
            "title_en",
            "kind",
            "publication_date",
            "organization_id",
            "area_ids",
            "summary",
            "summary_en",
            "pdf",
            "links",
        ]

    def get_pdf(self, report) -> str | None:
        if not report.pdf:
            return None
        with translation.override("fr"):
            # reverse_with(): no reverse() per row (core.links).
            return absolute(self.context, reverse_with("reports:pdf", "slug", report.slug))


class NewsSerializer(PopoloSerializer):
    title = french("title")
    title_en = english("title")
    date = serializers.DateField(read_only=True)
    summary = french("summary")
    summary_en = english("summary")

    class Meta(PopoloSerializer.Meta):
        model = NewsItem
        fields = [
            "id",
            "title",
            "title_en",
            "date",
            "summary",
            "summary_en",
            "organization_ids",
            "area_ids",
            "links",
        ]
