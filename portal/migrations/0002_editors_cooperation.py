"""The editors (« Relations internationales », settings.EDITORS_GROUP) may also add,
change, delete and view every model of `cooperation`.

Here, not in `cooperation`: the group and its permissions span every app, so they are
set from the top (0001 sets the others; this one adds, so neither undoes the other).
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["region", "department", "localauthority", "foreignauthority", "agreement"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("cooperation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=settings.EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cooperation",
            codename__in=[f"{a}_{m}" for m in MODELS for a in ("add", "change", "delete", "view")],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=settings.EDITORS_GROUP).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="cooperation"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_editors_group"),
        ("cooperation", "0001_cooperation_models"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
