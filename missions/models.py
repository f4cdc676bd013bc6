from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import HTMLField
from core.models import Imported
from core.models import Named
from core.models import PublicRelated
from core.models import Publishable
from core.models import PublishableQuerySet
from core.models import Versioned
from core.models import ends_after_start
from core.search import text_indexes
from core.search import text_q
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Senator

# The fields each kind is searched by: its matching() and its indexes (core.search).
MISSION_TEXT = ["title", "purpose"]
RECEPTION_TEXT = ["title", "head_of_delegation"]
COLLOQUIUM_TEXT = ["title", "venue", "summary"]


class PartnerQuerySet(PublishableQuerySet):
    def for_list(self):
        """Each partner's published colloquia, newest first, in ``partner.public_colloquia``
        (1 query more, any number of rows)."""
        return self.prefetch_related(
            models.Prefetch(
                "colloquia",
                queryset=Colloquium.objects.published().order_by("-start_at", "pk"),
                to_attr="public_colloquia",
            )
        )


class Partner(Named, Publishable):
    """An organisation the groups hold colloquia with (Business France, CERI, IFRI...),
    shown on the partners page (missions:partner-list) once published."""

    class Kind(models.TextChoices):
        PUBLIC_AGENCY = "agency", _("Public agency")
        RESEARCH = "research", _("Research centre or think tank")
        TRAINING = "training", _("Training institute")
        BUSINESS = "business", _("Business organisation")
        INSTITUTION = "institution", _("Parliament or international institution")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Uploaded, never hot-linked: the public page serves it (missions:partner-logo).
    logo = models.ImageField(_("logo"), upload_to="partners/", blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta(Named.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.acronym or self.name


class MissionQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Missions that have not begun yet (the local date: a mission is dated by days)."""
        return self.filter(start_date__gt=timezone.localdate())

    def begun(self):
        """Missions under way or over."""
        return self.filter(start_date__lte=timezone.localdate())

    def matching(self, text):
        """Missions whose title or purpose matches ``text`` (core.search)."""
        return self.filter(text_q(MISSION_TEXT, text))

    def for_list(self):
        """Everything mission_list.html touches: group (if public) and countries, in 2 queries."""
        return self.with_public("group").prefetch_related(
            models.Prefetch("countries", queryset=Country.objects.order_by("name"))
        )

    def for_detail(self):
        """The mission, group, countries and delegation, in 3 queries whatever the data.

        The page also lists the mission's reports: portal/views.py adds them.
        """
        return self.for_list().prefetch_related(
            models.Prefetch(
                "delegation",
                queryset=MissionParticipant.objects.select_related("senator"),
            ),
        )


class Activity(Imported, Publishable):
    """What a group does, as the Senate's `activite` rows record it (import_sens)."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    group = models.ForeignKey(
        FriendshipGroup,
        models.PROTECT,
        related_name="%(class)ss",  # group.missions, group.receptions
        verbose_name=_("group"),
    )

    objects = PublishableQuerySet.as_manager()
    public_group = PublicRelated("group")  # with_public("group")

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class Mission(Activity):
    """A delegation of a group travelling abroad."""

    class Progress(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")

    countries = models.ManyToManyField(
        Country, related_name="missions", verbose_name=_("countries visited")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    progress = models.CharField(
        _("progress"), max_length=10, choices=Progress.choices, default=Progress.PLANNED
    )
    purpose = models.TextField(_("purpose"), blank=True)
    programme = HTMLField(_("programme"), blank=True)
    participants = models.ManyToManyField(
        Senator,
        through="MissionParticipant",
        related_name="missions",
        verbose_name=_("delegation"),
    )

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        indexes = text_indexes("mission", MISSION_TEXT)
        constraints = [
            ends_after_start("mission_ends_after_start"),
        ]


class MissionParticipant(Imported, Versioned):
    mission = models.ForeignKey(
        Mission, models.CASCADE, related_name="delegation", verbose_name=_("mission")
    )
    senator = models.ForeignKey(
        Senator, models.PROTECT, related_name="mission_participations", verbose_name=_("senator")
    )
    is_leader = models.BooleanField(_("leads the delegation"), default=False)

    class Meta:
        ordering = ["-is_leader", "senator"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "senator"],
                name="mission_participant_once",
                violation_error_message=_("This senator is already in the delegation."),
            ),
            models.UniqueConstraint(
                fields=["mission"],
                condition=Q(is_leader=True),
                name="one_leader_per_mission",
                violation_error_message=_("A delegation has only one leader."),
            ),
        ]

    def __str__(self):
        return str(self.senator)


class ReceptionQuerySet(PublishableQuerySet):
    def matching(self, text):
        """Receptions whose title or head of delegation matches ``text`` (core.search)."""
        return self.filter(text_q(RECEPTION_TEXT, text))


class Reception(Activity):
    """A foreign delegation received in France by a group."""

    country = models.ForeignKey(
        Country,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="receptions",
        verbose_name=_("country"),
        help_text=_("May be left empty only for a regional group, when the source does not say."),
    )
    date = models.DateField(_("date"))
    head_of_delegation = models.CharField(_("head of delegation"), max_length=300)
    description = HTMLField(_("description"), blank=True)

    objects = ReceptionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("reception")
        verbose_name_plural = _("receptions")
        indexes = text_indexes("reception", RECEPTION_TEXT)

    def clean(self):
        super().clean()
        # The Senate's records do not say which of a regional group's countries sent a
        # delegation; any other group's reception has one country, which the form asks.
        if (
            self.country_id is None
            and self.group_id
            and self.group.kind != FriendshipGroup.Kind.REGIONAL
        ):
            raise ValidationError({"country": _("Choose the country of the delegation.")})


class ColloquiumQuerySet(PublishableQuerySet):
    def matching(self, text):
        """Colloquia whose title, venue or summary matches ``text`` (core.search)."""
        return self.filter(text_q(COLLOQUIUM_TEXT, text))

    def upcoming(self):
        return self.filter(end_at__gte=Now())

    def past(self):
        return self.filter(end_at__lt=Now())

    def for_list(self):
        """A colloquium's countries and published groups (2 more queries, any number of rows)."""
        return self.prefetch_related(
            models.Prefetch("countries", queryset=Country.objects.order_by("name")),
            models.Prefetch("groups", queryset=FriendshipGroup.objects.published()),
        )

    def for_detail(self):
        """The colloquium, countries, groups and published partners, in 4 queries whatever
        the data.

        The page also lists the colloquium's reports: portal/views.py adds them.
        """
        return self.for_list().prefetch_related(
            models.Prefetch("partners", queryset=Partner.objects.published())
        )


class Colloquium(Publishable):
    class Kind(models.TextChoices):
        ECONOMIC = "economic", _("Economic colloquium")
        CONFERENCE = "conference", _("Conference")
        MEETING = "meeting", _("Meeting")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ECONOMIC)
    start_at = models.DateTimeField(_("starts at"))
    end_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    programme = HTMLField(_("programme"), blank=True)
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One speaker per line."))
    registration_url = models.URLField(_("registration link"), blank=True)
    countries = models.ManyToManyField(
        Country, related_name="colloquia", blank=True, verbose_name=_("countries")
    )
    groups = models.ManyToManyField(
        FriendshipGroup, related_name="colloquia", blank=True, verbose_name=_("groups")
    )
    partners = models.ManyToManyField(
        Partner, related_name="colloquia", blank=True, verbose_name=_("partners")
    )

    objects = ColloquiumQuerySet.as_manager()

    class Meta:
        ordering = ["-start_at"]
        verbose_name = _("colloquium")
        verbose_name_plural = _("colloquia")
        indexes = text_indexes("colloquium", COLLOQUIUM_TEXT)
        constraints = [
            ends_after_start(
                "colloquium_ends_after_start",
                _("The end must be on or after the start."),
                start="start_at",
                end="end_at",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_upcoming(self):
        return self.end_at >= timezone.now()
