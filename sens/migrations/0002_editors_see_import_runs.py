"""Formerly gave the editors the permissions on import runs and on the records the
Senate's import fills in; now a no-op kept for the migration history.

The editors' permissions are one table, backoffice/permissions.py, applied after every
migrate (a post_migrate handler): on a database where this migration already ran, the
next migrate sets the group's permissions to that table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sens", "0001_import_run"),
        ("groups", "0005_delegate_country_with_history"),
    ]

    operations = []
