import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchHeadline
from django.contrib.postgres.search import SearchRank
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case
from django.db.models import F
from django.db.models import Func
from django.db.models import Q
from django.db.models import Value
from django.db.models import When
from django.db.models.functions import Concat
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _

from core.fields import HTMLField
from core.i18n import translated
from core.links import reverse_with
from core.models import PublicRelated
from core.models import Publishable
from core.models import PublishableQuerySet
from core.models import optional_code_field
from core.search import SEARCH_CONFIGS  # noqa: F401  (created by migration 0002)
from core.search import search_query
from core.search import text_indexes
from core.search import text_q
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Senator
from missions.models import Colloquium
from missions.models import Mission

# The fields news are searched by: matching() and its indexes (core.search).
NEWS_TEXT = ["title", "summary"]


def report_pdf_path(instance, filename):
    """A generated name: the uploader's file name never reaches the disk."""
    return f"reports/{uuid.uuid4().hex}.pdf"


# Private-use characters mark the highlighted words in a headline; the text is
# escaped before they become <mark> tags (see reports.search.headline_html).
HIGHLIGHT_START, HIGHLIGHT_STOP = "\ue000", "\ue001"


def _other(language):
    return "en" if language == "fr" else "fr"


def full_match(text, language):
    """Matches ``text`` anywhere: each language's full vector with its own configuration.

    A head vector is the start of its full vector, so a head match is a full
    match unless the query excludes a word ("-word" may be in the body): without
    "-", the head is tried first and PostgreSQL stops there for title and
    summary matches instead of de-TOASTing their full vectors.
    """
    own, other = language, _other(language)
    matched = Q(**{f"search_{own}": search_query(text, own)}) | Q(
        **{f"search_{other}": search_query(text, other)}
    )
    return matched if "-" in text else head_match(text, language) | matched


def head_match(text, language):
    """Matches ``text`` in the number, title or summary, in the visitor's language.

    The head vectors are small and kept in the row (migration 0003). Matches
    through the other language only are not head matches: they come after.
    """
    return Q(**{f"search_head_{language}": search_query(text, language)})


def head_rank(text, language):
    """The search ranking: ts_rank over the visitor's head vector (title, weight A, above
    summary, weight B). Small and in the row, never de-TOASTed. Only head matches have
    one; the other matches come after them, newest first (``SEARCH_ORDER``)."""
    return SearchRank(F(f"search_head_{language}"), search_query(text, language))


# The order of search results: ranked head matches, then the rest (rank 0), newest first.
SEARCH_ORDER = ("-rank", "-publication_date", "number", "pk")


class StripTags(Func):
    """The text of staff HTML (already sanitised), for headlines."""

    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]*>', ' ', 'g')"
    output_field = models.TextField()


LIST_DEFERRED_FIELDS = (
    "body",
    "body_fr",
    "body_en",
    "extracted_text",
    "search_fr",
    "search_en",
    "search_head_fr",
    "search_head_en",
)


class ReportQuerySet(PublishableQuerySet):
    def for_list(self):
        """Everything _report_card.html touches, in a fixed number of queries.

        The full text, the PDF's text and the vectors can weigh megabytes per row
        and the cards show none of them.
        """
        return self.with_public("group").prefetch_related("countries").defer(*LIST_DEFERRED_FIELDS)

    def for_detail(self):
        """The report, its group, mission and colloquium when public, countries and authors."""
        return self.with_public("group", "mission", "colloquium").prefetch_related(
            "countries", "authors"
        )

    def matching(self, text, language):
        """Reports matching ``text`` in either language, unordered (see ``search()``)."""
        return self.filter(full_match(text, language))

    def search(self, text, language):
        """Reports matching ``text`` in either language, best first.

        Both full vectors are searched, each with its own configuration: the
        English one holds the French text of reports not yet translated, and a
        French visitor typing an English word still finds the English report.
        The order (``SEARCH_ORDER``): reports whose number, title or summary match
        (the "head" vectors), ranked by ``head_rank()``, then those that match only
        in their body or PDF text, newest first.

        The pages read this order through ``reports.search.SearchResults``, which
        runs it in two cheap parts (head matches, then the others by date) with the
        same ``matching()``, ``head_rank()`` and ``SEARCH_ORDER``; they offer the first
        1,000 results, and when more reports than that match in their head, they rank
        the newest 1,000 of those (``SearchResults._head_ranked()``).
        """
        rank = Case(
            When(head_match(text, language), then=head_rank(text, language)),
            default=Value(0.0),
            output_field=models.FloatField(),
        )
        return self.matching(text, language).annotate(rank=rank).order_by(*SEARCH_ORDER)

    def with_headlines(self, text, language):
        """Annotate ``headline``: the passages matching ``text``, marked.

        ts_headline re-parses the whole text, so call this only on the rows of
        the page being shown (``filter(pk__in=...)``), never on the full result.
        """

        document = Left(
            Concat(
                translated("summary", language),
                Value(" … "),
                StripTags(translated("body", language)),
                Value(" "),
                "extracted_text",
                output_field=models.TextField(),
            ),
            100_000,
        )
        return self.annotate(
            headline=SearchHeadline(
                document,
                search_query(text, language),
                config=SEARCH_CONFIGS[language],
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=20,
                min_words=8,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    def refresh_search_vectors(self):
        """Recompute the search vectors of these rows; returns how many.

        The trigger already fills them on every INSERT and UPDATE (bulk_create
        included); this is for rows written while the trigger was disabled, or
        after the text search configuration changed.
        """
        return self.update(search_fr=None)


def report_link(to, on_delete, verbose_name):
    """An optional link to what a report is about; ``to.reports`` lists them back."""
    return models.ForeignKey(
        to, on_delete, null=True, blank=True, related_name="reports", verbose_name=verbose_name
    )


class Report(Publishable):
    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission report")
        INFORMATION = "information", _("Information report")
        PROCEEDINGS = "proceedings", _("Colloquium proceedings")

    number = optional_code_field(
        _("number"),
        max_length=20,
        help_text=_("The Senate's number for the report, for example « GA 102 »."),
    )
    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MISSION)
    publication_date = models.DateField(_("publication date"), db_index=True)
    group = report_link(FriendshipGroup, models.PROTECT, _("group"))
    mission = report_link(Mission, models.SET_NULL, _("mission"))
    colloquium = report_link(Colloquium, models.SET_NULL, _("colloquium"))
    countries = models.ManyToManyField(
        Country, related_name="reports", blank=True, verbose_name=_("countries")
    )
    authors = models.ManyToManyField(
        Senator, related_name="reports", blank=True, verbose_name=_("authors")
    )
    summary = models.TextField(_("summary"), blank=True)
    body = HTMLField(_("full text"), blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=report_pdf_path, blank=True)
    extracted_text = models.TextField(
        _("text extracted from the PDF"),
        blank=True,
        help_text=_("Filled from the PDF when it is uploaded; searchable; you may correct it."),
    )
    external_url = models.URLField(_("external link"), blank=True)
    # Filled by a database trigger on every INSERT/UPDATE (migration 0002), so
    # bulk_create and raw SQL keep them right too; one per search language.
    search_fr = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)
    # The "head" of each vector: number and title (A), summary (B) only. Small
    # enough to stay in the row (the full vectors are TOASTed), so ranking reads
    # it cheaply; filled by the same trigger (migration 0003).
    search_head_fr = SearchVectorField(null=True, editable=False)
    search_head_en = SearchVectorField(null=True, editable=False)

    objects = ReportQuerySet.as_manager()
    # The related rows the public may see, or None (ReportQuerySet.with_public()).
    public_group = PublicRelated("group")
    public_mission = PublicRelated("mission")
    public_colloquium = PublicRelated("colloquium")

    class Meta:
        ordering = ["-publication_date", "number"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            GinIndex(fields=["search_fr"], name="report_search_fr_gin"),
            GinIndex(fields=["search_en"], name="report_search_en_gin"),
            GinIndex(fields=["search_head_fr"], name="report_search_head_fr_gin"),
            GinIndex(fields=["search_head_en"], name="report_search_head_en_gin"),
            # The archive's pages, newest first, and their count (index-only).
            models.Index(
                fields=["-publication_date", "number", "id"],
                name="report_published_date_idx",
                condition=Q(status="published"),
                include=["published_at"],
            ),
            # The dashboard's scheduled publications (the next 14 days, soonest first):
            # 131–193 ms of sequential scan at 100,000 reports without it.
            models.Index(
                fields=["published_at"],
                name="report_scheduled_idx",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse_with("reports:detail", "slug", self.slug)


class NewsItemQuerySet(PublishableQuerySet):
    def matching(self, text):
        """News whose title or summary matches ``text`` (core.search)."""
        return self.filter(text_q(NEWS_TEXT, text))

    def featured(self):
        return self.filter(is_featured=True)

    def for_list(self):
        """A news item's published groups and countries (2 more queries, any number of rows)."""
        return self.for_detail()

    def for_detail(self):
        """Everything news_detail.html touches, in 3 queries."""
        return self.prefetch_related(
            models.Prefetch("groups", queryset=FriendshipGroup.objects.published()),
            models.Prefetch("countries", queryset=Country.objects.order_by("name")),
        )


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
        indexes = text_indexes("news", NEWS_TEXT)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with("reports:news-detail", "slug", self.slug)
