"""Writes on friendship groups that touch several rows: the renewal of a bureau."""

import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_noop

from core.history import note

from .models import Membership
from .periods import holds_on

ONE_DAY = datetime.timedelta(days=1)
# The history's entry for a renewal, worded in each reader's language (core.history.note).
RENEWED = gettext_noop("Bureau renewed on %(date)s")


def renewable_memberships(group, on):
    """The terms a renewal on ``on`` closes: those running on that day and begun before it.

    A term begun on ``on`` itself already belongs to the new bureau (entered by hand) and a
    term ended the day before is over: neither is touched.
    """
    rows = (
        group.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("senator", "country")
        .in_bureau_order()
    )
    return [
        m
        for m in rows
        if holds_on(m.start_date, m.end_date, on) and (m.start_date is None or m.start_date < on)
    ]


@transaction.atomic
def group_renew_bureau(*, group, on, stays, user=None):
    """Close every term of ``group`` running on ``on`` the day before, and open, from ``on``,
    the terms of those who stay: ``stays`` is [(membership, role, rank, country)].

    One transaction and one history entry (django-reversion) for the whole renewal; a rule
    broken by the new bureau (two presidents…) raises ValidationError and writes nothing.
    Returns the new terms.
    """
    if group.dissolved_on is not None and group.dissolved_on <= on:
        raise ValidationError(gettext("A dissolved group has no bureau to renew."))
    closing = renewable_memberships(group, on)
    kept = {m.pk for m, *_rest in stays}
    if not kept <= {m.pk for m in closing}:
        raise ValidationError(gettext("Only a current member can stay in the group."))
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(note(RENEWED, date=on))
        for membership in closing:
            membership.end_date = on - ONE_DAY
            membership.save(update_fields=["end_date"])
            reversion.add_to_revision(membership)
        opened = []
        for old, role, rank, country in stays:
            new = Membership(
                senator=old.senator,
                group=group,
                role=role,
                rank=rank if role == Membership.Role.VICE_PRESIDENT else None,
                country=country if role == Membership.Role.DELEGATE_PRESIDENT else None,
                start_date=on,
            )
            new.full_clean()
            new.save()
            opened.append(new)
        reversion.add_to_revision(group)
    return opened


def groups_renewed_on(on):
    """The groups a renewal of every bureau on ``on`` renews: those not dissolved by then."""
    from .models import FriendshipGroup

    return FriendshipGroup.objects.exclude(dissolved_on__lte=on)


@transaction.atomic
def groups_renew_all(*, on, user=None):
    """The renewal of every group after a Senate election, in one transaction: each term
    running on ``on`` ends the day before; senators still in office stay as members from
    ``on``, and each group's new bureau is then entered on its form. Dissolved groups (by
    ``on``) are left alone. Returns {group: new terms}."""
    renewed = {}
    for group in groups_renewed_on(on).order_by("pk"):
        stays = [
            (m, Membership.Role.MEMBER, None, None)
            for m in renewable_memberships(group, on)
            if m.senator.is_active
        ]
        renewed[group] = group_renew_bureau(group=group, on=on, stays=stays, user=user)
    return renewed
