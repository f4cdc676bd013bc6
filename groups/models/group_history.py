"""A friendship group's past: its names and countries over time, the slugs it gave up."""

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from core.models import Imported
from core.models import Versioned
from core.search import text_indexes

from .terms import period_fields

# The fields group names are searched by: FriendshipGroupQuerySet.matching() and the
# index below (core.search).
GROUP_NAME_TEXT = ["=name", "=short_name"]


class FormerSlug(models.Model):
    """A slug a group answered to before, so that its old links keep working (301).

    Written by the database itself (trigger of migration 0014) whenever a group's slug
    changes, whoever changes it: the admin, the import, a shell, a bulk update. A slug
    belongs to one group at most: the last one that gave it up; a group that takes a
    slug again (its own former one, or another group's) removes it from this table, as a
    live page wins over a redirect.
    """

    group = models.ForeignKey(
        "FriendshipGroup", models.CASCADE, related_name="former_slugs", verbose_name=_("group")
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


class GroupName(Imported, Versioned):
    """A group's name over a period (the Senate's dated names).

    The name valid today is the group's ``name``.
    """

    group = models.ForeignKey(
        "FriendshipGroup", models.CASCADE, related_name="names", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    start_date, end_date = period_fields()

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
        "FriendshipGroup", models.CASCADE, related_name="country_links", verbose_name=_("group")
    )
    country = models.ForeignKey(
        "Country", models.PROTECT, related_name="group_links", verbose_name=_("country")
    )
    start_date, end_date = period_fields()

    verbose_name_gender = "masculine"  # of its French name (backoffice.history)

    class Meta:
        ordering = ["group", "start_date"]
        verbose_name = _("country covered over time")
        verbose_name_plural = _("countries covered over time")

    def __str__(self):
        return f"{self.group} — {self.country}"
