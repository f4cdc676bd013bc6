import datetime
import re
import string

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.indexes import OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists
from django.db.models import F
from django.db.models import Func
from django.db.models import Q
from django.db.models import Value
from django.db.models.functions import ExtractYear
from django.db.models.functions import JSONObject
from django.db.models.functions import Left
from django.db.models.functions import Mod
from django.db.models.functions import Now
from django.db.models.functions import RowNumber
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import HTMLField
from core.models import FRENCH_COLLATION
from core.models import Imported
from core.models import Modified
from core.models import ModifiedQuerySet
from core.models import Publishable
from core.models import PublishableQuerySet
from core.models import Versioned
from core.models import ends_after_start
from core.models import optional_code_field
from core.search import text_indexes
from core.search import text_q

from .periods import RENEWAL_MONTH
from .periods import triennial_period  # noqa: F401  (where the pages import it from)

# The fields each kind is searched by: its matching() and its indexes (core.search).
COUNTRY_TEXT = ["name"]
GROUP_TEXT = ["name", "counterpart"]
GROUP_NAME_TEXT = ["=name", "=short_name"]

# The rules the database holds in triggers rather than in a Meta constraint, by the
# constraint name the trigger raises (migrations 0002, 0005, 0010), in staff's words.
DATABASE_RULES = {
    "membership_delegate_country_covered": _(
        "A delegate president's country must be one the group covers."
    ),
}


class Zone(Versioned):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=FRENCH_COLLATION)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    verbose_name_gender = "feminine"  # of its French name (backoffice.history)

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


class Country(Modified, Versioned):
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

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["name"]
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

    def __str__(self):
        return self.name

    @property
    def name_with_article(self):
        """« le Cameroun », « l'Arménie », « les Philippines » in French; the name in English."""
        if not self.article or get_language() != "fr":
            return self.name
        separator = "" if self.article.endswith("'") else " "
        return f"{self.article}{separator}{self.name}"


def dissolved_q(prefix=""):
    """The one definition of a dissolved group: its dissolution date is today or past.

    ``dissolved_on`` is the first day the group no longer exists; a date to come keeps it
    active until then. ``prefix`` reaches the group through a relation (``"group__"``).
    """
    return Q(**{f"{prefix}dissolved_on__lte": timezone.localdate()})


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
        return self.prefetch_related(
            models.Prefetch("countries", queryset=Country.objects.order_by("name")),
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


class FriendshipGroup(Imported, Publishable):
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

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["name"]
        verbose_name = _("friendship group")
        verbose_name_plural = _("friendship groups")
        indexes = text_indexes("group", GROUP_TEXT)

    def __str__(self):
        return self.name

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

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["-replaced_at"]
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug


class SearchKey(Func):
    """Text as a name search compares it: lower case, without accents, hyphens or apostrophes.

    ``SearchKey("first_name", "last_name")`` joins its parts with spaces. The SQL function
    (migration 0011) wraps unaccent(), which is only STABLE, in an IMMUTABLE function so
    that an index can hold its result; applied to what the visitor typed too, both sides
    are cleaned by the same rules (« Nérac-Fabre », « nerac fabre », « NERACFABRE »).
    """

    function = "groups_search_key"
    output_field = models.TextField()


# The words of a name query: a word may hold hyphens and apostrophes (« d'Ornano »).
_NAME_WORD = re.compile(r"\w[\w'’-]*")
MAX_NAME_WORDS = 5


def name_words(text):
    """The words of a name query that ``matching_name()`` looks for, at most MAX_NAME_WORDS."""
    return _NAME_WORD.findall(text)[:MAX_NAME_WORDS]


def senator_search_key():
    """What a senator is found by: first and last names and constituency (index in Meta)."""
    return SearchKey("first_name", "last_name", "constituency_fr", "constituency_en")


LETTERS = tuple(string.ascii_uppercase)


class SenatorQuerySet(ModifiedQuerySet):
    def with_initial(self):
        """``initial``: the last name's first letter, A to Z, accents and apostrophes aside
        (« Éluard » under E, « d'Ornano » under D), so that the letters are in French order."""
        return self.annotate(initial=Upper(Left(SearchKey("last_name"), 1)))

    def initials(self):
        """The set of letters that some of these senators' last names begin with (one query)."""
        rows = self.with_initial().order_by().values_list("initial", flat=True).distinct()
        return set(rows)

    def matching_name(self, text):
        """Senators whose name or constituency holds every word of ``text``, accents, case,
        hyphens and apostrophes aside (« noel », « nerac », « Dupônt »).

        When no senator at all has every word, the names nearest to ``text`` (pg_trgm's
        word similarity): a misspelt name still finds the person (« Roquebrout » finds
        Noël Roquebrou). One query; a trigram index serves both (Senator.Meta). The one
        definition of a name search: the senators index, the site-wide search and the API.
        """
        words = name_words(text)
        if not words:
            return self.none()
        every_word = Q()
        for word in words:
            every_word &= Q(search_key__contains=SearchKey(Value(word)))
        near = Q(search_key__trigram_word_similar=SearchKey(Value(" ".join(words))))
        exact_exists = Exists(
            self.model.objects.annotate(search_key=senator_search_key()).filter(every_word)
        )
        return self.annotate(search_key=senator_search_key()).filter(
            every_word | (near & ~exact_exists)
        )

    CURRENT_GROUP_FIELDS = (
        *("senator_id", "group_id", "role", "title", "title_feminine"),
        *("group__slug", "group__name_fr", "group__name_en"),
    )

    def with_current_groups(self):
        """Each senator's current roles in published groups, in ``current_memberships``.

        One query, whatever the number of senators: the senators index, its CSV, the
        site-wide search and the API show them.
        """
        return self.prefetch_related(
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .of_published_groups()
                .select_related("group")
                .order_by("group__name")
                # What those pages read: the group's link and name, the role's title
                # (``role_title``). A page of 50 senators loads about 360 memberships
                # and as many groups: loading them whole took 26.5 ms of CPU instead of
                # 17 (the senators list's page of rows timed alone, 10× data, load 10,
                # 2026-12-07).
                .only(*self.CURRENT_GROUP_FIELDS),
                to_attr="current_memberships",
            )
        )

    def with_political_group(self):
        """``senator.current_political_group``: {id, name, short_name, kind} or None.

        A subquery in the senators' own query (no query more), by the one definition
        (``PoliticalMembershipQuerySet.current_group_of``).
        """
        return self.annotate(
            current_political_group=PoliticalMembership.objects.current_group_of(
                models.OuterRef("pk")
            )
        )

    def in_active_groups(self):
        """Senators with a current membership (``MembershipQuerySet.current``) of an active
        group: the members of the friendship groups taken together."""
        current = Membership.objects.current().filter(group__in=FriendshipGroup.objects.active())
        return self.filter(pk__in=current.values("senator"))

    def for_list(self):
        """Everything senator_list.html touches: senators and their current groups (2 queries)."""
        return self.with_current_groups().with_political_group()

    def for_detail(self):
        """The senator, memberships of published groups, political groups (3 queries).

        The page's lists of missions and reports come from portal/lists.py.
        """
        return self.with_political_group().prefetch_related(
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.with_is_current()
                .of_published_groups()
                .select_related("group", "country")
                .order_by(F("start_date").desc(nulls_last=True), "group__name"),
                to_attr="all_memberships",
            ),
            models.Prefetch(
                "political_memberships",
                queryset=PoliticalMembership.objects.with_is_current()
                .select_related("political_group")
                .order_by(F("start_date").desc(nulls_last=True)),
                to_attr="political_history",
            ),
        )


class Senator(Imported, Modified, Versioned):
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
    photo = models.ImageField(_("photo"), upload_to="senators/", blank=True)
    is_active = models.BooleanField(_("in office"), default=True)

    objects = SenatorQuerySet.as_manager()

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("senator")
        verbose_name_plural = _("senators")
        indexes = [
            # matching_name(): LIKE '%word%' and the word similarity (%>) both use it.
            GinIndex(
                OpClass(senator_search_key(), name="gin_trgm_ops"), name="senator_search_trgm"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_woman(self):
        return self.civility == self.Civility.MRS


def term_current_q(prefix=""):
    """A dated term (a membership, a political membership) is current today: no end
    date, or one today or later.

    The last day of a term is still in office. It compares dates with the local date,
    never with Now(): a date compared with a timestamp is midnight, so a term ending
    today would already be over at 00:00:01. ``holds_on()`` is this rule for one row in
    Python, on any day.
    """
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(
        **{f"{prefix}end_date__gte": timezone.localdate()}
    )


def triennial_period_year(field):
    """The year ``triennial_period()`` starts in, for the date ``field``, in SQL: the same
    rule (tests/test_timeline.py checks both agree on every renewal's eve and morrow)."""
    year = ExtractYear(field) - models.Case(
        models.When(**{f"{field}__month__lt": RENEWAL_MONTH}, then=1), default=0
    )
    # PostgreSQL's % keeps the sign of the dividend: add 3 so that years before 2020 work.
    offset = Mod(Mod(year - 2020, 3) + 3, 3)
    return year - offset


class MembershipQuerySet(ModifiedQuerySet):
    def of_published_groups(self):
        """Memberships the public may see: those of published groups."""
        return self.filter(group__in=FriendshipGroup.objects.published())

    def for_list(self):
        """A membership with its senator, group and country (one query)."""
        return self.select_related("senator", "group", "country")

    @staticmethod
    def current_condition(prefix=""):
        """The one definition of a current membership: its term is not over
        (``term_current_q``) and its group is not dissolved (``dissolved_q``).

        ``prefix`` reaches the memberships through a relation (``"memberships__"`` from
        a group).
        """
        return term_current_q(prefix) & ~dissolved_q(f"{prefix}group__")

    def current(self):
        return self.filter(self.current_condition())

    @staticmethod
    def bureau_ordering():
        """The one order of a bureau: roles in order (président, délégués,
        vice-présidents, secretaries, members), then the election rank (unranked last),
        then the senators A–Z in French order (the database's collation)."""
        role = models.Case(
            *[models.When(role=role, then=rank) for rank, role in enumerate(Membership.Role.values)]
        )
        return [role, F("rank").asc(nulls_last=True), "senator__last_name", "senator__first_name"]

    def in_bureau_order(self, *before, after=("pk",)):
        """In ``bureau_ordering()``, after the orderings ``before`` if given."""
        return self.order_by(*before, *self.bureau_ordering(), *after)

    def with_bureau_position(self):
        """``membership.bureau_position``: its place in ``bureau_ordering()``, for lists
        loaded in another order (a group's page loads its members A–Z) and put in bureau
        order in Python (``groups.bureaux.bureau_order``)."""
        return self.annotate(
            bureau_position=models.Window(
                RowNumber(), order_by=[*self.bureau_ordering(), F("pk").asc()]
            )
        )

    def bureau_terms(self):
        """The first bureau role to begin in each group's triennial period: one row per
        bureau elected or renewed, dated by its ``start_date``. The periods are
        ``triennial_period()``'s, as past bureaux show them (groups.bureaux); roles with
        no known start are left out. Rows, not a GROUP BY: they can be re-shaped freely."""
        bureau = (
            self.exclude(role=Membership.Role.MEMBER)
            .filter(start_date__isnull=False)
            .annotate(period=triennial_period_year("start_date"))
        )
        earlier = bureau.filter(
            Q(start_date__lt=models.OuterRef("start_date"))
            | Q(start_date=models.OuterRef("start_date"), pk__lt=models.OuterRef("pk")),
            group=models.OuterRef("group"),
            period=models.OuterRef("period"),
        )
        return bureau.filter(~models.Exists(earlier))

    def with_senator_political_group(self):
        """``membership.senator_political_group``: the senator's political group today
        (``PoliticalMembershipQuerySet.current_group_of``), in the same query."""
        return self.annotate(
            senator_political_group=PoliticalMembership.objects.current_group_of(
                models.OuterRef("senator_id")
            )
        )

    def with_is_current(self):
        """Annotate ``is_current`` (``current_condition()``) on memberships loaded whole."""
        return self.annotate(
            is_current=models.ExpressionWrapper(
                self.current_condition(), output_field=models.BooleanField()
            )
        )


class Membership(Imported, Modified, Versioned):
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
    # Null: the Senate's records give no start (a "since always" sentinel date).
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("election rank"),
        null=True,
        blank=True,
        help_text=_("Orders the vice-presidents (rank of election in the Senate's records)."),
    )
    # The Senate's own label for the function (masculine, feminine), in French.
    title = models.CharField(_("Senate title"), max_length=120, blank=True, editable=False)
    title_feminine = models.CharField(
        _("Senate title (feminine)"), max_length=120, blank=True, editable=False
    )

    objects = MembershipQuerySet.as_manager()

    verbose_name_gender = "feminine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["group", "role", "senator"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            ends_after_start("membership_ends_after_start", open_ended=True),
            # A delegate president imported from the Senate may have no country: the
            # Senate's records do not always say which one (see sens/check/).
            models.CheckConstraint(
                condition=Q(role="delegate_president") | Q(country__isnull=True),
                name="membership_country_only_for_delegate_v2",
                violation_error_message=_("Only a delegate president has a country."),
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
        # The Senate's own French label when imported (« Vice-présidente », « Trésorier »…).
        if self.title and get_language() == "fr":
            if self.senator.is_woman and self.title_feminine:
                return self.title_feminine
            return self.title
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


class GroupName(Imported, Versioned):
    """A group's name over a period (the Senate's dated names).

    The name valid today is the group's ``name``.
    """

    group = models.ForeignKey(
        FriendshipGroup, models.CASCADE, related_name="names", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

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
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["group", "start_date"]
        verbose_name = _("country covered over time")
        verbose_name_plural = _("countries covered over time")

    def __str__(self):
        return f"{self.group} — {self.country}"


class PoliticalGroupQuerySet(models.QuerySet):
    def by_current_size(self):
        """Political groups with current members (``PoliticalMembershipQuerySet.current``),
        largest first, then by Senate code: the order and colours of the make-up bars
        (groups/makeup.py), the same on every page."""
        size = models.Count(
            "memberships", filter=PoliticalMembershipQuerySet.current_condition("memberships__")
        )
        return self.annotate(size=size).filter(size__gt=0).order_by("-size", "senate_code")


class PoliticalGroup(Imported, Versioned):
    """A political group of the Senate (« groupe politique »)."""

    senate_code = models.CharField(_("Senate code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    created_on = models.DateField(_("creation date"), null=True, blank=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    objects = PoliticalGroupQuerySet.as_manager()

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["name"]
        verbose_name = _("political group")
        verbose_name_plural = _("political groups")

    def __str__(self):
        return self.name


# The Senate's kinds of political membership (in French, feminine forms without their
# final « e »), in the page's language.
POLITICAL_KINDS = {
    "membr": _("member"),
    "apparenté": _("associated member"),
    "rattaché": _("attached member"),
}


# The same kinds in the open data's one role vocabulary, shared with friendship groups'
# memberships (Membership.Role: ``member``...); anything else the Senate writes: ``other``.
POLITICAL_ROLES = {
    "membr": "member",
    "apparenté": "associated_member",
    "rattaché": "attached_member",
}
POLITICAL_ROLE_OTHER = "other"


class PoliticalMembershipQuerySet(models.QuerySet):
    def current(self):
        """Political memberships current today: the term is not over (``term_current_q``)
        and the senator is in office: a former senator belongs to no political group
        today, even where the Senate's records leave the last membership open."""
        return self.filter(self.current_condition())

    @staticmethod
    def current_condition(prefix=""):
        """The one definition of a current political membership (``current()``)."""
        return term_current_q(prefix) & Q(**{f"{prefix}senator__is_active": True})

    def with_is_current(self):
        """Annotate ``is_current`` (``current_condition()``) on political memberships."""
        return self.annotate(
            is_current=models.ExpressionWrapper(
                self.current_condition(), output_field=models.BooleanField()
            )
        )

    def current_group_of(self, senator):
        """The senator's political group today, as a JSON subquery: {id, name, short_name,
        kind} or null. ``senator`` is an ``OuterRef`` to the senator's id.

        The one definition of a senator's political group: the political membership
        current today (``current()``), the latest begun when the Senate's records
        overlap. ``id`` is the group's Senate code.
        """
        current = (
            self.current()
            .filter(senator=senator)
            .order_by(F("start_date").desc(nulls_last=True), "-pk")
            .values(
                json=JSONObject(
                    id="political_group__senate_code",
                    name="political_group__name",
                    short_name="political_group__short_name",
                    kind="kind",
                )
            )[:1]
        )
        return models.Subquery(current, output_field=models.JSONField())

    def for_list(self):
        """A political membership with its senator and political group (one query)."""
        return self.select_related("senator", "political_group")


class PoliticalMembership(Imported, Versioned):
    """A senator's membership of a political group over a period, with its kind.

    The kind (membre, apparenté, rattaché) is the Senate's label, in French.
    """

    senator = models.ForeignKey(
        Senator, models.CASCADE, related_name="political_memberships", verbose_name=_("senator")
    )
    political_group = models.ForeignKey(
        PoliticalGroup,
        models.PROTECT,
        related_name="memberships",
        verbose_name=_("political group"),
    )
    kind = models.CharField(_("kind"), max_length=120, blank=True)
    kind_feminine = models.CharField(_("kind (feminine)"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = PoliticalMembershipQuerySet.as_manager()

    verbose_name_gender = "feminine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["senator", "-start_date"]
        verbose_name = _("political group membership")
        verbose_name_plural = _("political group memberships")

    def __str__(self):
        return f"{self.senator} — {self.political_group}"

    @property
    def kind_title(self):
        if self.senator.is_woman and self.kind_feminine:
            return self.kind_feminine
        return self.kind

    @property
    def role(self):
        """The kind as a code of the open data's role vocabulary (POLITICAL_ROLES)."""
        first_word = (self.kind or "").split(" ")[0].lower().rstrip("e")
        return POLITICAL_ROLES.get(first_word, POLITICAL_ROLE_OTHER)

    @property
    def kind_label(self):
        """The kind as the page's language says it: the Senate's French label on French
        pages, its translation on English ones (« Membre » -> "member")."""
        title = self.kind_title
        if get_language() == "fr" or not title:
            return title
        first_word = title.split()[0].lower().rstrip("e")  # apparentée -> apparenté
        return POLITICAL_KINDS.get(first_word, title)
