"""Checks of the API's objects against the Popolo standard, written from its specification.

https://www.popoloproject.com/specs/ describes Person, Organization, Membership, Area
and Event: for each, the fields and their types that the API claims. Only the fields
Popolo defines are checked (the API adds others, which Popolo allows); dates follow
Popolo's pattern (YYYY, YYYY-MM, YYYY-MM-DD, or a date and time with an offset).
"""

import jsonschema


def popolo_object(required, strings=(), **properties):
    """The schema of a Popolo object: its ``required`` fields, its string fields, then
    the fields of other types."""
    return {
        "type": "object",
        "required": required,
        "properties": {**dict.fromkeys(strings, STRING), **properties},
    }


def array_of(schema):
    return {"type": "array", "items": schema}


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
URI = {"type": "string", "format": "uri"}
NULLABLE_STRING = {"type": ["string", "null"]}
IDENTIFIERS = array_of(popolo_object(required=["identifier"], strings=["identifier", "scheme"]))
LINKS = array_of(popolo_object(required=["url"], strings=["note"], url=URI))
OTHER_NAMES = array_of(
    popolo_object(required=["name"], strings=["name"], start_date=DATE, end_date=DATE)
)

PERSON = popolo_object(
    required=["id", "name"],
    strings=["id", "name", "given_name", "family_name", "honorific_prefix", "gender"],
    identifiers=IDENTIFIERS,
    image={"anyOf": [URI, {"type": "null"}]},
    links=LINKS,
)
ORGANIZATION = popolo_object(
    required=["id", "name"],
    strings=["id", "name", "classification"],
    identifiers=IDENTIFIERS,
    other_names=OTHER_NAMES,
    founding_date=DATE_OR_NULL,
    dissolution_date=DATE_OR_NULL,
    links=LINKS,
)
MEMBERSHIP = popolo_object(
    required=["person_id", "organization_id"],
    strings=["id", "label", "role", "person_id", "organization_id"],
    area_id=NULLABLE_STRING,
    start_date=DATE,
    end_date=DATE_OR_NULL,
)
AREA = popolo_object(
    required=["id", "name"],
    strings=["id", "name", "classification", "parent_id"],
    identifier={"type": "string", "pattern": "^[A-Z]{2}$"},
)
EVENT = popolo_object(
    required=["id", "name", "start_date"],
    strings=["id", "name", "description", "classification", "location", "status"],
    start_date={"anyOf": [DATE, DATETIME]},
    end_date={"anyOf": [DATE, DATETIME, {"type": "null"}]},
    organization_id=NULLABLE_STRING,
)

SCHEMAS = {"person": PERSON, "organization": ORGANIZATION, "membership": MEMBERSHIP}
SCHEMAS.update({"area": AREA, "event": EVENT})


def check(kind, obj):
    """Raise jsonschema.ValidationError when ``obj`` is not a valid Popolo ``kind``."""
    jsonschema.validate(obj, SCHEMAS[kind], format_checker=jsonschema.FormatChecker())
