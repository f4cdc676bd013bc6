"""Writes on public content shared by every app: publishing, unpublishing, deleting."""

from django.db import transaction
from django.utils import timezone

from .models import Publishable


def content_set_status(*, items, status):
    """Publish or unpublish ``items`` (any Publishable rows); return those that changed.

    One save per row, not ``QuerySet.update()``, so that each change is recorded in
    the history (django-reversion, when a revision is open) and sends the signals the
    page cache listens to. Publishing keeps a future publication date (a scheduled
    publication) and moves a past one to now.
    """
    now = timezone.now()
    changed = []
    for obj in items:
        if obj.status == status:
            continue
        obj.status = status
        if status == Publishable.Status.PUBLISHED and obj.published_at <= now:
            obj.published_at = now
        obj.save(update_fields=["status", "published_at", "updated_at"])
        changed.append(obj)
    return changed


def delete_objects(*, objs):
    """Delete ``objs`` (admin deletes, single or bulk) in one transaction."""
    with transaction.atomic():
        for obj in objs:
            obj.delete()
