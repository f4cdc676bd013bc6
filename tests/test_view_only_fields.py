"""core.admin.ViewOnlyMixin: a view-only admin shows each of its ``fields`` read-only, its
own display methods (the outbox's message, an import run's outcome) among them."""

import pytest
from django.contrib import admin
from django.utils import timezone

from alerts.models import Subscription
from outbox.models import OutgoingMessage
from sens.models import ImportRun
from tests.admin_helpers import form_data
from tests.factories import make_country

pytestmark = pytest.mark.django_db

ROWS = {
    OutgoingMessage: lambda: OutgoingMessage.objects.create(
        from_email="drip@example.org",
        recipients=["lea@example.org"],
        subject="Bonjour",
        raw=b"Subject: Bonjour\n\nUn message lisible\n",
        next_attempt_at=timezone.now(),
    ),
    ImportRun: lambda: ImportRun.objects.create(source="/tmp/x", status=ImportRun.Status.DONE),
    Subscription: lambda: Subscription.objects.create(
        email="lea@example.org", language="fr", country=make_country()
    ),
}


def shown_fields(response):
    """(name, read-only?) for each field of the change page's form, in order."""
    return [
        (field.field["name"] if field.is_readonly else field.field.name, field.is_readonly)
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
    ]


@pytest.mark.parametrize("model", list(ROWS))
def test_every_field_of_a_view_only_admin_is_read_only(admin_client, model):
    model_admin = admin.site._registry[model]
    row = ROWS[model]()
    opts = model._meta
    response = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/{row.pk}/change/")
    assert response.status_code == 200
    assert shown_fields(response) == [(name, True) for name in model_admin.fields]
    assert set(form_data(response)) == {"csrfmiddlewaretoken", "_save"}  # no field to submit
