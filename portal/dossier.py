"""The country and group dossiers: one printable document, in HTML and as an A4 PDF.

A dossier joins every app (groups, missions, reports, cooperation), so it lives at the
top, with the other pages that join them. Each list calls its own app's QuerySet
methods (``published()``, ``upcoming()``, ``for_country()``), so a dossier never shows
what the pages would not.

The PDF is WeasyPrint's rendering of the same HTML (with a print stylesheet: A4, page
numbers, table of contents). It is cached under the SHA-256 of that HTML: a change of
content changes the HTML, hence the key, so a cached PDF is never stale and needs no
invalidation; the HTML carries the production date, so a PDF is at most a day old.
"""

import datetime
import hashlib
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils import timezone

from cooperation.models import Agreement
from groups.bureaux import bureaux
from groups.makeup import colours
from groups.makeup import group_makeup
from groups.models import FriendshipGroup
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report

from . import timeline

LIMIT = 10
SUMMARY_ENTRIES = 5  # of the timeline, in the summary on the first page
PDF_CACHE_SECONDS = 7 * 24 * 3600


class DatedRow(NamedTuple):
    """A line of the dossier's short lists (delegations received, colloquia, news): the
    item's title, its date and, when ``detail`` names one, another of its fields."""

    item: object
    date: datetime.date
    detail: str = ""

    @property
    def detail_text(self):
        return getattr(self.item, self.detail)


def dated_rows(items, *, date, detail=""):
    """A DatedRow for each item, its date read from the field named ``date``."""
    return [DatedRow(item, getattr(item, date), detail) for item in items]


def group_bureaux(groups):
    """[(group, today's bureau, past bureaux)] from groups loaded with for_detail(), by the
    group page's own rules (groups.bureaux)."""
    result = []
    for group in groups:
        _members, bureau, past = bureaux(group)
        result.append((group, bureau, past))
    return result


def missions_with_delegations(missions):
    """The latest published missions, with their group only if public (``public_group``)."""
    return list(missions.published().for_detail().order_by("-start_date")[:LIMIT])


def agreement_sources(agreements):
    """Distinct (label, url) of the agreements' sources, in order of first appearance."""
    seen = {}
    for a in agreements:
        if a.source_url and a.source_url not in seen:
            seen[a.source_url] = a.source_label or a.source_url
    return [(label, url) for url, label in seen.items()]


def country_dossier(country):
    """Everything the country dossier shows (about 16 queries, whatever the data)."""
    groups = group_bureaux(
        FriendshipGroup.objects.active().filter(countries=country).for_detail().order_by("name")
    )
    agreements = Agreement.objects.published().for_country(country)
    agreement_list = list(agreements.for_list().order_by("-signed_on", "slug")[:50])
    return {
        "subject": country,
        "country": country,
        "groups": groups,
        "missions": missions_with_delegations(Mission.objects.filter(countries=country)),
        "receptions": dated_rows(
            Reception.objects.published()
            .filter(country=country)
            .select_related("group")
            .order_by("-date")[:LIMIT],
            date="date",
            detail="head_of_delegation",
        ),
        "reports": list(
            Report.objects.published()
            .filter(countries=country)
            .only("slug", "number", "title", "summary", "publication_date", "kind")
            .order_by("-publication_date")[:LIMIT]
        ),
        "colloquia": dated_rows(
            Colloquium.objects.published()
            .upcoming()
            .filter(countries=country)
            .order_by("start_at")[:LIMIT],
            date="start_at",
            detail="venue",
        ),
        "agreement_counts": agreements.count_by_kind(),
        "agreements": agreement_list,
        "news": dated_rows(
            NewsItem.objects.published().filter(countries=country).order_by("-date")[:LIMIT],
            date="date",
        ),
        "sources": agreement_sources(agreement_list),
        "timeline": timeline.entries(timeline.timeline(country)[:SUMMARY_ENTRIES]),
        "produced_on": timezone.localdate(),
    }


def group_dossier(group):
    """Everything the group dossier shows (about 16 queries, whatever the data)."""
    countries = list(group.countries.all())
    agreements = Agreement.objects.published().filter(
        pk__in=Agreement.objects.filter(foreign_authorities__country__in=countries).values("pk")
    )
    agreement_list = list(agreements.for_list().order_by("-signed_on", "slug")[:50])
    members, _bureau, _past = bureaux(group)
    return {
        "subject": group,
        "group": group,
        "countries": countries,
        "groups": group_bureaux([group]),
        # Today's political groups: not those of a dissolved group's last members.
        "makeup": group_makeup(members, colours()) if members and not group.is_dissolved else [],
        "missions": missions_with_delegations(group.missions),
        "receptions": dated_rows(
            group.receptions.published().select_related("country").order_by("-date")[:LIMIT],
            date="date",
            detail="head_of_delegation",
        ),
        "reports": list(
            group.reports.published()
            .only("slug", "number", "title", "summary", "publication_date", "kind", "group")
            .order_by("-publication_date")[:LIMIT]
        ),
        "colloquia": dated_rows(
            group.colloquia.published().upcoming().order_by("start_at")[:LIMIT],
            date="start_at",
            detail="venue",
        ),
        "agreement_counts": agreements.count_by_kind(),
        "agreements": agreement_list,
        "news": dated_rows(group.news.published().order_by("-date")[:LIMIT], date="date"),
        "sources": agreement_sources(agreement_list),
        "timeline": timeline.entries(timeline.timeline(group)[:SUMMARY_ENTRIES]),
        "produced_on": timezone.localdate(),
    }


def stylesheet_path():
    # The source file (finders) in development and tests, the collected one otherwise.
    found = finders.find("css/dossier-print.css")
    return Path(found) if found else Path(settings.STATIC_ROOT) / "css/dossier-print.css"


def no_fetch(url, *args, **kwargs):
    """WeasyPrint's URL fetcher: nothing from the network or the disk (an image in a
    description must not make the server fetch a URL); data: URIs only."""
    if url.startswith("data:"):
        import weasyprint

        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"not fetched: {url[:80]}")


def render_pdf(html, base_url):
    """The PDF of ``html``: from the cache, else rendered by WeasyPrint (and cached)."""
    key = "dossier-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        import weasyprint  # loads Pango; only the PDF views need it

        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=no_fetch)
        stylesheet = weasyprint.CSS(filename=str(stylesheet_path()))
        pdf = document.write_pdf(stylesheets=[stylesheet])
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
