"""Load the COG régions and départements (cooperation/data/, see its README)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


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


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_cooperation_models")]

    operations = [migrations.RunPython(load_cog, migrations.RunPython.noop)]
