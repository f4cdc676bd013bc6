"""schemathesis over every API operation, in-process (WSGI): no 5xx, responses match the schema.

The schema is the one the app serves (/api/v1/openapi.json), loaded with
``schemathesis.openapi.from_wsgi`` inside each test (its filters' choices come from
the test database). Each operation gets generated paths and query strings (valid and
invalid filter values, page numbers and sizes, odd identifiers); every response must be
documented in the schema: status code, content type, headers and body shape, and
every request the schema allows must be accepted (no 400 for a schema-valid request:
the filters' menus are enums of the values they accept). Each operation also runs its
examples (an existing object's id for a detail), so that the detail endpoints answer
200 and their bodies are checked too.
"""

import pytest
import schemathesis
from django.core.signals import request_finished
from django.core.signals import request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from api.urls import router
from tests.factories import make_agreement
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
    make_agreement()  # and its authorities
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

    strategy = st.one_of(operation.as_strategy(), *operation.get_strategies_from_examples())

    @given(case=strategy)
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case):
        # Every check, "a schema-valid request is accepted" included.
        # Identity encoding: schemathesis's in-process (WSGI) transport sends requests'
        # "Accept-Encoding: gzip" but, unlike an HTTP client, does not decode the body.
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    check()


def test_the_examples_reach_every_detail(api_schema):
    # A slug generated at random names no object (404): the schema's examples (an
    # existing object's id) are what makes the fuzzer check a detail's 200 body.
    details = [label for label in OPERATIONS if label.endswith("}/")]
    reached = set()
    for label in details:
        method, path = label.split(" ")
        strategies = api_schema[path][method].get_strategies_from_examples()
        assert strategies, label

        @given(case=st.one_of(strategies))
        @settings(max_examples=1, deadline=None, database=None)
        def check(case):
            if case.call(headers={"Accept-Encoding": "identity"}).status_code == 200:
                reached.add(case.operation.label)

        check()
    assert reached == set(details)
