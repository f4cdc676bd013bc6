"""Friendship groups and the countries they cover (and the zones countries are in); a
group's past: its names and countries over time, the slugs it gave up."""

import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.db.models.functions import JSONObject
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.fields import HTMLField
from core.models import FRENCH_COLLATION
from core.models import Imported
from core.models import Modified
from core.models import ModifiedQuerySet
from core.models import Named
from core.models import Publishable
from core.models import PublishableQuerySet
from core.models import Versioned
from core.models import optional_code_field
from core.search import text_indexes
from core.search import text_q

from .memberships import Membership
from .terms import dissolved_q
from .terms import period_fields

# The fields each kind is searched by: its matching() and its indexes (core.search).
COUNTRY_TEXT = ["name"]
GROUP_TEXT = ["name", "counterpart"]
GROUP_NAME_TEXT = ["=name", "=short_name"]


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


class CountryQuerySet(ModifiedQuerySet):
    def matching(self, text):
        """Countries whose name matches ``text`` in either language (core.search)."""
        return self.filter(text_q(COUNTRY_TEXT, text))

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
        """The country, its zone, active and former groups, current delegate presidents
        (4 queries).

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
                models.Prefetch(
                    "groups",
                    queryset=FriendshipGroup.objects.dissolved().only(
                        "name", "slug", "created_on", "dissolved_on"
                    ),
                    to_attr="former_groups",
                ),
            )
        )


class Country(Named, Modified, Versioned):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code, in capitals (JP, DE…)."),
    )
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)

    class Article(models.TextChoices):
        # The French article, as it reads before the name (« pour le Cameroun »).
        LE = "le", "le"
        LA = "la", "la"
        L = "l'", "l'"
        LES = "les", "les"

    article = models.CharField(
        _("French article"),
        max_length=3,
        choices=Article,
        blank=True,
        help_text=_(
            "Before the French name: le Cameroun, la France, l'Arménie, les Philippines. "
            "Empty for a name without one (Cuba, Israël)."
        ),
    )
    zone = models.ForeignKey(Zone, models.PROTECT, related_name="countries", verbose_name=_("zone"))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    has_parliament = models.BooleanField(_("has a parliament"), default=True)

    objects = CountryQuerySet.as_manager()

    class Meta(Named.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        indexes = text_indexes("country", COUNTRY_TEXT)
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

    @property
    def name_with_article(self):
        """« le Cameroun », « l'Arménie », « les Philippines » in French; the name in English."""
        if not self.article or get_language() != "fr":
            return self.name
        separator = "" if self.article.endswith("'") else " "
        return f"{self.article}{separator}{self.name}"


class FriendshipGroupQuerySet(PublishableQuerySet):
    def matching(self, text):
        """Groups whose name, counterpart, or one of their official or short names over
        time (GroupName) matches ``text`` (core.search): the groups list's ``q`` and the
        site-wide search."""
        named = GroupName.objects.filter(text_q(GROUP_NAME_TEXT, text))
        # Through a subquery: OR'ed with the part match below (which no index serves), the
        # condition itself would compute every group's vectors.
        worded = FriendshipGroup.objects.filter(text_q(GROUP_TEXT, text))
        # A part of the name too, as the groups list has always found (« Jap »).
        part = Q(name_fr__unaccent__icontains=text) | Q(name_en__unaccent__icontains=text)
        return self.filter(part | Q(pk__in=worded.values("pk")) | Q(pk__in=named.values("group")))

    def slug_for_former(self, slug):
        """The slug today of the group that answered to ``slug`` before (FormerSlug), or
        None (one query)."""
        return self.filter(former_slugs__slug=slug).values_list("slug", flat=True).first()

    def active(self):
        """Published groups that are not dissolved (``dissolved_q``)."""
        return self.published().exclude(dissolved_q())

    def dissolved(self):
        """Published groups dissolved by today, most recently dissolved first."""
        return self.published().filter(dissolved_q()).order_by("-dissolved_on", "name")

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

    def with_countries(self):
        """The countries covered, A–Z, in ``group.countries.all()`` (one query)."""
        return self.prefetch_related(
            models.Prefetch("countries", queryset=Country.objects.order_by("name"))
        )

    def for_list(self):
        """Everything group_list.html touches: countries and président, in 3 queries."""
        return self.with_countries().with_president()

    def with_history(self):
        """The group's dated names and dated country links, as JSON arrays (no query).

        ``group.name_history``: [{name, start_date, end_date}] oldest first;
        ``group.country_history``: [{area_id, start_date, end_date}] (the ISO code).
        Subqueries in the group's own query, so that a page of groups costs no more
        queries for its history (the API's organizations).
        """
        names = (
            GroupName.objects.filter(group=models.OuterRef("pk"))
            .order_by(F("start_date").asc(nulls_first=True), "pk")
            .values(json=JSONObject(name="name", start_date="start_date", end_date="end_date"))
        )
        links = (
            CountryLink.objects.filter(group=models.OuterRef("pk"))
            .order_by(F("start_date").asc(nulls_first=True), "country__code", "pk")
            .values(
                json=JSONObject(
                    area_id="country__code", start_date="start_date", end_date="end_date"
                )
            )
        )
        return self.annotate(
            name_history=ArraySubquery(names), country_history=ArraySubquery(links)
        )

    def for_detail(self):
        """The group, its countries and all its memberships (3 queries).

        Memberships (current and past, with senator and country) come in one query,
        senators A–Z in French order; the view splits them into bureau, members and
        past bureaux on ``is_current``. The page's other lists come from portal/lists.py.
        """
        return self.with_countries().prefetch_related(
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.with_is_current()
                .with_bureau_position()
                .with_senator_political_group()
                .select_related("senator", "country")
                .order_by("senator__last_name", "senator__first_name"),
                to_attr="all_memberships",
            ),
        )


class FriendshipGroup(Named, Imported, Publishable):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Single-country group")
        REGIONAL = "regional", _("Regional group")
        INFORMATION = "information", _("International information group")

    # The short name the public knows (« France-Japon »): titles, lists, map, slug.
    name = models.CharField(_("name"), max_length=200, db_collation=FRENCH_COLLATION)
    official_name = models.CharField(
        _("official name"),
        max_length=255,
        blank=True,
        help_text=_(
            "The group's full name as the Senate's Bureau authorised it (« Groupe "
            "interparlementaire d'amitié France-Japon »), shown under the title of its page."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The group's old addresses keep leading to its page after a change."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    countries = models.ManyToManyField(
        Country, related_name="groups", verbose_name=_("countries covered")
    )
    description = HTMLField(_("description"), blank=True)
    created_on = models.DateField(_("creation date"), null=True, blank=True)
    counterpart = models.CharField(
        _("counterpart abroad"),
        max_length=300,
        blank=True,
        help_text=_("The friendship group or parliament that is this group's partner abroad."),
    )
    contact_name = models.CharField(_("DRIP secretary"), max_length=200, blank=True)
    contact_email = models.EmailField(_("DRIP secretary's e-mail"), blank=True)
    contact_phone = models.CharField(_("DRIP secretary's phone"), max_length=40, blank=True)
    # What the Senate's open data says (owned by `manage.py import_sens`, see sens/).
    senate_code = optional_code_field(
        _("Senate code"),
        max_length=12,
        help_text=_("The group's code in the Senate's database (filled in by the import)."),
    )
    senate_url = models.URLField(_("page on senat.fr"), max_length=255, blank=True)
    dissolved_on = models.DateField(
        _("dissolution date"),
        null=True,
        blank=True,
        help_text=_(
            "The first day the group no longer exists. From then on it is shown among the "
            "dissolved groups, with its bureau and members on the day before."
        ),
    )

    objects = FriendshipGroupQuerySet.as_manager()

    class Meta(Named.Meta):
        verbose_name = _("friendship group")
        verbose_name_plural = _("friendship groups")
        indexes = text_indexes("group", GROUP_TEXT)

    @property
    def is_dissolved(self):
        """``dissolved_q()`` for one group (no query)."""
        return self.dissolved_on is not None and self.dissolved_on <= timezone.localdate()

    @property
    def last_day(self):
        """The group's last day of existence if dissolved (the eve of ``dissolved_on``)."""
        if self.is_dissolved:
            return self.dissolved_on - datetime.timedelta(days=1)
        return None


class FormerSlug(models.Model):
    """A slug a group answered to before, so that its old links keep working (301).

    Written by the database itself (trigger of migration 0014) whenever a group's slug
    changes, whoever changes it: the admin, the import, a shell, a bulk update. A slug
    belongs to one group at most: the last one that gave it up; a group that takes a
    slug again (its own former one, or another group's) removes it from this table, as a
    live page wins over a redirect.
    """

    group = models.ForeignKey(
        FriendshipGroup, models.CASCADE, related_name="former_slugs", verbose_name=_("group")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    replaced_at = models.DateTimeField(_("replaced on"), db_default=Now())

    class Meta:
        ordering = ["-replaced_at"]
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug


class GroupName(Imported, Versioned):
    """A group's name over a period (the Senate's dated names).

    The name valid today is the group's ``name``.
    """

    group = models.ForeignKey(
        FriendshipGroup, models.CASCADE, related_name="names", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    start_date, end_date = period_fields()

    class Meta:
        ordering = ["group", "start_date"]
        verbose_name = _("group name")
        verbose_name_plural = _("group names")
        indexes = text_indexes("group_name", GROUP_NAME_TEXT)

    def __str__(self):
        return self.name


class CountryLink(Imported, Versioned):
    """A country covered by a group over a period; no dates = the group's whole life.

    The group's ``countries`` are the countries it covers today (or on its dissolution):
    the import derives them from these links.
    """

    group = models.ForeignKey(
        FriendshipGroup, models.CASCADE, related_name="country_links", verbose_name=_("group")
    )
    country = models.ForeignKey(
        Country, models.PROTECT, related_name="group_links", verbose_name=_("country")
    )
    start_date, end_date = period_fields()

    class Meta:
        ordering = ["group", "start_date"]
        verbose_name = _("country covered over time")
        verbose_name_plural = _("countries covered over time")

    def __str__(self):
        return f"{self.group} — {self.country}"
