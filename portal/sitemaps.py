"""/sitemap.xml: every public page, in French and English, with its hreflang alternate.

Wiring only: each section lists the published rows of one model. ``i18n`` and
``alternates`` give one <url> per language with <xhtml:link rel="alternate">;
``x_default`` stays off (with translated paths the unprefixed URL would 404).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperation.models import Agreement
from cooperation.models import LocalAuthority
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import Senator
from missions.models import Colloquium
from missions.models import Mission
from reports.models import NewsItem
from reports.models import Report


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = 2000  # 2 languages x 2000 stays under the protocol's 50,000 URLs per file


class StaticPagesSitemap(I18nSitemap):
    priority = 0.8

    def items(self):
        return [
            "portal:home",
            "groups:list",
            "groups:country-list",
            "portal:map",
            "missions:list",
            "missions:colloquium-list",
            "missions:partner-list",
            "reports:news-list",
            "reports:list",
            "cooperation:list",
            "portal:cooperation-map",
            "groups:senator-list",
            "api-data",
            # The legal pages (legal/): fixed addresses, one per page.
            "legal:legal-notice",
            "legal:accessibility",
            "legal:personal-data",
        ]

    def location(self, item):
        return reverse(item)


class ModelSitemap(I18nSitemap):
    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class PublishedSitemap(ModelSitemap):
    """The published rows of one model, by slug."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("slug")


class CountrySitemap(ModelSitemap):
    def items(self):
        return Country.objects.order_by("code")


class SenatorSitemap(ModelSitemap):
    def items(self):
        # Senators with a role in a public group; a draft group's members are not listed.
        return (
            Senator.objects.filter(memberships__in=Membership.objects.of_published_groups())
            .distinct()
            .order_by("slug")
        )


class ReportSitemap(ModelSitemap):
    def items(self):
        # Only what a <url> needs: a report row carries its full text and search vectors.
        return Report.objects.published().only("slug", "updated_at").order_by("slug")


class TimelineSitemap(I18nSitemap):
    """Each country's and each published group's timeline (portal/timeline.py)."""

    def items(self):
        countries = [
            ("code", c.lower())
            for c in Country.objects.order_by("code").values_list("code", flat=True)
        ]
        groups = FriendshipGroup.objects.published().order_by("slug").values_list("slug", flat=True)
        return [*countries, *(("slug", slug) for slug in groups)]

    def location(self, item):
        key, value = item
        name = "portal:country-timeline" if key == "code" else "portal:group-timeline"
        return reverse(name, kwargs={key: value})


class LocalAuthoritySitemap(I18nSitemap):
    def items(self):
        return LocalAuthority.objects.with_published_agreements().order_by("slug")


sitemaps = {
    "pages": StaticPagesSitemap,
    "groups": PublishedSitemap(FriendshipGroup),
    "countries": CountrySitemap,
    "senators": SenatorSitemap,
    "missions": PublishedSitemap(Mission),
    "colloquia": PublishedSitemap(Colloquium),
    "news": PublishedSitemap(NewsItem),
    "reports": ReportSitemap,
    "agreements": PublishedSitemap(Agreement),
    "authorities": LocalAuthoritySitemap,
    "timelines": TimelineSitemap,
}
