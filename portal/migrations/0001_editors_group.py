"""Formerly created the editors' group (« Relations internationales ») and gave it the
content permissions; now a no-op kept for the migration history.

The editors' permissions are one table, backoffice/permissions.py, applied after every
migrate (a post_migrate handler): on a database where this migration already ran, the
next migrate sets the group's permissions to that table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_editors_group"),
        ("missions", "0001_initial"),
        ("reports", "0003_search_head_vectors"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
