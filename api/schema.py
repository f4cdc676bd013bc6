from django import forms
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import is_list_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .removals import RESOURCES as REMOVABLE

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "For each invalid filter, the reasons (in the request's language).",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _json(description, schema, headers=None):
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description=(
        "Only the objects edited or published at or after this moment (ISO 8601, "
        "`2026-12-01T10:00:00Z`, or a date: its midnight, Paris time). The objects deleted "
        "or unpublished since are in `/api/v1/removals/?updated_since=`."
    ),
)
REMOVALS = [
    UPDATED_SINCE,
    OpenApiParameter(
        "resource", str, enum=REMOVABLE, description="Only the tombstones of this resource."
    ),
]


class OpenDataAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the error answers every operation can give.

    400: a filter value that is not valid (a year that is no number, an unknown
    group); 404: an unknown identifier, or a page past the last one; 429: too many
    requests from one address, with Retry-After.
    """

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if not self._is_list_view():
            return parameters
        if getattr(self.view, "changes_feed", False):
            parameters = [*parameters, UPDATED_SINCE]
        return [*parameters, *getattr(self.view, "list_parameters", ())]

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        fields = self._filter_fields() if self._is_list_view() else {}
        for parameter in operation.get("parameters", ()):
            if parameter["in"] == "query" and parameter["name"] in fields:
                constrain(parameter, fields[parameter["name"]])
            elif parameter["in"] == "path":
                self._give_example(parameter)
        return operation

    def _filter_fields(self):
        """The form fields of the view's FilterSet, built for this request."""
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return {}
        return filterset_class(data={}, request=getattr(self.view, "request", None)).form.fields

    def _give_example(self, parameter):
        """An existing object's id as the example of a detail's path parameter, so that
        a client generated from the schema, or a fuzzer, reaches an object."""
        first = self.view.get_queryset().first()
        if first is None:
            return
        value = self.view.get_serializer(first).data["id"]
        if parameter["schema"].get("type") == "integer":
            value = int(value)
        parameter["example"] = value

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        serializer = self.get_response_serializers()
        listing = self._is_list_view(serializer) or is_list_serializer(serializer)
        filtered = (
            getattr(self.view, "filterset_class", None)
            or getattr(self.view, "changes_feed", False)
            or getattr(self.view, "list_parameters", ())
        )
        if filtered and listing:
            responses["400"] = _json("Invalid filter values.", FIELD_ERRORS)
        if hasattr(self.view, "get_queryset"):
            responses["404"] = _json("Unknown identifier, or no such page.", DETAIL)
        responses["429"] = _json(
            "Too many requests from this address.",
            DETAIL,
            {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
        )
        return responses


def constrain(parameter, field):
    """Give a query parameter's schema the constraints of the form field that validates it.

    The field is the one the FilterSet builds for this request: a menu's values (the
    countries' codes, the groups' slugs, the reports' years...) are the only ones it
    accepts, so the schema says so with an enum; a number box states its bounds, a
    text box its length. A value the schema allows is then accepted (never a 400).
    """
    schema = parameter["schema"]
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        if isinstance(field, forms.ModelChoiceField):
            # The keys alone, in one query: its choices would build every row (and
            # str() of a row loaded with only() its key costs a query more each).
            values = list(field.queryset.values_list(field.to_field_name or "pk", flat=True))
        else:
            values = [value for value, _label in field.choices if value not in ("", None)]
        if not values:  # an empty menu: any value is refused, none given means all
            parameter["schema"] = {"type": "string", "maxLength": 0}
        elif all(isinstance(value, int) for value in values):
            parameter["schema"] = {"type": "integer", "enum": values}
        else:
            parameter["schema"] = {"type": "string", "enum": [str(value) for value in values]}
    elif isinstance(field, (forms.DecimalField, forms.IntegerField)):
        parameter["schema"] = {"type": "integer"}
        if field.min_value is not None:
            parameter["schema"]["minimum"] = field.min_value
        if field.max_value is not None:
            parameter["schema"]["maximum"] = field.max_value
    elif isinstance(field, forms.CharField) and field.max_length:
        schema["maxLength"] = field.max_length
