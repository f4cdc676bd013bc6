"""The bulk file's ``datapackage.json`` (Frictionless Data Package, Table Schema) and
the join keys of its CSV files.

Each CSV of the zip ends with the API's ids (``id``, then ``person_id``,
``organization_id``…: the very values of the JSON files), so that the files join with
each other and with the JSON. The descriptor gives every CSV its dialect, its hash and
size, and a Table Schema: each column's type (read from the model field the column
shows; text otherwise), the primary key ``id`` and the foreign keys between files.
``frictionless validate`` accepts it (tests/test_opendata_datapackage.py runs it).
"""

from django.db import models

from cooperation import exports as cooperation_exports
from groups import exports as group_exports
from missions import exports as mission_exports
from reports import exports as report_exports

# resource: (its join keys, the apps' ``*_KEYS``: the id first; {key: resource it refers to}).
KEYS = {
    "organizations": (group_exports.GROUP_KEYS, {}),
    "political_groups": (group_exports.POLITICAL_GROUP_KEYS, {}),
    "persons": (group_exports.SENATOR_KEYS, {"political_group_id": "political_groups"}),
    "memberships": (
        group_exports.MEMBERSHIP_KEYS,
        {"person_id": "persons", "organization_id": "organizations", "area_id": "areas"},
    ),
    "political_memberships": (
        group_exports.POLITICAL_MEMBERSHIP_KEYS,
        {"person_id": "persons", "organization_id": "political_groups"},
    ),
    "areas": (group_exports.COUNTRY_KEYS, {"parent_id": "zones"}),
    "zones": (group_exports.ZONE_KEYS, {}),
    "missions": (mission_exports.MISSION_KEYS, {"organization_id": "organizations"}),
    "receptions": (
        mission_exports.RECEPTION_KEYS,
        {"organization_id": "organizations", "area_id": "areas"},
    ),
    "colloquia": (mission_exports.COLLOQUIUM_KEYS, {}),
    "reports": (report_exports.REPORT_KEYS, {"organization_id": "organizations"}),
    "news": (report_exports.NEWS_KEYS, {}),
    "agreements": (cooperation_exports.AGREEMENT_KEYS, {}),
    "authorities": (cooperation_exports.AUTHORITY_KEYS, {}),
}


def key_columns(resource):
    return KEYS[resource][0]


TYPES = [
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "date"),  # a CSV cell is the local date (core.exports.cell)
    (models.DateField, "date"),
    (models.IntegerField, "integer"),
    (models.DecimalField, "number"),
    (models.FloatField, "number"),
]


def _field_type(model, path):
    """The Table Schema type of a column showing ``path`` of ``model``; text when it is
    computed, or not a field (a property)."""
    if path is None or model is None:
        return "string"
    field = None
    for part in path.split("."):
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001  (a property or an annotation: shown as text)
            return "string"
        model = field.related_model
    if field.is_relation:
        return "string"
    for field_class, kind in TYPES:
        if isinstance(field, field_class):
            return kind
    return "string"


def _field(model, column, resource):
    if column in key_columns(resource):
        kind = "integer" if column.path == "pk" else "string"
    else:
        kind = _field_type(model, column.path)
    field = {"name": column.heading, "type": kind}
    if kind == "boolean":
        field.update(trueValues=["oui"], falseValues=["non"])
    if kind == "string" and column.link:
        field["format"] = "uri"
    return field


def resource_descriptor(resource, model, columns, *, digest, size):
    """The Data Package resource of ``<resource>.csv``."""
    schema = {
        "fields": [_field(model, column, resource) for column in columns],
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": [name], "reference": {"resource": target, "fields": ["id"]}}
            for name, target in KEYS[resource][1].items()
        ],
    }
    return {
        "name": resource,
        "path": f"{resource}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ";", "lineTerminator": "\r\n"},
        "hash": f"sha256:{digest}",
        "bytes": size,
        "schema": schema,
    }


def package_descriptor(resources, *, licence, date, created, site):
    return {
        "profile": "tabular-data-package",
        "name": "senat-groupes-amitie",
        "title": "Groupes interparlementaires d'amitié du Sénat",
        "homepage": site,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "version": date,
        "licenses": [{"name": "etalab-2.0", "path": licence["url"], "title": licence["name"]}],
        "resources": resources,
    }
