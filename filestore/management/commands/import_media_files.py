"""Copy the files of MEDIA_ROOT into the database storage (once, when switching to it).

    manage.py import_media_files [--media-root PATH]

Every file under MEDIA_ROOT is stored under the same name (the name the FileFields
already hold), unless a stored file has that name already; so a second run copies
nothing. All in one transaction: an error leaves the store as it was.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import transaction

from filestore.models import StoredFile


class Command(BaseCommand):
    help = "Copy the files under MEDIA_ROOT into PostgreSQL (filestore), keeping their names."

    def add_arguments(self, parser):
        parser.add_argument("--media-root", default=str(settings.MEDIA_ROOT))

    def handle(self, *args, media_root, **options):
        root = Path(media_root)
        if not root.is_dir():
            raise CommandError(f"No such folder: {root}")
        copied = skipped = 0
        with transaction.atomic():
            known = set(StoredFile.objects.values_list("name", flat=True))
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                name = path.relative_to(root).as_posix()
                if name in known:
                    skipped += 1
                    continue
                data = path.read_bytes()
                StoredFile.objects.create(name=name, content=data, size=len(data))
                copied += 1
        self.stdout.write(f"{copied} file(s) copied, {skipped} already stored.")
