"""Checks of the API's objects against the Popolo standard, written from its specification.

https://www.popoloproject.com/specs/ describes Person, Organization, Membership, Area
and Event: for each, the fields and their types that the API claims. Only the fields
Popolo defines are checked (the API adds others, which Popolo allows); dates follow
Popolo's pattern (YYYY, YYYY-MM, YYYY-MM-DD, or a date and time with an offset).
"""

import jsonschema

DATE = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}){0,2}$"}
DATE_OR_NULL = {"anyOf": [DATE, {"type": "null"}]}
DATETIME = {
    "type": "string",
    "pattern": (
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})$"
    ),
}
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
IDENTIFIERS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["identifier"],
        "properties": {"identifier": STRING, "scheme": STRING},
    },
}
LINKS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["url"],
        "properties": {"url": {"type": "string", "format": "uri"}, "note": STRING},
    },
}
OTHER_NAMES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["name"],
        "properties": {"name": STRING, "start_date": DATE, "end_date": DATE},
    },
}

PERSON = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": STRING,
        "name": STRING,
        "given_name": STRING,
        "family_name": STRING,
        "honorific_prefix": STRING,
        "gender": STRING,
        "identifiers": IDENTIFIERS,
        "image": {"anyOf": [{"type": "string", "format": "uri"}, {"type": "null"}]},
        "links": LINKS,
    },
}
ORGANIZATION = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": STRING,
        "name": STRING,
        "classification": STRING,
        "identifiers": IDENTIFIERS,
        "other_names": OTHER_NAMES,
        "founding_date": DATE_OR_NULL,
        "dissolution_date": DATE_OR_NULL,
        "links": LINKS,
    },
}
MEMBERSHIP = {
    "type": "object",
    "required": ["person_id", "organization_id"],
    "properties": {
        "id": STRING,
        "label": STRING,
        "role": STRING,
        "person_id": STRING,
        "organization_id": STRING,
        "area_id": NULLABLE_STRING,
        "start_date": DATE,
        "end_date": DATE_OR_NULL,
    },
}
AREA = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": STRING,
        "name": STRING,
        "identifier": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "classification": STRING,
        "parent_id": STRING,
    },
}
EVENT = {
    "type": "object",
    "required": ["id", "name", "start_date"],
    "properties": {
        "id": STRING,
        "name": STRING,
        "description": STRING,
        "classification": STRING,
        "start_date": {"anyOf": [DATE, DATETIME]},
        "end_date": {"anyOf": [DATE, DATETIME, {"type": "null"}]},
        "location": STRING,
        "status": STRING,
        "organization_id": NULLABLE_STRING,
    },
}

SCHEMAS = {"person": PERSON, "organization": ORGANIZATION, "membership": MEMBERSHIP}
SCHEMAS.update({"area": AREA, "event": EVENT})


def check(kind, obj):
    """Raise jsonschema.ValidationError when ``obj`` is not a valid Popolo ``kind``."""
    jsonschema.validate(obj, SCHEMAS[kind], format_checker=jsonschema.FormatChecker())
