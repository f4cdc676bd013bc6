"""New agreements, all or with a country's authorities, in RSS and Atom (like the reports'
feeds)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import PublishableFeed
from core.feeds import TextAtom
from groups.models import Country

from .models import Agreement

FEED_LENGTH = 30


class CountryAgreementRssFeed(PublishableFeed):
    def get_object(self, request, code):
        return get_object_or_404(Country, code=code.upper())

    def title(self, obj):
        return _("Decentralized cooperation with %(country)s") % {"country": obj.name}

    def description(self, obj):
        return _("New agreements between French local authorities and those of %(country)s.") % {
            "country": obj.name
        }

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return f"{reverse('cooperation:list')}?country={obj.code}"

    def items(self, obj):
        return (
            Agreement.objects.published()
            .for_country(obj)
            .for_list()
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"{item.title} ({item.get_kind_display()})"

    def item_categories(self, item):
        return [item.get_kind_display(), *item.theme_labels]


class CountryAgreementAtomFeed(CountryAgreementRssFeed):
    feed_type = TextAtom


class AgreementRssFeed(CountryAgreementRssFeed):
    """Every new agreement: the cooperation list's feed."""

    def get_object(self, request):
        return None

    def title(self, obj):
        return _("Decentralized cooperation")

    def description(self, obj):
        return _("New agreements between French local authorities and foreign ones.")

    def link(self, obj):
        return reverse("cooperation:list")

    def items(self, obj):
        return (
            Agreement.objects.published().for_list().order_by("-published_at", "-pk")[:FEED_LENGTH]
        )


class AgreementAtomFeed(AgreementRssFeed):
    feed_type = TextAtom
