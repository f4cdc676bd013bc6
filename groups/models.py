from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .fields import HTMLField

# Country and group names are sorted in French order (Égypte among the E's) even
# on a cluster created with the C locale. ICU's French rules also sort English
# names correctly, so both translations of a name use it.
FRENCH_COLLATION = "fr-x-icu"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=Now())


class Publishable(models.Model):
    """Draft/published state shared by everything the public site shows."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("Published content appears on the public site from this moment."),
    )
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class Zone(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self):
        return self.name


class CountryQuerySet(models.QuerySet):
    def covered(self):
        """Countries covered by at least one active, published group."""
        return self.filter(
            groups__is_active=True,
            groups__status=Publishable.Status.PUBLISHED,
            groups__published_at__lte=Now(),
        ).distinct()


class Country(models.Model):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code, in capitals (JP, DE…)."),
    )
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)
    zone = models.ForeignKey(
        Zone, models.PROTECT, related_name="countries", verbose_name=_("zone")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    has_parliament = models.BooleanField(_("has a parliament"), default=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_alpha2"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="country_coordinates_on_earth",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:country-detail", kwargs={"code": self.code.lower()})


class FriendshipGroupQuerySet(PublishableQuerySet):
    def active(self):
        return self.published().filter(is_active=True)


class FriendshipGroup(Publishable):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Single-country group")
        REGIONAL = "regional", _("Regional group")
        INFORMATION = "information", _("International information group")

    name = models.CharField(_("name"), max_length=200, db_collation=FRENCH_COLLATION)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    countries = models.ManyToManyField(
        Country, related_name="groups", verbose_name=_("countries covered")
    )
    description = HTMLField(_("description"), blank=True)
    created_on = models.DateField(_("creation date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    counterpart = models.CharField(
        _("counterpart abroad"),
        max_length=300,
        blank=True,
        help_text=_("The friendship group or parliament that is this group's partner abroad."),
    )
    contact_name = models.CharField(_("DRIP secretary"), max_length=200, blank=True)
    contact_email = models.EmailField(_("DRIP secretary's e-mail"), blank=True)
    contact_phone = models.CharField(_("DRIP secretary's phone"), max_length=40, blank=True)

    objects = FriendshipGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("friendship group")
        verbose_name_plural = _("friendship groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:detail", kwargs={"slug": self.slug})


class Senator(models.Model):
    class Civility(models.TextChoices):
        MR = "M", _("Mr")
        MRS = "MME", _("Mrs")

    civility = models.CharField(_("civility"), max_length=3, choices=Civility.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, db_collation=FRENCH_COLLATION)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    senate_id = models.CharField(
        _("Senate identifier"),
        max_length=20,
        unique=True,
        help_text=_("The senator's identifier (matricule) in the Senate's records."),
    )
    constituency = models.CharField(_("constituency"), max_length=100)
    political_group = models.CharField(_("political group"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="senators/", blank=True)
    is_active = models.BooleanField(_("in office"), default=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("senator")
        verbose_name_plural = _("senators")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_woman(self):
        return self.civility == self.Civility.MRS

    def get_absolute_url(self):
        return reverse("groups:senator-detail", kwargs={"slug": self.slug})


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=Now()))

    def past(self):
        return self.filter(end_date__lt=Now())

    def bureau(self):
        return self.exclude(role=Membership.Role.MEMBER)


class Membership(models.Model):
    class Role(models.TextChoices):
        # The order of the choices is the order of the bureau on a group's page.
        PRESIDENT = "president", _("President")
        DELEGATE_PRESIDENT = "delegate_president", _("Delegate president")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    # French roles take the senator's gender: « Présidente », « Secrétaire ».
    FEMININE_ROLES = {
        Role.PRESIDENT: pgettext_lazy("feminine", "President"),
        Role.DELEGATE_PRESIDENT: pgettext_lazy("feminine", "Delegate president"),
        Role.VICE_PRESIDENT: pgettext_lazy("feminine", "Vice-president"),
        Role.SECRETARY: pgettext_lazy("feminine", "Secretary"),
        Role.MEMBER: pgettext_lazy("feminine", "Member"),
    }

    senator = models.ForeignKey(
        Senator, models.CASCADE, related_name="memberships", verbose_name=_("senator")
    )
    group = models.ForeignKey(
        FriendshipGroup, models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    country = models.ForeignKey(
        Country,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="delegate_presidencies",
        verbose_name=_("country"),
        help_text=_("Only for a delegate president: the country of the regional group."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "senator"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(role="delegate_president", country__isnull=False)
                | (~Q(role="delegate_president") & Q(country__isnull=True)),
                name="membership_country_only_for_delegate",
                violation_error_message=_(
                    "A delegate president needs a country; other roles have none."
                ),
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="president", end_date__isnull=True),
                name="one_current_president_per_group",
                violation_error_message=_("This group already has a current president."),
            ),
            models.UniqueConstraint(
                fields=["group", "country"],
                condition=Q(role="delegate_president", end_date__isnull=True),
                name="one_current_delegate_per_country",
                violation_error_message=_(
                    "This country already has a current delegate president in this group."
                ),
            ),
            models.UniqueConstraint(
                fields=["group", "senator"],
                condition=Q(end_date__isnull=True),
                name="one_current_membership_per_senator",
                violation_error_message=_("This senator already has a current role in this group."),
            ),
        ]
        indexes = [models.Index(fields=["senator", "group"])]

    def __str__(self):
        return f"{self.senator} — {self.group} ({self.get_role_display()})"

    @property
    def role_title(self):
        """The role as it reads next to the senator's name, in the active language."""
        if self.senator.is_woman:
            return self.FEMININE_ROLES[self.role]
        return self.get_role_display()

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()

    def clean(self):
        super().clean()
        # The database enforces this too (a trigger, see migration 0002); this check
        # gives the editor a message on the field instead of an integrity error.
        if (
            self.role == self.Role.DELEGATE_PRESIDENT
            and self.country_id
            and self.group_id
            and not self.group.countries.filter(pk=self.country_id).exists()
        ):
            raise ValidationError(
                {"country": _("This country is not one of the countries the group covers.")}
            )
