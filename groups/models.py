import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .fields import HTMLField

# Country and group names are sorted in French order (Égypte among the E's) even
# on a cluster created with the C locale. ICU's French rules also sort English
# names correctly, so both translations of a name use it.
FRENCH_COLLATION = "fr-x-icu"


_URL_PLACEHOLDER = "zq"  # a country code and a slug that no row has
_url_parts = {}


def reverse_with(viewname, kwarg, value):
    """reverse(viewname, kwargs={kwarg: value}) for a slug or country code, faster.

    Pages link to dozens of groups, countries and senators, and reverse() walks the URL
    patterns each time (about 25 µs). The URL is the same for every value but for the
    value itself, so it is reversed once per language with a placeholder, then filled
    in. Slugs and codes are plain ASCII letters, digits, "-" and "_": nothing to quote.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (viewname, kwarg, get_language(), get_script_prefix(), urlconf)
    parts = _url_parts.get(key)
    if parts is None:
        url = reverse(viewname, kwargs={kwarg: _URL_PLACEHOLDER})
        start = url.rindex(_URL_PLACEHOLDER)
        parts = _url_parts[key] = (url[:start], url[start + len(_URL_PLACEHOLDER) :])
    return f"{parts[0]}{value}{parts[1]}"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=Now())


class Versioned(models.Model):
    """A version token that each save replaces, for optimistic concurrency.

    The admin carries the token it showed in its form and refuses a save when the row
    holds another one (groups/editing.py), so that two editors never overwrite each
    other silently. A random token rather than a counter: reverting to an old version
    from the history writes that version's old token back, which a counter would then
    hand out a second time, letting a form opened before the revert pass the check.
    The token is replaced in save(), like ``auto_now``: every write path (admin forms,
    publish actions, commands) must change it, or a stale form would not notice.
    """

    version = models.UUIDField(_("version"), default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version = uuid.uuid4()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class Publishable(Versioned):
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

    class Meta(Versioned.Meta):
        abstract = True

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class Zone(Versioned):
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
        """Countries covered by at least one active, published group (``active()``)."""
        return self.filter(groups__in=FriendshipGroup.objects.active()).distinct()

    def with_active_groups(self):
        """Each country's active groups in ``country.active_groups`` (one query)."""
        return self.prefetch_related(
            models.Prefetch(
                "groups",
                # The lists show a group's name, link and kind; its description can be long.
                queryset=FriendshipGroup.objects.active()
                .only("name", "slug", "kind")
                .order_by("name"),
                to_attr="active_groups",
            )
        )

    def for_list(self):
        """Everything country_list.html touches: zone and covering groups, in 2 queries."""
        return self.select_related("zone").with_active_groups()

    def for_detail(self):
        """The country, its zone, active groups and current delegate presidents (3 queries).

        The page's lists of missions, receptions, colloquia and reports come from
        portal/lists.py.
        """
        return (
            self.select_related("zone")
            .with_active_groups()
            .prefetch_related(
                models.Prefetch(
                    "delegate_presidencies",
                    queryset=Membership.objects.current()
                    .filter(group__in=FriendshipGroup.objects.active())
                    .select_related("senator", "group"),
                    to_attr="current_delegates",
                ),
            )
        )


class Country(Versioned):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code, in capitals (JP, DE…)."),
    )
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)
    zone = models.ForeignKey(Zone, models.PROTECT, related_name="countries", verbose_name=_("zone"))
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
        return reverse_with("groups:country-detail", "code", self.code.lower())


class FriendshipGroupQuerySet(PublishableQuerySet):
    def active(self):
        return self.published().filter(is_active=True)

    def count_by_kind(self):
        """[(kind, number of groups)] in the order of Kind, in one query."""
        counts = dict(self.order_by().values_list("kind").annotate(n=models.Count("id")))
        return [(kind, counts[kind]) for kind in self.model.Kind.values if kind in counts]

    def with_president(self):
        """The current president(s) in ``group.current_presidents`` (one query)."""
        return self.prefetch_related(
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .filter(role=Membership.Role.PRESIDENT)
                .select_related("senator"),
                to_attr="current_presidents",
            )
        )

    def for_list(self):
        """Everything group_list.html touches: countries and président, in 3 queries."""
        return self.prefetch_related(
            models.Prefetch("countries", queryset=Country.objects.order_by("name"))
        ).with_president()

    def for_detail(self):
        """The group, its countries and all its memberships (3 queries).

        Memberships (current and past, with senator and country) come in one query,
        senators A–Z in French order; the view splits them into bureau, members and
        past bureaux on ``is_current``. The page's other lists come from portal/lists.py.
        """
        return self.prefetch_related(
            models.Prefetch("countries", queryset=Country.objects.order_by("name")),
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.with_is_current()
                .select_related("senator", "country")
                .order_by("senator__last_name", "senator__first_name"),
                to_attr="all_memberships",
            ),
        )


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
        return reverse_with("groups:detail", "slug", self.slug)


class SenatorQuerySet(models.QuerySet):
    def for_detail(self):
        """The senator and their memberships of published groups (2 queries).

        The page's lists of missions and reports come from portal/lists.py.
        """
        return self.prefetch_related(
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.with_is_current()
                .filter(group__in=FriendshipGroup.objects.published())
                .select_related("group", "country")
                .order_by("-start_date", "group__name"),
                to_attr="all_memberships",
            ),
        )


class Senator(Versioned):
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

    objects = SenatorQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("senator")
        verbose_name_plural = _("senators")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse_with("groups:senator-detail", "slug", self.slug)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_woman(self):
        return self.civility == self.Civility.MRS


# The Senate renews half of its seats every three years (2011, 2014, ... 2023, 2026), in
# September; the groups then form their bureaux again. A term runs from 1 October of a
# renewal year to 30 September three years later.
RENEWAL_YEAR = 2011
TERM_STARTS_ON = (10, 1)


def term_of(day):
    """(first day, last day) of the triennial term that contains ``day``."""
    year = day.year if (day.month, day.day) >= TERM_STARTS_ON else day.year - 1
    year -= (year - RENEWAL_YEAR) % 3
    return datetime.date(year, *TERM_STARTS_ON), datetime.date(year + 3, 9, 30)


class MembershipQuerySet(models.QuerySet):
    @staticmethod
    def current_condition():
        """The one definition of a current membership: no end date, or one today or later.

        The last day of a term is still in office. It compares dates with the local
        date, never with Now(): a date compared with a timestamp is midnight, so a
        term ending today would already be over at 00:00:01.
        """
        return Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())

    def current(self):
        return self.filter(self.current_condition())

    def with_is_current(self):
        """Annotate ``is_current`` (``current_condition()``) on memberships loaded whole."""
        return self.annotate(
            is_current=models.ExpressionWrapper(
                self.current_condition(), output_field=models.BooleanField()
            )
        )


class Membership(Versioned):
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

    ROLE_LABELS = dict(Role.choices)

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
        # A dict look-up: get_role_display() rebuilds a dict of all choices per call.
        if self.senator.is_woman:
            return self.FEMININE_ROLES[self.role]
        return self.ROLE_LABELS.get(self.role, self.role)

    # The group admin sets this to the countries chosen in its form, which are saved
    # just before the memberships; when None, the group's saved countries count.
    covered_country_ids = None

    def clean(self):
        super().clean()
        # The database enforces this too (a trigger, see migration 0002); this check
        # gives the editor a message on the field instead of an integrity error.
        if self.role != self.Role.DELEGATE_PRESIDENT or not self.country_id:
            return
        covered = self.covered_country_ids
        if covered is None and self.group_id:
            covered = set(self.group.countries.values_list("pk", flat=True))
        if covered is not None and self.country_id not in covered:
            raise ValidationError(
                {"country": _("This country is not one of the countries the group covers.")}
            )
