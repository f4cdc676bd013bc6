from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups.fields import HTMLField
from groups.models import Country, FriendshipGroup, Publishable, PublishableQuerySet, Senator
from missions.models import Colloquium, Mission


class ReportQuerySet(PublishableQuerySet):
    pass


class Report(Publishable):
    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission report")
        INFORMATION = "information", _("Information report")
        PROCEEDINGS = "proceedings", _("Colloquium proceedings")

    number = models.CharField(
        _("number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The Senate's number for the report, for example « GA 102 »."),
    )
    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MISSION)
    publication_date = models.DateField(_("publication date"), db_index=True)
    group = models.ForeignKey(
        FriendshipGroup,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("group"),
    )
    mission = models.ForeignKey(
        Mission,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("mission"),
    )
    colloquium = models.ForeignKey(
        Colloquium,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("colloquium"),
    )
    countries = models.ManyToManyField(
        Country, related_name="reports", blank=True, verbose_name=_("countries")
    )
    authors = models.ManyToManyField(
        Senator, related_name="reports", blank=True, verbose_name=_("authors")
    )
    summary = models.TextField(_("summary"), blank=True)
    body = HTMLField(_("full text"), blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="reports/%Y/", blank=True)
    extracted_text = models.TextField(
        _("text extracted from the PDF"),
        blank=True,
        help_text=_("Filled from the PDF when it is uploaded; searchable; you may correct it."),
    )
    external_url = models.URLField(_("external link"), blank=True)
    # Kept up to date on save (see reports.services); one per search language.
    search_fr = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-publication_date", "number"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            GinIndex(fields=["search_fr"], name="report_search_fr_gin"),
            GinIndex(fields=["search_en"], name="report_search_en_gin"),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.slug})


class NewsItemQuerySet(PublishableQuerySet):
    def featured(self):
        return self.filter(is_featured=True)


class NewsItem(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    date = models.DateField(_("date"), db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    body = HTMLField(_("body"), blank=True)
    is_featured = models.BooleanField(
        _("not to be missed"),
        default=False,
        help_text=_("Shown in « Not to be missed » on the home page."),
    )
    groups = models.ManyToManyField(
        FriendshipGroup, related_name="news", blank=True, verbose_name=_("groups")
    )
    countries = models.ManyToManyField(
        Country, related_name="news", blank=True, verbose_name=_("countries")
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:news-detail", kwargs={"slug": self.slug})
