"""Who follows what by e-mail: personal data, kept in this app only.

A subscription is one e-mail address following one country, friendship group or
French local authority, in one language. It is kept unconfirmed for
CONFIRMATION_HOURS at most (``send_digest`` deletes older ones), and deleted as
soon as its owner unsubscribes; nothing else about the person is stored.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import LocalAuthority
from groups.models import Country
from groups.models import FriendshipGroup

# How long a confirmation link is valid; an unconfirmed subscription is deleted after it.
CONFIRMATION_HOURS = 48


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired_unconfirmed(self, now):
        """Subscriptions never confirmed whose link has expired: to delete."""
        return self.filter(
            confirmed_at__isnull=True,
            created_at__lt=now - datetime.timedelta(hours=CONFIRMATION_HOURS),
        )

    def for_digest(self):
        """Confirmed subscriptions with what they follow, in one query."""
        return self.confirmed().select_related("country", "group", "authority").order_by("pk")


def followed(to, verbose_name):
    """A link to what a subscription may follow: empty unless it is the one followed;
    deleting the row deletes its subscriptions. No reverse accessor: the followed apps
    know nothing of alerts."""
    return models.ForeignKey(
        to, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=verbose_name
    )


class Subscription(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        GROUP = "group", _("friendship group")
        AUTHORITY = "authority", _("French local authority")

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=2)
    # What it follows: exactly one of the three (Meta's check).
    country = followed(Country, _("country"))
    group = followed(FriendshipGroup, _("friendship group"))
    authority = followed(LocalAuthority, _("French local authority"))
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # What was published up to this moment has been sent (or predates the subscription).
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail alert")
        verbose_name_plural = _("e-mail alerts")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(country__isnull=False, group__isnull=True, authority__isnull=True)
                    | Q(country__isnull=True, group__isnull=False, authority__isnull=True)
                    | Q(country__isnull=True, group__isnull=True, authority__isnull=False)
                ),
                name="subscription_follows_one_thing",
            ),
            models.UniqueConstraint(
                "email",
                "country",
                name="subscription_unique_country",
                condition=Q(country__isnull=False),
            ),
            models.UniqueConstraint(
                "email", "group", name="subscription_unique_group", condition=Q(group__isnull=False)
            ),
            models.UniqueConstraint(
                "email",
                "authority",
                name="subscription_unique_authority",
                condition=Q(authority__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.followed}"

    @property
    def kind(self):
        if self.country_id:
            return self.Kind.COUNTRY
        return self.Kind.GROUP if self.group_id else self.Kind.AUTHORITY

    @property
    def followed(self):
        """The country, group or authority followed (loaded with for_digest(): no query)."""
        return self.country or self.group or self.authority


class SentItem(models.Model):
    """What a subscription's digests have already carried: nothing is sent twice."""

    subscription = models.ForeignKey(Subscription, models.CASCADE, related_name="sent_items")
    kind = models.CharField(max_length=12)  # "mission", "reception", "report"...
    object_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("item sent in a digest")
        verbose_name_plural = _("items sent in digests")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "object_id"], name="sent_item_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
