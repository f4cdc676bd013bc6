"""Tombstones for the change feed: which API objects left the public's view, and when.

A re-user syncs with ``?updated_since=`` (the rows edited or published since) and
``/api/v1/removals/?updated_since=`` (the ids gone since). An object goes when it is
deleted, unpublished (or re-scheduled for later) or when its id (a slug) changes; it
comes back, and its tombstone goes, when it is public again under that id.

Signals rather than services: a row leaves through the admin's forms and actions, the
Senate's import (its deletes cascade to memberships) and deletions cascading from
other rows; a receiver here sees them all, where a service would be one path among
several. Each is one INSERT or DELETE, and a save of a publishable row reads its old
state once (pre_save).
"""

from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.db.models.signals import pre_save
from django.utils import timezone

from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from groups.exports import POLITICAL_MEMBERSHIP_ID
from groups.exports import political_group_id
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from groups.models import Zone
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report

from .models import Removal

# The publishable resources: public while published, id = slug.
PUBLISHABLE = {
    FriendshipGroup: "organizations",
    Mission: "missions",
    Reception: "receptions",
    Colloquium: "colloquia",
    Report: "reports",
    NewsItem: "news",
    Agreement: "agreements",
}
# The others: public as long as they exist; their API id.
ALWAYS_PUBLIC = {
    Senator: ("persons", lambda o: o.slug),
    Membership: ("memberships", lambda o: str(o.pk)),
    PoliticalGroup: ("political-groups", lambda o: political_group_id(o.senate_code)),
    PoliticalMembership: (
        "political-memberships",
        lambda o: f"{POLITICAL_MEMBERSHIP_ID}{o.pk}",
    ),
    Country: ("areas", lambda o: o.code),
    Zone: ("zones", lambda o: o.slug),
    LocalAuthority: ("authorities", lambda o: o.slug),
}
RESOURCES = sorted({*PUBLISHABLE.values(), *(r for r, _ in ALWAYS_PUBLIC.values())})


def removal_record(*, resource, object_id):
    Removal.objects.update_or_create(
        resource=resource, object_id=object_id, defaults={"removed_at": timezone.now()}
    )


def removal_forget(*, resource, object_id):
    Removal.objects.filter(resource=resource, object_id=object_id).delete()


def _before_save(sender, instance, raw=False, **kwargs):
    instance._public_before = None
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).only("slug", "status", "published_at")
    old = old.first()
    if old is not None and old.is_published:
        instance._public_before = old.slug


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    resource = PUBLISHABLE[sender]
    before = getattr(instance, "_public_before", None)
    now_public = instance.is_published
    if before and (not now_public or before != instance.slug):
        removal_record(resource=resource, object_id=before)
    if now_public and before != instance.slug:
        removal_forget(resource=resource, object_id=instance.slug)


def _after_delete(sender, instance, **kwargs):
    if sender in PUBLISHABLE:
        if instance.is_published:
            removal_record(resource=PUBLISHABLE[sender], object_id=instance.slug)
        return
    resource, id_of = ALWAYS_PUBLIC[sender]
    removal_record(resource=resource, object_id=id_of(instance))


def connect_signals():
    for model in PUBLISHABLE:
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"removals-pre-{model.__name__}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"removals-post-{model.__name__}")
    for model in [*PUBLISHABLE, *ALWAYS_PUBLIC]:
        post_delete.connect(
            _after_delete, sender=model, dispatch_uid=f"removals-delete-{model.__name__}"
        )
