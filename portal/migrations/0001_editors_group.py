"""The « Relations internationales » staff group: what a DRIP editor may do.

Its name is settings.EDITORS_GROUP. Editors add, change, delete and view every content model of groups, missions and
reports, and read django-reversion's history. Nothing on auth (users, groups,
permissions): managing accounts stays with superusers.
"""

from django.contrib.auth.management import create_permissions
from django.conf import settings
from django.db import migrations

GROUP_NAME = settings.EDITORS_GROUP

CONTENT_MODELS = {
    "groups": ["zone", "country", "friendshipgroup", "senator", "membership"],
    "missions": ["partner", "mission", "missionparticipant", "reception", "colloquium"],
    "reports": ["report", "newsitem"],
}
HISTORY_MODELS = {"reversion": ["revision", "version"]}


def editor_codenames():
    for app_label, models in CONTENT_MODELS.items():
        for model in models:
            for action in ("add", "change", "delete", "view"):
                yield app_label, f"{action}_{model}"
    for app_label, models in HISTORY_MODELS.items():
        for model in models:
            yield app_label, f"view_{model}"


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); on a
    # fresh database they do not exist yet, so create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in editor_codenames()
    ]
    group.permissions.set(permissions)


def delete_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_editors_group"),
        ("missions", "0001_initial"),
        ("reports", "0003_search_head_vectors"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
