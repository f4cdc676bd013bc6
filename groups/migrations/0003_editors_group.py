"""Formerly created the editors' group; now a no-op kept for the migration history.

The group's permissions span groups, missions and reports, so a migration of
`groups` creating it depended on the apps above it. portal/migrations/0001 does
it now (get_or_create: on a database where this migration already ran, it only
sets the permissions again).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("groups", "0002_extensions_and_triggers")]

    operations = []
