"""core.admin.ViewOnlyMixin: rows staff see and never add or change; some never delete."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from alerts.models import Subscription
from cooperation.models import Region
from outbox.models import OutgoingMessage
from sens.models import ImportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    return request


@pytest.mark.parametrize("model", [Region, OutgoingMessage, Subscription, ImportRun])
def test_never_added_nor_changed(superuser_request, model):
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(superuser_request)
    assert not model_admin.has_add_permission(superuser_request)
    assert not model_admin.has_change_permission(superuser_request)


@pytest.mark.parametrize(
    ("model", "deletable"),
    [(Region, False), (OutgoingMessage, False), (Subscription, True), (ImportRun, True)],
)
def test_deleted_only_where_deletable(superuser_request, model, deletable):
    assert admin.site._registry[model].has_delete_permission(superuser_request) is deletable


def test_deletable_still_asks_the_user_permission(superuser_request):
    superuser_request.user.is_superuser = False
    assert not admin.site._registry[Subscription].has_delete_permission(superuser_request)
