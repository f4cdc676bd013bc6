"""What the back office's home page shows: what needs doing, in a fixed number of queries.

Each block reads the content apps through their own QuerySet methods (``published()``,
the admin's ``missing_english_q()``), one query per model whatever the number of rows.
"""

import datetime

from django.contrib.admin.models import LogEntry
from django.db.models import Count
from django.db.models import Q
from django.db.models import Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import Declaration
from core.admin import missing_english_q
from core.generation import for_generation
from core.models import Publishable
from core.models import published_q
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Senator
from groups.models import Zone
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Partner
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report
from sens.models import ImportRun

PUBLISHABLE_MODELS = [FriendshipGroup, Mission, Reception, Colloquium, Report, NewsItem]
# Always public (no draft state): every row counts as published.
REFERENCE_MODELS = [Zone, Country, Senator, Partner]
SCHEDULED_DAYS = 14
SOON_DAYS = 30
LATEST_CHANGES = 20
# What a coming mission or colloquium may still lack: (attribute left empty, label).
MISSION_NEEDS = [("programme_fr", _("programme")), ("delegation_size", _("delegation"))]
COLLOQUIUM_NEEDS = [("programme_fr", _("programme")), ("registration_url", _("registration link"))]


def entry(obj, **extra):
    """A row of a dashboard list: the record, its kind and its change form's URL."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return {"obj": obj, "kind": opts.verbose_name, "url": url, **extra}


def changelist_url(model, **params):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def content_counts():
    """Per model: published rows that still lack English, and drafts (one query a model,
    run once per content generation: core.generation.for_generation).

    Rows whose English is missing are counted among published ones by published_q(), the
    rule ``published()`` applies, in the same scan: through a subquery of ``published()``
    the table was read twice, 0.72 s of the dashboard's SQL at 100,000 reports against
    0.23–0.28 s in one scan (load average 9–16, 2026-12-06). Kept until the next edit
    (every save of these models and every staff POST bumps the generation), the
    dashboard went from 23 to 13 queries, 85 ms of CPU + 493 ms of SQL to 48 + 128, at
    100,000 reports (bench/cputime.py, load average 10, 2026-12-07).
    """
    counts = for_generation("backoffice:dashboard-counts", _count_rows)
    rows = []
    for model in PUBLISHABLE_MODELS:
        to_translate, drafts = counts[model._meta.label]
        rows.append(
            {
                "model": model,
                "name": model._meta.verbose_name_plural,
                "to_translate": to_translate,
                "translate_url": changelist_url(
                    model, status__exact="published", english="missing"
                ),
                "drafts": drafts,
                "drafts_url": changelist_url(model, status__exact="draft"),
            }
        )
    for model in REFERENCE_MODELS:
        rows.append(
            {
                "model": model,
                "name": model._meta.verbose_name_plural,
                "to_translate": counts[model._meta.label][0],
                "translate_url": changelist_url(model, english="missing"),
                "drafts": None,
            }
        )
    return rows


def _count_rows():
    """{model label: (published rows lacking English, drafts or None)}."""
    counts = {}
    for model in PUBLISHABLE_MODELS:
        found = model.objects.aggregate(
            to_translate=Count("pk", filter=published_q() & missing_english_q(model)),
            drafts=Count("pk", filter=Q(status=Publishable.Status.DRAFT)),
        )
        counts[model._meta.label] = (found["to_translate"], found["drafts"])
    for model in REFERENCE_MODELS:
        counts[model._meta.label] = (model.objects.filter(missing_english_q(model)).count(), None)
    return counts


# The fields ``str()`` reads, where they are not the title.
SHOWN_FIELDS = {FriendshipGroup: ("name",), Report: ("number", "title")}


def scheduled_publications(now=None, days=SCHEDULED_DAYS):
    """Rows set to « published » whose publication date falls in the next ``days`` days,
    soonest first (one query a model)."""
    now = now or timezone.now()
    items = []
    for model in PUBLISHABLE_MODELS:
        items += (
            model.objects.filter(
                status=Publishable.Status.PUBLISHED,
                published_at__gt=now,
                published_at__lte=now + datetime.timedelta(days=days),
            )
            # Only what the list shows (``str(obj)``): a report's text and search vectors
            # are heavy.
            .only("published_at", *SHOWN_FIELDS.get(model, ("title",)))
            .order_by("published_at")[:LATEST_CHANGES]
        )
    items.sort(key=lambda obj: obj.published_at)
    return [entry(obj, date=obj.published_at) for obj in items]


def _lacking(obj, needs):
    """The labels of the (attribute, label) ``needs`` whose attribute ``obj`` leaves empty."""
    return [label for attribute, label in needs if not getattr(obj, attribute)]


def coming_soon(today=None, days=SOON_DAYS):
    """Missions and colloquia of the next ``days`` days, each with what it still lacks
    (2 queries)."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=days)
    events = []
    missions = (
        Mission.objects.filter(start_date__gte=today, start_date__lte=until)
        .select_related("group")
        .annotate(delegation_size=Count("delegation"))
        .order_by("start_date")
    )
    for mission in missions:
        lacks = _lacking(mission, MISSION_NEEDS)
        events.append(entry(mission, date=mission.start_date, lacks=lacks))
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(until, datetime.time.max))
    colloquia = Colloquium.objects.filter(start_at__gte=start, start_at__lte=end).order_by(
        "start_at"
    )
    for colloquium in colloquia:
        lacks = _lacking(colloquium, COLLOQUIUM_NEEDS)
        events.append(entry(colloquium, date=timezone.localdate(colloquium.start_at), lacks=lacks))
    return sorted(events, key=lambda e: e["date"])


def latest_changes(limit=LATEST_CHANGES):
    """The last changes by any staff member, from the admin's history (one query)."""
    return list(
        LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[:limit]
    )


def last_import():
    """The last run of the Senate's data import, dry runs left out (one query), or None.

    Its figures summed over the tables and the links to its page and to the list of runs.
    """
    run = ImportRun.objects.latest_for_dashboard()
    if run is None:
        return None
    return {
        "run": run,
        "totals": run.totals(),
        "url": reverse("admin:sens_importrun_change", args=[run.pk]),
        "list_url": changelist_url(ImportRun),
    }


TO_VALIDATE_SHOWN = 10


def to_validate(limit=TO_VALIDATE_SHOWN):
    """Declarations confirmed by their declarant and awaiting DRIP's decision: the number
    and the oldest first (one query: the count is a window over the same rows)."""
    rows = list(
        Declaration.objects.to_validate()
        .select_related("authority")
        .annotate(total=Window(Count("pk")))
        .order_by("confirmed_at")[:limit]
    )
    return {
        "count": rows[0].total if rows else 0,
        "items": [entry(d, date=d.confirmed_at) for d in rows],
        "url": changelist_url(Declaration, status__exact=Declaration.Status.CONFIRMED),
    }


def dashboard_context():
    now = timezone.now()
    return {
        "content_counts": content_counts(),
        "to_validate": to_validate(),
        "scheduled": scheduled_publications(now),
        "scheduled_days": SCHEDULED_DAYS,
        "coming_soon": coming_soon(timezone.localdate(now)),
        "soon_days": SOON_DAYS,
        "latest_changes": latest_changes(),
        "last_import": last_import(),
        "import_list_url": changelist_url(ImportRun),
    }
