"""Decentralized cooperation: French local authorities' agreements with foreign ones.

Not a Senate activity, so it has its own app above ``groups`` (countries, senators);
nothing below imports it. The COG tables (``Region``, ``Department``) come from INSEE's
« Code officiel géographique » and are loaded by migration 0002 from ``data/``.
"""

import re
import unicodedata
import uuid

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.db.models import Count
from django.db.models import Q
from django.db.models import Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.links import reverse_with
from core.models import FRENCH_COLLATION
from core.models import Named
from core.models import Publishable
from core.models import PublishableQuerySet
from core.models import Versioned
from core.models import ends_after_start
from core.search import text_indexes
from core.search import text_q
from groups.models import Country
from groups.models import SearchKey

# The fields each kind is searched by: its matching() and its indexes (core.search).
AUTHORITY_TEXT = ["=name"]
FOREIGN_AUTHORITY_TEXT = ["name"]
AGREEMENT_TEXT = ["summary"]


class Region(Named):
    """A French région (INSEE COG)."""

    code = models.CharField(_("INSEE code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)

    class Meta(Named.Meta):
        verbose_name = _("région")
        verbose_name_plural = _("régions")


class DepartmentQuerySet(models.QuerySet):
    def for_constituency(self, constituency):
        """The département a senator is elected in: constituencies are département names."""
        return self.filter(name__iexact=(constituency or "").strip())


class Department(models.Model):
    """A French département (INSEE COG)."""

    code = models.CharField(_("INSEE code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="departments", verbose_name=_("région")
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.name} ({self.code})"


# « st etienne »: the usual abbreviations of a place name, spelt out before matching.
NAME_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_NAME_WORD = re.compile(r"[^\W_]+")
MAX_NAME_WORDS = 6


def _spelt_words(text):
    """The words of ``text``, abbreviations spelt out (« st » -> « saint »)."""
    return [NAME_ABBREVIATIONS.get(word.lower(), word) for word in _NAME_WORD.findall(text)]


def name_spelling(text):
    """A name as matching_name() reads it, in Python, to tell an exact spelling among its
    results: abbreviations spelt out, without accents, case, spaces, hyphens or apostrophes
    (« st etienne » and « Saint-Étienne » are both « saintetienne »)."""
    words = _spelt_words(text)
    folded = unicodedata.normalize("NFKD", "".join(words))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def authority_search_key():
    """What an authority is found by: its name, lower case, without accents nor hyphens
    (the SQL function of groups' migration 0013; the index is in LocalAuthority.Meta)."""
    return SearchKey("name")


class LocalAuthorityQuerySet(models.QuerySet):
    def matching_name(self, text):
        """Authorities whose name holds every word of ``text``, accents, case, hyphens and
        apostrophes aside, « st » read as « saint » (« st etienne », « Saint-Etienne » find
        Saint-Étienne). One query, served by the trigram index of Meta."""
        words = _spelt_words(text)[:MAX_NAME_WORDS]
        if not words:
            return self.none()
        every_word = Q()
        for word in words:
            every_word &= Q(search_key__contains=SearchKey(Value(word)))
        return self.annotate(search_key=authority_search_key()).filter(every_word)

    def by_code(self, kind, code):
        return self.filter(kind=kind, insee_code=code)

    def matching(self, text):
        """Authorities whose name matches ``text`` (core.search)."""
        return self.filter(text_q(AUTHORITY_TEXT, text))

    def in_region(self, region):
        """Authorities in a région: the région itself and those of its départements."""
        return self.filter(Q(region=region) | Q(department__region=region))

    def around_department(self, department):
        """What a département's senators represent: its authorities and its région."""
        return self.filter(Q(department=department) | Q(region=department.region_id))

    def with_published_agreements(self):
        """Authorities the public may see: those party to a published agreement."""
        return self.filter(pk__in=Agreement.objects.published().values("french_authorities"))


class LocalAuthority(Named, Versioned):
    """A French local authority."""

    class Kind(models.TextChoices):
        REGION = "region", _("Région")
        DEPARTMENT = "department", _("Département")
        COMMUNE = "commune", _("Commune")
        INTERCOMMUNALITY = "intercommunality", _("Intercommunality")
        OVERSEAS = "overseas", _("Overseas collectivity")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, db_collation=FRENCH_COLLATION)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    insee_code = models.CharField(
        _("official code"),
        max_length=9,
        blank=True,
        help_text=_(
            "INSEE code of the commune, département or région (SIREN for an intercommunality)."
        ),
    )
    department = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="authorities",
        verbose_name=_("département"),
        help_text=_("The département it lies in (empty for a région)."),
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="authorities",
        verbose_name=_("région"),
        help_text=_("Only for a région: which one."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = LocalAuthorityQuerySet.as_manager()

    class Meta(Named.Meta):
        verbose_name = _("French local authority")
        verbose_name_plural = _("French local authorities")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "insee_code"],
                condition=~Q(insee_code=""),
                name="local_authority_code_once_per_kind",
                violation_error_message=_("An authority of this kind already has this code."),
            ),
            models.CheckConstraint(
                condition=Q(kind="region", department__isnull=True, region__isnull=False)
                | (~Q(kind="region") & Q(region__isnull=True)),
                name="local_authority_region_only_for_regions",
                violation_error_message=_(
                    "A région has a région and no département; other kinds have no région."
                ),
            ),
        ]
        indexes = [
            *text_indexes("authority", AUTHORITY_TEXT),
            # matching_name(): LIKE '%word%' on 35,000 communes uses it.
            GinIndex(
                OpClass(authority_search_key(), name="gin_trgm_ops"),
                name="local_authority_search_trgm",
            ),
        ]

    def get_absolute_url(self):
        """The page keyed by the official code; the slug for an authority without one."""
        if self.insee_code:
            return reverse(
                "cooperation:authority-code", kwargs={"kind": self.kind, "code": self.insee_code}
            )
        return reverse_with("cooperation:authority", "slug", self.slug)

    @property
    def label(self):
        """« Saint-Étienne (42218) »: what the declaration form's field shows and reads back."""
        return f"{self.name} ({self.insee_code})" if self.insee_code else self.name

    @property
    def region_code(self):
        """The INSEE code of its région: its own for a région, its département's otherwise
        (select_related("region", "department__region") first)."""
        region = self.region or (self.department and self.department.region)
        return region.code if region else None


class ForeignAuthority(Named, Versioned):
    """A foreign local or regional authority, or a foreign body (an association of countries)."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        REGION = "region", _("Region")
        STATE = "state", _("State")
        BODY = "body", _("Organisation")

    name = models.CharField(_("name"), max_length=200, db_collation=FRENCH_COLLATION)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="foreign_authorities",
        verbose_name=_("country"),
        help_text=_("Empty only for a body that spans several countries."),
    )

    class Meta(Named.Meta):
        verbose_name = _("foreign authority")
        verbose_name_plural = _("foreign authorities")
        indexes = text_indexes("foreign_authority", FOREIGN_AUTHORITY_TEXT)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="body") | Q(country__isnull=False),
                name="foreign_authority_has_country",
                violation_error_message=_("Only an organisation may have no country."),
            ),
        ]


class ChoiceArrayField(ArrayField):
    """An array of choices, edited as check boxes (Django's default is a text box)."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.base_field.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k == "initial"},
        )


class AgreementQuerySet(PublishableQuerySet):
    def matching(self, text):
        """Agreements whose summary or one of whose authorities' names matches ``text``
        (« Erevan » finds « Île-de-France – Erevan »; core.search)."""
        sides = Q(french_authorities__in=LocalAuthority.objects.matching(text)) | Q(
            foreign_authorities__in=ForeignAuthority.objects.filter(
                text_q(FOREIGN_AUTHORITY_TEXT, text)
            )
        )
        return self.filter(
            # Two subqueries: OR'ed in one condition, the summary's vectors would be
            # computed for every agreement (no index serves an OR across a join).
            Q(pk__in=Agreement.objects.filter(text_q(AGREEMENT_TEXT, text)).values("pk"))
            | Q(pk__in=Agreement.objects.filter(sides).values("pk"))
        )

    def for_list(self):
        """Everything the lists touch: both sides with their place, in 3 queries."""
        return self.prefetch_related(
            models.Prefetch(
                "french_authorities",
                queryset=LocalAuthority.objects.select_related("department", "region").order_by(
                    "name"
                ),
            ),
            models.Prefetch(
                "foreign_authorities",
                queryset=ForeignAuthority.objects.select_related("country").order_by("name"),
            ),
        )

    def for_country(self, country):
        """Agreements with authorities of this country."""
        return self.filter(
            pk__in=Agreement.objects.filter(foreign_authorities__country=country).values("pk")
        )

    def for_authority(self, authority):
        return self.filter(pk__in=authority.agreements.values("pk"))

    def around_department(self, department):
        """Agreements of the département's authorities and of its région."""
        return self.filter(
            pk__in=LocalAuthority.objects.around_department(department).values("agreements")
        )

    def count_by_kind(self):
        """[(kind, number)] in the order of Kind, in one query."""
        counts = dict(self.order_by().values_list("kind").annotate(n=Count("pk")))
        return [(kind, counts[kind]) for kind in self.model.Kind.values if kind in counts]

    def count_by_country(self):
        """{country id: number of agreements} in one query."""
        rows = (
            self.order_by()
            .filter(foreign_authorities__country__isnull=False)
            .values_list("foreign_authorities__country")
            .annotate(n=Count("pk", distinct=True))
        )
        return dict(rows)

    def countries_reached(self):
        """Countries with at least one of these agreements."""
        return Country.objects.filter(foreign_authorities__agreements__in=self).distinct()


class Agreement(Publishable):
    """A cooperation agreement, twinning, pact or declaration between authorities."""

    class Kind(models.TextChoices):
        COOPERATION = "cooperation", _("Decentralized cooperation agreement")
        TWINNING = "twinning", _("Twinning")
        FRIENDSHIP = "friendship", _("Friendship pact")
        INTENT = "intent", _("Declaration of intent")
        PARTNERSHIP = "partnership", _("Partnership agreement")
        PROJECT = "project", _("Project")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        RENEWED = "renewed", _("Renewed")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class Theme(models.TextChoices):
        ECONOMY = "economy", _("Economic development")
        INNOVATION = "innovation", _("Innovation and new technologies")
        CULTURE = "culture", _("Culture")
        EDUCATION = "education", _("Education and Francophonie")
        SUSTAINABLE = "sustainable", _("Sustainable development and planning")
        HUMANITARIAN = "humanitarian", _("Humanitarian aid")
        HEALTH = "health", _("Health")
        AGRICULTURE = "agriculture", _("Agriculture and food")
        YOUTH = "youth", _("Youth and sport")
        GOVERNANCE = "governance", _("Local governance")
        TOURISM = "tourism", _("Tourism")

    THEME_LABELS = dict(Theme.choices)

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    french_authorities = models.ManyToManyField(
        LocalAuthority, related_name="agreements", verbose_name=_("French authorities")
    )
    foreign_authorities = models.ManyToManyField(
        ForeignAuthority, related_name="agreements", verbose_name=_("foreign authorities")
    )
    signed_on = models.DateField(
        _("signing date"),
        help_text=_("When only the month or the year is known, the 1st of it, with the precision."),
    )
    signed_precision = models.CharField(
        _("precision of the date"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.ACTIVE)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    renewed_on = models.DateField(_("renewed on"), null=True, blank=True)
    themes = ChoiceArrayField(
        models.CharField(max_length=16, choices=Theme.choices),
        verbose_name=_("themes"),
        default=list,
        blank=True,
    )
    summary = models.TextField(_("summary"), blank=True)
    source_url = models.URLField(_("source (link)"), blank=True)
    source_label = models.CharField(
        _("source (label)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the authority's own page."),
    )
    checked_on = models.DateField(_("last checked on"), null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "slug"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        constraints = [
            ends_after_start(
                "agreement_ends_after_signing",
                _("The end date must be on or after the signing date."),
                start="signed_on",
                open_ended=True,
            ),
            models.CheckConstraint(
                condition=~Q(state="renewed") | Q(renewed_on__isnull=False),
                name="agreement_renewed_has_date",
                violation_error_message=_("A renewed agreement needs the date it was renewed."),
            ),
            models.CheckConstraint(
                condition=Q(renewed_on__isnull=True) | Q(renewed_on__gte=models.F("signed_on")),
                name="agreement_renewed_after_signing",
                violation_error_message=_("It cannot be renewed before it was signed."),
            ),
        ]
        indexes = [models.Index(fields=["signed_on"]), *text_indexes("agreement", AGREEMENT_TEXT)]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse_with("cooperation:detail", "slug", self.slug)

    @property
    def title(self):
        """« Île-de-France – Erevan »: both sides' names (authorities prefetched)."""
        french = ", ".join(a.name for a in self.french_authorities.all())
        foreign = ", ".join(a.name for a in self.foreign_authorities.all())
        return f"{french} – {foreign}"

    @property
    def theme_labels(self):
        return [self.THEME_LABELS.get(t, t) for t in self.themes]

    @property
    def signed_format(self):
        """The date format that says no more than is known (Django's format names)."""
        return {"day": "DATE_FORMAT", "month": "YEAR_MONTH_FORMAT"}.get(self.signed_precision, "Y")


class AuthorityDataset(models.Model):
    """One load of the French authorities (``load_authorities``): which data, when, how many."""

    source = models.CharField(_("source"), max_length=100)
    version = models.CharField(_("version"), max_length=20)
    vintage = models.PositiveSmallIntegerField(_("year of the data"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"
        verbose_name = _("authorities dataset")
        verbose_name_plural = _("authorities datasets")

    def __str__(self):
        return f"{self.source} {self.version}"


def declaration_pdf_path(instance, filename):
    """A generated name: the declarant's file name never reaches the disk."""
    return f"declarations/{uuid.uuid4().hex}.pdf"


class DeclarationQuerySet(models.QuerySet):
    def to_validate(self):
        """Confirmed by the declarant, not yet accepted, merged or refused: DRIP's queue."""
        return self.filter(status=Declaration.Status.CONFIRMED)

    def from_address(self, email, since):
        """Declarations sent from this e-mail address since ``since`` (the rate limit)."""
        return self.filter(declarant_email__iexact=email, created_at__gte=since)


class Declaration(Versioned):
    """A cooperation declared by a French authority on the public form.

    Never public: it stays here, outside ``Agreement``, until DRIP accepts it (which
    creates and publishes the agreement) or merges it into an existing agreement.
    """

    KINDS = [
        Agreement.Kind.TWINNING,
        Agreement.Kind.COOPERATION,
        Agreement.Kind.PARTNERSHIP,
        Agreement.Kind.PROJECT,
    ]
    # What the declarant says of the cooperation (besides the authority and who they are):
    # the public form and the staff's change form show the same fields.
    DECLARED_FIELDS = [
        "partner_name",
        "partner_country",
        "partner_kind",
        "kind",
        "signed_on",
        "end_date",
        "themes",
        "description",
        "link",
        "pdf",
    ]

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Awaiting the declarant's confirmation")
        CONFIRMED = "confirmed", _("To validate")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into an agreement")
        REFUSED = "refused", _("Refused")

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    authority = models.ForeignKey(
        LocalAuthority,
        models.PROTECT,
        related_name="declarations",
        verbose_name=_("French authority"),
    )
    partner_name = models.CharField(_("foreign partner"), max_length=200)
    partner_country = models.ForeignKey(
        Country, models.PROTECT, related_name="+", verbose_name=_("partner's country")
    )
    partner_kind = models.CharField(
        _("partner's level"), max_length=10, choices=ForeignAuthority.Kind.choices
    )
    kind = models.CharField(_("kind"), max_length=12, choices=[(k.value, k.label) for k in KINDS])
    signed_on = models.DateField(_("start or signing date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    themes = ChoiceArrayField(
        models.CharField(max_length=16, choices=Agreement.Theme.choices),
        verbose_name=_("themes"),
        default=list,
        blank=True,
    )
    description = models.TextField(_("short description"), max_length=2000)
    link = models.URLField(_("link"), blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=declaration_pdf_path, blank=True)
    declarant_name = models.CharField(_("your name"), max_length=200)
    declarant_role = models.CharField(_("your role"), max_length=200)
    declarant_email = models.EmailField(_("your professional e-mail"))
    language = models.CharField(
        _("language"), max_length=2, default="fr", help_text=_("The language of its e-mails.")
    )
    created_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    agreement = models.ForeignKey(
        Agreement,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="declarations",
        verbose_name=_("agreement"),
        help_text=_("The agreement it was accepted as or merged into."),
    )

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            ends_after_start(
                "declaration_ends_after_start",
                _("The end date must be on or after the start date."),
                start="signed_on",
                open_ended=True,
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.authority} – {self.partner_name}"

    def possible_duplicates(self):
        """Agreements between the same authority and a partner of the same name and country."""
        partners = ForeignAuthority.objects.filter(
            country=self.partner_country_id, name_fr__iexact=self.partner_name
        ) | ForeignAuthority.objects.filter(
            country=self.partner_country_id, name_en__iexact=self.partner_name
        )
        return (
            Agreement.objects.filter(
                french_authorities=self.authority_id, foreign_authorities__in=partners
            )
            .distinct()
            .for_list()
        )

    def similar_declarations(self):
        """Other declarations of the same authority, partner and country."""
        return Declaration.objects.filter(
            authority=self.authority_id,
            partner_country=self.partner_country_id,
            partner_name__iexact=self.partner_name,
        ).exclude(pk=self.pk)
