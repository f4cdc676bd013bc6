import datetime

import pytest
from django.db import IntegrityError
from django.db import connection
from django.db import transaction

from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

DELEGATE = Membership.Role.DELEGATE_PRESIDENT
pytestmark = pytest.mark.django_db


def test_second_current_president_is_refused():
    group = make_group()
    make_membership(group=group, role=Membership.Role.PRESIDENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(group=group, role=Membership.Role.PRESIDENT)


def test_past_president_and_current_president_coexist():
    group = make_group()
    make_membership(
        group=group,
        role=Membership.Role.PRESIDENT,
        end_date=datetime.date(2023, 9, 30),
        start_date=datetime.date(2020, 10, 1),
    )
    make_membership(group=group, role=Membership.Role.PRESIDENT)
    assert group.memberships.count() == 2


def test_end_date_before_start_date_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(start_date=datetime.date(2024, 1, 2), end_date=datetime.date(2024, 1, 1))


def test_delegate_president_of_a_country_outside_the_group_is_refused():
    group = make_group()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(group=group, role=DELEGATE, country=make_country())


def test_delegate_president_of_a_covered_country_is_accepted():
    country = make_country()
    group = make_group(countries=[country, make_country()])
    make_membership(group=group, role=DELEGATE, country=country)


def test_country_on_a_plain_membership_is_refused():
    group = make_group()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(group=group, country=group.countries.first())


def test_senator_has_one_current_role_per_group():
    group, senator = make_group(), make_senator()
    make_membership(group=group, senator=senator)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(group=group, senator=senator, role=Membership.Role.SECRETARY)


def test_country_code_must_be_two_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_country(code="jp")


def test_duplicate_country_code_is_refused():
    make_country(code="JP")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_country(code="JP")


def test_duplicate_group_slug_is_refused():
    make_group(slug="france-japon")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_group(slug="france-japon")


def test_french_names_sort_in_french_order():
    zone_countries = [make_country(name_fr=name) for name in ("Zambie", "Égypte", "Espagne")]
    names = list(
        Country.objects.filter(pk__in=[c.pk for c in zone_countries])
        .values_list("name_fr", flat=True)
        .order_by("name_fr")
    )
    assert names == ["Égypte", "Espagne", "Zambie"]


def test_english_falls_back_to_french():
    from django.utils import translation

    group = make_group(name_fr="France-Japon", name_en="")
    with translation.override("en"):
        assert group.name == "France-Japon"
    group.name_en = "France-Japan"
    with translation.override("en"):
        assert group.name == "France-Japan"


def check_deferred_rules():
    """Check now the rules the database defers to the commit (the test never commits)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_removing_a_country_that_has_a_delegate_is_refused_at_commit():
    country = make_country()
    group = make_group(countries=[country, make_country()])
    make_membership(group=group, role=DELEGATE, country=country)
    with pytest.raises(IntegrityError), transaction.atomic():
        group.countries.remove(country)
        check_deferred_rules()


def test_moving_a_delegate_then_removing_the_country_is_accepted():
    """The rule holds at commit, not between two statements of one change."""
    country, other = make_country(), make_country()
    group = make_group(countries=[country, other])
    delegate = make_membership(group=group, role=DELEGATE, country=country)
    with transaction.atomic():
        group.countries.remove(country)
        delegate.country = other
        delegate.save()
        check_deferred_rules()
    assert list(group.countries.all()) == [other]


@pytest.mark.django_db(transaction=True)
def test_group_with_a_delegate_deletes_with_its_links_and_memberships_through_the_orm():
    country = make_country()
    group = make_group(countries=[country, make_country()])
    make_membership(group=group, role=DELEGATE, country=country)
    make_membership(group=group)
    FriendshipGroup.objects.get(pk=group.pk).delete()  # autocommit: the commit checks
    assert not FriendshipGroup.objects.exists()
    assert not Membership.objects.exists()
    assert not FriendshipGroup.countries.through.objects.exists()
    assert Country.objects.filter(pk=country.pk).exists()
