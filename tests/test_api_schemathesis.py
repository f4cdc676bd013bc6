"""schemathesis over every API operation, in-process (WSGI): no 5xx, responses match the schema.

The schema is the one the app serves (/api/v1/openapi.json), loaded with
``schemathesis.openapi.from_wsgi`` inside each test (its filters' choices come from
the test database). Each operation gets generated paths and query strings (valid and
invalid filter values, page numbers and sizes, odd identifiers); every response must be
documented in the schema: status code, content type, headers and body shape.
"""

import pytest
import schemathesis
from django.core.signals import request_finished
from django.core.signals import request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from schemathesis.checks import positive_data_acceptance

from api.urls import router
from tests.factories import make_group_with_everything

RESOURCES = [prefix for prefix, _viewset, _basename in router.registry]
ID = {"areas": "code", "memberships": "id", "political-groups": "id", "political-memberships": "id"}
LIST_ONLY = {"removals"}  # tombstones have no detail
OPERATIONS = ["GET /api/v1/"] + [
    op
    for name in RESOURCES
    for op in (f"GET /api/v1/{name}/", f"GET /api/v1/{name}/{{{ID.get(name, 'slug')}}}/")
    if name not in LIST_ONLY or not op.endswith("}/")
]


@pytest.fixture
def api_schema(db):
    from senat_groups.wsgi import application

    make_group_with_everything()
    make_group_with_everything()
    # As Django's test client does: a request's end must not close the test's connection
    # (its transaction holds the test data).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_operations_below_are_all_the_apis_operations(api_schema):
    found = {result.ok().label for result in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_operation_conforms_to_the_schema(api_schema, label):
    method, path = label.split(" ")
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case):
        # Every check but "a schema-valid request is accepted": a group slug or a country
        # code is a string in the schema, but only existing ones are valid (400 otherwise,
        # as the HTML lists say "not one of the available choices").
        # Identity encoding: schemathesis's in-process (WSGI) transport sends requests'
        # "Accept-Encoding: gzip" but, unlike an HTTP client, does not decode the body.
        case.call_and_validate(
            headers={"Accept-Encoding": "identity"}, excluded_checks=[positive_data_acceptance]
        )

    check()
