from django.db import models
from django.utils.translation import gettext_lazy as _


class Removal(models.Model):
    """A tombstone: an object of the API that the public could see and no longer can
    (deleted, unpublished, or its id changed), so that a re-user syncing with
    ``updated_since`` drops it (``/api/v1/removals/``). Written by api/removals.py."""

    resource = models.CharField(_("resource"), max_length=40)
    object_id = models.CharField(_("id"), max_length=250)
    removed_at = models.DateTimeField(_("removed at"), db_index=True)

    class Meta:
        verbose_name = _("removal")
        verbose_name_plural = _("removals")
        constraints = [
            models.UniqueConstraint(fields=["resource", "object_id"], name="one_removal_per_id")
        ]

    def __str__(self):
        return f"{self.resource}/{self.object_id}"
