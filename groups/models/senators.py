"""Senators."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.db.models import Exists
from django.db.models import F
from django.db.models import Q
from django.db.models import Value
from django.db.models.functions import Left
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from core.models import FRENCH_COLLATION
from core.models import Imported
from core.models import Modified
from core.models import ModifiedQuerySet
from core.models import Versioned

from .memberships import Membership
from .memberships import PoliticalMembership
from .search import SearchKey
from .search import name_words
from .search import senator_search_key


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
        # A current membership is never of a dissolved group (``current_condition``):
        # of a published one, it is of an active one.
        current = Membership.objects.current().of_published_groups()
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
