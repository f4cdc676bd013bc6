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
