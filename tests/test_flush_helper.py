"""tests/helpers/flush.py: Django's flush after a transactional test, by DELETE."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from groups.models import FormerSlug
from groups.models import Membership
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership


@pytest.mark.django_db(transaction=True)
def test_flush_empties_every_table_a_delegate_and_a_former_slug_included():
    countries = [make_country(), make_country()]
    group = make_group(countries=countries)
    make_membership(group=group, role=Membership.Role.DELEGATE_PRESIDENT, country=countries[0])
    group.slug = "france-renommee"
    group.save()  # the trigger keeps the old slug
    assert FormerSlug.objects.exists()

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    left = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and model._base_manager.exists()
    }
    assert left == {}


def test_flush_deletes_and_only_truncate_resets_sequences():
    tables = ["groups_country", "groups_friendshipgroup"]
    deleting = connection.ops.sql_flush(no_style(), tables)
    assert deleting[0] == "SET CONSTRAINTS ALL DEFERRED"
    assert deleting[1:] == [
        'DELETE FROM "groups_country";',
        'DELETE FROM "groups_friendshipgroup";',
    ]
    resetting = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    assert resetting[0].startswith("TRUNCATE") and "RESTART IDENTITY" in resetting[0]
