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

from core.exports import Column

from .serializers import POLITICAL_MEMBERSHIP_ID
from .serializers import political_group_id


def _political_group_of(senator):
    current = senator.current_political_group
    return political_group_id(current["id"]) if current else None


def _public_group_slug(row):
    return row.public_group.slug if row.public_group else None


# resource: [(column name, value, referenced resource or None)]; the first is the id.
KEYS = {
    "organizations": [("id", "slug", None)],
    "political_groups": [("id", lambda g: political_group_id(g.senate_code), None)],
    "persons": [
        ("id", "slug", None),
        ("political_group_id", _political_group_of, "political_groups"),
    ],
    "memberships": [
        ("id", "pk", None),
        ("person_id", "senator.slug", "persons"),
        ("organization_id", "group.slug", "organizations"),
        ("area_id", "country.code", "areas"),
    ],
    "political_memberships": [
        ("id", lambda m: f"{POLITICAL_MEMBERSHIP_ID}{m.pk}", None),
        ("person_id", "senator.slug", "persons"),
        (
            "organization_id",
            lambda m: political_group_id(m.political_group.senate_code),
            "political_groups",
        ),
    ],
    "areas": [("id", "code", None), ("parent_id", "zone.slug", "zones")],
    "zones": [("id", "slug", None)],
    "missions": [("id", "slug", None), ("organization_id", _public_group_slug, "organizations")],
    "receptions": [
        ("id", "slug", None),
        ("organization_id", _public_group_slug, "organizations"),
        ("area_id", "country.code", "areas"),
    ],
    "colloquia": [("id", "slug", None)],
    "reports": [("id", "slug", None), ("organization_id", "group_slug", "organizations")],
    "news": [("id", "slug", None)],
    "agreements": [("id", "slug", None)],
    "authorities": [("id", "slug", None)],
}


def key_columns(resource):
    return [Column(name, value, verbatim=True) for name, value, _target in KEYS[resource]]


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
    if column.header in {name for name, _v, _t in KEYS[resource]}:
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
            for name, _value, target in KEYS[resource]
            if target
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
