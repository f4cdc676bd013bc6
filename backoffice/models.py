"""The back office's one table: the unpublished versions of live records (drafts.py).

The module also makes Django send the app its post_migrate signal (only apps with a
models module get one), on which the editors' group gets its permissions (apps.py,
permissions.py).
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The draft of ``obj`` (at most one), if any."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )

    def due(self, now):
        """Drafts scheduled for ``now`` or earlier (``manage.py publish_drafts``)."""
        return self.filter(publish_at__lte=now).select_related("content_type", "saved_by")


class Draft(models.Model):
    """The next version of a live record, kept aside while the public still sees the live one.

    ``data`` is the change form as the editor posted it (both languages' fields and the
    inline rows: memberships, programme, participants), so that previewing and publishing
    run it through the admin's own validation and save (backoffice/drafts.py): there is no
    second way of writing a record to keep in step with the forms.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(_("form data"))
    # Replaced on each save of the draft: two editors on one draft (drafts.py, check_draft).
    version = models.UUIDField(default=uuid.uuid4, editable=False)
    publish_at = models.DateTimeField(_("scheduled publication"), null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("unpublished version")
        verbose_name_plural = _("unpublished versions")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_draft_a_record")
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id}"
