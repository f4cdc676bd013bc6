"""Senators' memberships: of friendship groups (roles, terms, bureaux), and of the Senate's
political groups."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.db.models.functions import JSONObject
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Imported
from core.models import Modified
from core.models import ModifiedQuerySet
from core.models import Named
from core.models import Versioned
from core.models import ends_after_start
from core.models import published_q

from .terms import dissolved_q
from .terms import period_fields
from .terms import term_current_q
from .terms import triennial_period_year

# The rules the database holds in triggers rather than in a Meta constraint, by the
# constraint name the trigger raises (migrations 0002, 0005, 0010), in staff's words.
DATABASE_RULES = {
    "membership_delegate_country_covered": _(
        "A delegate president's country must be one the group covers."
    ),
}


class MembershipQuerySet(ModifiedQuerySet):
    def of_published_groups(self):
        """Memberships the public may see: those of published groups."""
        return self.filter(published_q("group__"))

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
        "Senator", models.CASCADE, related_name="memberships", verbose_name=_("senator")
    )
    group = models.ForeignKey(
        "FriendshipGroup", models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    country = models.ForeignKey(
        "Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="delegate_presidencies",
        verbose_name=_("country"),
        help_text=_("Only for a delegate president: the country of the regional group."),
    )
    start_date, end_date = period_fields()
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


class PoliticalGroupQuerySet(models.QuerySet):
    def by_current_size(self):
        """Political groups with current members (``PoliticalMembershipQuerySet.current``),
        largest first, then by Senate code: the order and colours of the make-up bars
        (groups/makeup.py), the same on every page."""
        size = models.Count(
            "memberships", filter=PoliticalMembershipQuerySet.current_condition("memberships__")
        )
        return self.annotate(size=size).filter(size__gt=0).order_by("-size", "senate_code")


class PoliticalGroup(Named, Imported, Versioned):
    """A political group of the Senate (« groupe politique »)."""

    senate_code = models.CharField(_("Senate code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    created_on = models.DateField(_("creation date"), null=True, blank=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    objects = PoliticalGroupQuerySet.as_manager()

    class Meta(Named.Meta):
        verbose_name = _("political group")
        verbose_name_plural = _("political groups")


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
        "Senator", models.CASCADE, related_name="political_memberships", verbose_name=_("senator")
    )
    political_group = models.ForeignKey(
        PoliticalGroup,
        models.PROTECT,
        related_name="memberships",
        verbose_name=_("political group"),
    )
    kind = models.CharField(_("kind"), max_length=120, blank=True)
    kind_feminine = models.CharField(_("kind (feminine)"), max_length=120, blank=True)
    start_date, end_date = period_fields()

    objects = PoliticalMembershipQuerySet.as_manager()

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
