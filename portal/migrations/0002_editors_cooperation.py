"""Formerly gave the editors the permissions on `cooperation`; now a no-op kept for the migration history.

The editors' permissions are one table, backoffice/permissions.py, applied after every
migrate (a post_migrate handler): on a database where this migration already ran, the
next migrate sets the group's permissions to that table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_editors_group"),
        ("cooperation", "0001_cooperation_models"),
    ]

    operations = []
