"""Editors may change and view the legal pages (legal/); never add or delete them.

The three pages exist from legal's migration 0002 on; their addresses are fixed.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["change_legalpage", "view_legalpage"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("legal")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=settings.EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="legal", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=settings.EDITORS_GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="legal", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_editors_group"),
        ("legal", "0001_legal_pages"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
