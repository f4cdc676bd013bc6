from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import is_list_serializer

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


class OpenDataAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the error answers every operation can give.

    400: a filter value that is not valid (a year that is no number, an unknown
    group); 404: an unknown identifier, or a page past the last one; 429: too many
    requests from one address, with Retry-After.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        serializer = self.get_response_serializers()
        listing = self._is_list_view(serializer) or is_list_serializer(serializer)
        if getattr(self.view, "filterset_class", None) and listing:
            responses["400"] = _json("Invalid filter values.", FIELD_ERRORS)
        if hasattr(self.view, "get_queryset"):
            responses["404"] = _json("Unknown identifier, or no such page.", DETAIL)
        responses["429"] = _json(
            "Too many requests from this address.",
            DETAIL,
            {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
        )
        return responses
