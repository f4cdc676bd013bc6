"""DRIP editors (« Relations internationales ») browse import runs and the new records."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = settings.EDITORS_GROUP
PERMISSIONS = [
    ("sens", "view_importrun"),
    *(
        ("groups", f"{action}_{model}")
        for model in ("groupname", "countrylink", "politicalgroup", "politicalmembership")
        for action in ("add", "change", "delete", "view")
    ),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in PERMISSIONS
        ]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        for app, codename in PERMISSIONS:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("sens", "0001_import_run"),
        ("groups", "0005_delegate_country_with_history"),
        # After portal's migration, which sets the editors' group's permissions.
        ("portal", "0001_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
