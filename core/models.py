"""The bases every app's models build on: publication, versions, imported rows.

core has no tables of its own: these are abstract models, querysets and helpers.
"""

import uuid

from django.db import models
from django.db.models import F
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Country and group names are sorted in French order (Égypte among the E's) even
# on a cluster created with the C locale. ICU's French rules also sort English
# names correctly, so both translations of a name use it.
FRENCH_COLLATION = "fr-x-icu"


def published_q(prefix=""):
    """The one rule of what the public may see: published, and not scheduled for later.

    ``prefix`` applies it across a relation: ``published_q("group__")`` is true when
    a row's group is public. ``published()``, ``with_public()`` and every lookup that
    follows a relation to a publishable model for the public use it.
    """
    return Q(
        **{f"{prefix}status": Publishable.Status.PUBLISHED, f"{prefix}published_at__lte": Now()}
    )


def ends_after_start(name, message=None, *, start="start_date", end="end_date", open_ended=False):
    """The check constraint that a period does not end before it starts.

    ``open_ended``: the end may also be empty (a period still running).
    """
    condition = Q(**{f"{end}__gte": F(start)})
    if open_ended:
        condition = Q(**{f"{end}__isnull": True}) | condition
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=message or _("The end date must be on or after the start date."),
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(published_q())

    def changed_since(self, moment):
        """Rows edited since ``moment`` (``updated_at``), or that became public since
        (a scheduled publication reached): the API's ``updated_since``."""
        return self.filter(
            Q(updated_at__gte=moment) | Q(published_at__gte=moment, published_at__lte=Now())
        )

    def with_public(self, *relations):
        """Load these foreign keys to publishable rows, and whether the public may see them.

        A published mission may belong to a draft group: the mission still shows, but
        not the group's name or link. ``row.public_<relation>`` (``PublicRelated``) is
        the related row when it is public, otherwise None; the flag is computed in the
        same query (``published_q``), so no page re-derives the rule.
        """
        flags = {
            f"{name}_is_public": models.ExpressionWrapper(
                published_q(f"{name}__"), output_field=models.BooleanField()
            )
            for name in relations
        }
        return self.select_related(*relations).annotate(**flags)


class PublicRelated:
    """``row.public_group``: ``row.group`` when the public may see it, else None (no query).

    Reads the flag that ``PublishableQuerySet.with_public("group")`` annotated. A row
    loaded without it has no public group: a page that forgot ``with_public()`` hides
    a link, it never shows a draft.
    """

    def __init__(self, relation):
        self.relation = relation

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if getattr(instance, f"{self.relation}_is_public", False):
            return getattr(instance, self.relation)
        return None


class Versioned(models.Model):
    """A version token that each save replaces, for optimistic concurrency.

    The admin carries the token it showed in its form and refuses a save when the row
    holds another one (core/editing.py), so that two editors never overwrite each
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


class ModifiedQuerySet(models.QuerySet):
    def changed_since(self, moment):
        """Rows edited since ``moment`` (``updated_at``): the API's ``updated_since``."""
        return self.filter(updated_at__gte=moment)


class Modified(models.Model):
    """The time of the row's last change: the API's ``updated_since`` (publishable rows,
    senators, memberships, countries), the legal pages' date. ``auto_now``: every save()
    sets it; writes that bypass save() (``bulk_update``, ``update()``, the Senate's
    import) set it themselves."""

    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # save(update_fields=[...]) writes only those fields: auto_now included.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)


class Publishable(Modified, Versioned):
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

    class Meta(Versioned.Meta):
        abstract = True

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


def optional_code_field(verbose_name, **kwargs):
    """A code that no two rows share, but that a row may lack.

    A row without one holds NULL, not "": NULLs never collide in a unique index (the
    case where Django advises null=True on a CharField), and forms save an empty
    field as NULL.
    """
    return models.CharField(verbose_name, unique=True, null=True, blank=True, **kwargs)


class Imported(models.Model):
    """A row that ``manage.py import_sens`` may write (sens/write.py matches on its key).

    ``source_key`` is where it comes from, "<table>:<key>" in the Senate's export, and
    ``source_date`` the date of the export it was last seen in; a row that staff
    created has neither.
    """

    source_key = optional_code_field(
        _("source"),
        max_length=80,
        editable=False,
        help_text=_("Table and key of the row in the Senate's open data it was imported from."),
    )
    source_date = models.DateField(_("source data of"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Named(models.Model):
    """A row known by its name: listed by it (A–Z; a name in ``FRENCH_COLLATION`` sorts in
    French order) and shown as it (lists, the admin's choices, the history).

    The model declares its own ``name`` (lengths differ); a Meta that adds to this one
    subclasses it, ``class Meta(Named.Meta):``, or the order would be lost.
    """

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name
