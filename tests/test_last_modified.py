"""One definition of a row's last change (core.models.Modified): publishable rows and the
legal pages take it too, so a save of some fields dates the row like any other save (the
API's ``updated_since``, the legal pages' « Mis à jour le »)."""

import datetime

import pytest
from django.utils import timezone

from legal.models import LegalPage
from tests.factories import make_report

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=30)


def _saved_some_fields(row, **changes):
    type(row).objects.filter(pk=row.pk).update(updated_at=LONG_AGO)
    row.refresh_from_db()
    for name, value in changes.items():
        setattr(row, name, value)
    row.save(update_fields=list(changes))
    row.refresh_from_db()
    return row


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(lambda: make_report(title_fr="Rapport"), id="publishable"),
        pytest.param(lambda: LegalPage.objects.get(kind="legal-notice"), id="legal-page"),
    ],
)
def test_a_save_of_some_fields_dates_the_row(row):
    row = _saved_some_fields(row(), title_fr="Nouveau titre")
    assert row.title_fr == "Nouveau titre"
    assert row.updated_at > LONG_AGO + datetime.timedelta(days=29)
