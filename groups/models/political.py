"""The Senate's political groups and senators' memberships of them."""

from django.db import models
from django.db.models import F
from django.db.models import Q
from django.db.models.functions import JSONObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import Imported
from core.models import Versioned

from .terms import period_fields
from .terms import term_current_q


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
