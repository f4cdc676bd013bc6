"""Load the COG régions and départements (cooperation/data/) and let editors edit this app.

The « Relations internationales » group is created by groups' migration 0003; the
editors add, change, delete and view every model of this app too.
"""

import csv
from pathlib import Path

from django.contrib.auth.management import create_permissions
from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
EDITORS_GROUP = "Relations internationales"
MODELS = ["region", "department", "localauthority", "foreignauthority", "agreement"]


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_cog(apps, schema_editor):
    Region = apps.get_model("cooperation", "Region")
    Department = apps.get_model("cooperation", "Department")
    regions = {}
    for row in read("cog-regions-2024.csv"):
        regions[row["REG"]], _ = Region.objects.update_or_create(
            code=row["REG"], defaults={"name": row["LIBELLE"]}
        )
    for row in read("cog-departements-2024.csv"):
        Department.objects.update_or_create(
            code=row["DEP"], defaults={"name": row["LIBELLE"], "region": regions[row["REG"]]}
        )


def grant_editors(apps, schema_editor):
    app_config = apps.get_app_config("cooperation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cooperation",
            codename__in=[f"{a}_{m}" for m in MODELS for a in ("add", "change", "delete", "view")],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_cooperation_models"),
        ("groups", "0003_editors_group"),
    ]

    operations = [
        migrations.RunPython(load_cog, migrations.RunPython.noop),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
