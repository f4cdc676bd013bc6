"""A Django storage backend that keeps uploaded files in PostgreSQL (``StoredFile`` rows).

Why the database and not a shared disk or an object store: the portal's files are a few
thousand PDFs of a few MB and small photos. In PostgreSQL they reach every app server
without a second system, they travel to the replica by streaming replication, every
``pg_dump`` holds them with the rows that point to them (a backup can never miss or
mismatch a file), and an upload commits or rolls back with the record it belongs to.
A PDF is read whole into memory when served (bytea); at the Senate's sizes (under 50 MB)
that is fine, for videos it would not be.

Reads follow the database router (a public download may come from the replica); writes
always go to the primary.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import router
from django.utils.deconstruct import deconstructible

from filestore.models import StoredFile


@deconstructible(path="filestore.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    def _rows(self, *, write=False):
        using = (router.db_for_write if write else router.db_for_read)(StoredFile)
        return StoredFile.objects.using(using)

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("DatabaseStorage opens files for reading only; save() writes them.")
        try:
            row = self._rows().only("name", "content").get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(name) from None
        file = ContentFile(bytes(row.content), name=name)
        return file

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        self._rows(write=True).update_or_create(
            name=name, defaults={"content": data, "size": len(data)}
        )
        return name

    def delete(self, name):
        self._rows(write=True).filter(name=name).delete()

    def exists(self, name):
        # Used by get_available_name() before a write: ask the primary.
        return self._rows(write=True).filter(name=name).exists()

    def size(self, name):
        try:
            return self._rows().values_list("size", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(name) from None

    def get_modified_time(self, name):
        try:
            return self._rows().values_list("modified_at", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(name) from None

    def listdir(self, path):
        prefix = f"{path.rstrip('/')}/" if path else ""
        names = self._rows().filter(name__startswith=prefix).values_list("name", flat=True)
        dirs, files = set(), []
        for name in names:
            rest = name[len(prefix) :]
            if "/" in rest:
                dirs.add(rest.split("/", 1)[0])
            else:
                files.append(rest)
        return sorted(dirs), sorted(files)

    def url(self, name):
        # Staff only (filestore.views.stored_file); the public downloads through the views
        # that check publication, such as reports.views.report_pdf.
        return f"{settings.MEDIA_URL}{quote(name)}"
