from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """One uploaded file (report PDF, senator photo), bytes and all, in PostgreSQL.

    Written and read only through ``filestore.storage.DatabaseStorage``; the models that
    own files keep their usual ``FileField`` holding ``name``.
    """

    name = models.CharField(_("name"), max_length=255, unique=True)
    content = models.BinaryField(_("content"))
    size = models.PositiveBigIntegerField(_("size"))
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self):
        return self.name
