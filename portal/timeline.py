"""A country's or a group's relations with the Senate on one line: groups created and
dissolved, bureaux elected, missions, delegations received, colloquia, reports and the
local authorities' cooperation agreements, newest first.

The line joins every app, so it lives at the top. Each kind of entry is one query of its
own app's rows, through that app's ``published()`` (groups: ``published()``, bureaux:
``MembershipQuerySet.bureau_terms()``, agreements: ``for_country()``), shaped into the
same columns; the kinds are joined in SQL (UNION ALL), so the database sorts, counts and
pages the whole line: a country with two thousand twinnings costs what a small one does.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.syndication.views import Feed
from django.db import models
from django.db.models import Case
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import Value
from django.db.models import When
from django.db.models.functions import Coalesce
from django.db.models.functions import Concat
from django.db.models.functions import ExtractYear
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from icalendar import Event
from modeltranslation.manager import MultilingualQuerySet

from cooperation.models import Agreement
from cooperation.models import ForeignAuthority
from cooperation.models import LocalAuthority
from core.calendar import event_uid
from core.calendar import ical_response
from core.calendar import new_calendar
from core.feeds import TextAtom
from core.i18n import translated
from core.links import reverse_with
from core.models import published_q
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import Report

# What a reader may filter on: (value in the URL, label). The same values in both languages.
KINDS = [
    ("group", _("Groups created or dissolved")),
    ("bureau", _("Bureaux elected")),
    ("mission", _("Missions")),
    ("reception", _("Delegations received")),
    ("colloquium", _("Colloquia")),
    ("report", _("Reports")),
    ("agreement", _("Cooperation agreements")),
]
# The entries filtered by another kind than their own: a group's creation and dissolution.
ENTRY_KINDS = {"created": "group", "dissolved": "group"}
# Each entry's own label; a colloquium, a report or an agreement says its kind instead.
EVENT_LABELS = {
    "created": _("Group created"),
    "dissolved": _("Group dissolved"),
    "bureau": _("Bureau elected"),
    "mission": _("Mission"),
    "reception": _("Delegation received"),
}
SUBKIND_LABELS = {
    "colloquium": dict(Colloquium.Kind.choices),
    "report": dict(Report.Kind.choices),
    "agreement": dict(Agreement.Kind.choices),
}
# Where an entry links: (URL name, keyword); created, dissolved, bureaux and receptions
# lead to their group's page.
PAGES = {
    "created": "portal:group-detail",
    "dissolved": "portal:group-detail",
    "bureau": "portal:group-detail",
    "reception": "portal:group-detail",
    "mission": "portal:mission-detail",
    "colloquium": "portal:colloquium-detail",
    "report": "reports:detail",
    "agreement": "cooperation:detail",
}
COLUMNS = (
    "t_kind",
    "t_day",
    "t_last_day",
    "t_title",
    "t_title_fr",
    "t_slug",
    "t_detail",
    "t_subkind",
    "t_precision",
    "t_stamp",
    "t_id",
)
PER_PAGE = 100
LATEST = 8  # on the country and group pages


@dataclass(frozen=True)
class Entry:
    """One line of the timeline (a row of ``COLUMNS``). ``title_fr``: the title is the
    French one, the page's language having none (the page marks it lang="fr")."""

    kind: str
    day: datetime.date
    last_day: datetime.date
    title: str
    title_fr: bool
    slug: str | None
    detail: str
    subkind: str
    precision: str
    stamp: datetime.datetime | None
    id: int

    @property
    def label(self):
        labels = SUBKIND_LABELS.get(self.kind)
        if labels is not None:
            return labels.get(self.subkind, self.subkind)
        return EVENT_LABELS[self.kind]

    @property
    def url(self):
        if not self.slug:
            return ""
        return reverse_with(PAGES[self.kind], "slug", self.slug)

    @property
    def date_format(self):
        """No more precise than known (an agreement may be dated by its year only)."""
        return {"month": "YEAR_MONTH_FORMAT", "year": "Y"}.get(self.precision, "DATE_FORMAT")

    @property
    def summary(self):
        """« Mission: Mission to Santiago », for feeds and calendars."""
        return gettext("%(kind)s: %(title)s") % {"kind": self.label, "title": self.title}

    @property
    def uid(self):
        """The same UID as the missions' and colloquia's own calendars (missions/calendar.py)."""
        return event_uid(self.kind, self.id)


# Where an entry leads and when it last changed, unless _shape() is told otherwise.
OWN_SLUG = F("slug")
LAST_CHANGE = F("updated_at")


def _text(value=""):
    return Value(value, output_field=models.TextField())


def _is_french(field):
    """True when ``field`` (``translated()``'s) is shown in French on a page in English."""
    if (get_language() or "fr").split("-")[0] == "fr":
        return Value(False)
    prefix, _sep, name = field.rpartition("__")
    own = f"{prefix}{_sep}{name}_{get_language().split('-')[0]}"
    return Case(When(Q(**{own: ""}) | Q(**{f"{own}__isnull": True}), then=True), default=False)


def _shape(rows, kind, day, title, *, last_day=None, slug=OWN_SLUG, detail=None, subkind=None,
           precision=None, stamp=LAST_CHANGE):  # fmt: skip
    """``rows`` as the timeline's columns (``COLUMNS``). ``title``: a translated field's
    name, or an expression (never marked French); the others: expressions, None for none
    (the row's own slug and last change unless told)."""
    if isinstance(title, str):
        title, title_fr = translated(title), _is_french(title)
    else:
        title_fr = Value(False)
    if isinstance(rows, MultilingualQuerySet):
        # A plain QuerySet from here: modeltranslation's values_list() selects the columns
        # in an order of its own, and a UNION matches columns by position. The expressions
        # name the _fr/_en fields themselves (core.i18n.translated): nothing to rewrite.
        rows = models.QuerySet(model=rows.model, query=rows.query.chain())
    return (
        rows.order_by()
        .annotate(
            t_kind=_text(kind),
            t_day=day,
            t_last_day=last_day if last_day is not None else day,
            t_title=title,
            t_title_fr=title_fr,
            t_slug=slug if slug is not None else Value(None, output_field=models.TextField()),
            t_detail=detail if detail is not None else _text(),
            t_subkind=subkind if subkind is not None else _text(),
            t_precision=precision if precision is not None else _text("day"),
            t_stamp=stamp
            if stamp is not None
            else Value(None, output_field=models.DateTimeField()),
            t_id=F("pk"),
        )
        .values_list(*COLUMNS)
    )


def _agreement_title():
    """« Rennes – Erlangen »: both sides' authorities, as ``Agreement.title`` reads."""

    def names(model, name):
        return Subquery(
            model.objects.filter(agreements=OuterRef("pk"))
            .order_by()
            .values("agreements")
            .annotate(names=StringAgg(name, ", ", order_by=name))
            .values("names")
        )

    return Concat(
        Coalesce(names(LocalAuthority, "name"), _text()),
        _text(" – "),
        Coalesce(names(ForeignAuthority, translated("name")), _text()),
        output_field=models.TextField(),
    )


def _public_group_slug():
    """The row's group's slug when the public may see the group (``published_q``)."""
    return Case(When(published_q("group__"), then=F("group__slug")), default=None)


def related(subject):
    """The one definition of what concerns a country or a group: {name: queryset} of its
    groups, missions, receptions, colloquia, reports and agreements, drafts included
    (callers apply ``published()``; the groups of a country are already the published
    ones). ``subject``: a Country or a published group. The timeline and the comparison
    (portal/compare.py) read them."""
    if isinstance(subject, Country):
        return {
            "groups": FriendshipGroup.objects.published().filter(countries=subject),
            "missions": Mission.objects.filter(countries=subject),
            "receptions": Reception.objects.filter(country=subject),
            "colloquia": Colloquium.objects.filter(countries=subject),
            "reports": Report.objects.filter(countries=subject),
            "agreements": Agreement.objects.for_country(subject),
        }
    return {
        "groups": FriendshipGroup.objects.filter(pk=subject.pk),
        "missions": Mission.objects.filter(group=subject),
        "receptions": Reception.objects.filter(group=subject),
        "colloquia": Colloquium.objects.filter(groups=subject),
        "reports": Report.objects.filter(group=subject),
        "agreements": Agreement.objects.filter(
            pk__in=Agreement.objects.filter(
                foreign_authorities__country__in=subject.countries.all()
            ).values("pk")
        ),
    }


def branches(subject, kinds):
    """{kind: rows} of the subject's published entries of these ``kinds`` (``KINDS``
    values), each shaped as ``COLUMNS``. ``subject``: a Country or a published group."""
    rows = related(subject)
    groups = rows["groups"]
    missions, receptions, colloquia, reports, agreements = (
        rows[name].published()
        for name in ("missions", "receptions", "colloquia", "reports", "agreements")
    )
    bureaux = Membership.objects.filter(group__in=groups).bureau_terms()
    group_name = Case(When(published_q("group__"), then=translated("group__name")), default=_text())
    # Each kind of entry: its rows, first day and title, and what else _shape() is told (a
    # bureau's term has no change date of its own); shown when its KINDS value (itself, or
    # its ENTRY_KINDS) is asked for.
    table = {
        "created": (groups.filter(created_on__isnull=False), F("created_on"), "name", {}),
        "dissolved": (groups.filter(dissolved_on__isnull=False), F("dissolved_on"), "name", {}),
        "bureau": (
            bureaux,
            F("start_date"),
            "group__name",
            dict(slug=F("group__slug"), stamp=None),
        ),
        "mission": (
            missions,
            F("start_date"),
            "title",
            dict(last_day=F("end_date"), detail=group_name),
        ),
        "reception": (
            receptions,
            F("date"),
            "title",
            dict(slug=_public_group_slug(), detail=translated("head_of_delegation")),
        ),
        "colloquium": (
            colloquia,
            TruncDate("start_at"),
            "title",
            dict(last_day=TruncDate("end_at"), detail=translated("venue"), subkind=F("kind")),
        ),
        "report": (
            reports,
            F("publication_date"),
            "title",
            dict(detail=F("number"), subkind=F("kind")),
        ),
        "agreement": (
            agreements,
            F("signed_on"),
            _agreement_title(),
            dict(subkind=F("kind"), precision=F("signed_precision")),
        ),
    }
    return {
        kind: _shape(entries, kind, day, title, **options)
        for kind, (entries, day, title, options) in table.items()
        if ENTRY_KINDS.get(kind, kind) in kinds
    }


def _joined(parts, order):
    """The union of these shaped querysets (UNION ALL), in ``order``."""
    first, *rest = parts
    return (first.union(*rest, all=True) if rest else first).order_by(*order)


def timeline(subject, kinds=None, year=None):
    """The subject's published entries of these kinds (all by default), in one year if
    given, newest first: a queryset of ``COLUMNS`` rows, for a Paginator or a slice
    (1 query; ``entries()`` makes them Entry)."""
    parts = branches(subject, kinds or [value for value, _label in KINDS]).values()
    if year is not None:
        parts = [rows.filter(t_day__year=year) for rows in parts]
    return _joined(list(parts), ("-t_day", "t_kind", "-t_id"))


def entries(rows):
    return [Entry(*row) for row in rows]


def upcoming(subject, limit=100):
    """The subject's entries not over yet (their last day today or later), soonest first:
    the Atom feed's and the calendar's (1 query)."""
    today = timezone.localdate()
    parts = branches(subject, [value for value, _label in KINDS]).values()
    rows = _joined([p.filter(t_last_day__gte=today) for p in parts], ("t_day", "t_kind", "t_id"))
    return entries(rows[:limit])


def years(subject):
    """The years with at least one entry, newest first (1 query): the year menu."""
    parts = [
        rows.annotate(t_year=ExtractYear("t_day")).values_list("t_year", flat=True)
        for rows in branches(subject, [value for value, _label in KINDS]).values()
    ]
    first, *rest = parts
    return list(first.union(*rest).order_by("-t_year"))


class TimelineForm(forms.Form):
    """The filters of the timeline page: kinds (any number; none = all) and one year."""

    kind = forms.MultipleChoiceField(
        label=_("Show"), choices=KINDS, required=False, widget=forms.CheckboxSelectMultiple
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]

    def filters(self):
        """(kinds, year), or None when a value is invalid: then the page lists nothing
        and shows the error, as every list does (core.filters.ListFilterSet), never a
        line that looks filtered."""
        if not self.is_valid():
            return None
        return self.cleaned_data["kind"] or None, self.cleaned_data["year"]


# --- The future entries, as an Atom feed and a calendar ---------------------------------


class UpcomingFeed(Feed):
    """The subject's entries not over yet, in Atom (``upcoming()``). Titles and summaries
    are plain text (core.feeds.TextAtom)."""

    feed_type = TextAtom

    def get_object(self, request, code=None, slug=None):
        return timeline_subject(code=code, slug=slug)

    def title(self, obj):
        return _("Coming up with %(name)s") % {"name": obj.name}

    def subtitle(self, obj):
        return _("Missions, delegations, colloquia and other coming entries of the timeline.")

    def link(self, obj):
        return timeline_url(obj)

    def items(self, obj):
        self.subject_url = timeline_url(obj)
        return upcoming(obj)

    def item_title(self, item):
        return item.summary

    def item_description(self, item):
        return item.detail

    def item_link(self, item):
        return item.url or f"{self.subject_url}#{item.uid}"

    def item_guid(self, item):
        return item.uid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        day = datetime.datetime.combine(item.day, datetime.time())
        return item.stamp or timezone.make_aware(day)


def upcoming_ical(request, code=None, slug=None):
    """The subject's entries not over yet, as all-day events (RFC 5545)."""
    subject = timeline_subject(code=code, slug=slug)
    calendar = new_calendar(gettext("Coming up with %(name)s") % {"name": subject.name})
    page = request.build_absolute_uri(timeline_url(subject))
    for entry in upcoming(subject):
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        event.add("dtstamp", entry.stamp or timezone.now())
        # All-day: DTEND is the day after the last day (RFC 5545, 3.6.1).
        event.add("dtstart", entry.day)
        event.add("dtend", entry.last_day + datetime.timedelta(days=1))
        event.add("url", request.build_absolute_uri(entry.url) if entry.url else page)
        if entry.detail:
            event.add("description", entry.detail)
        calendar.add_component(event)
    return ical_response(calendar, "timeline.ics")


def timeline_subject(*, code=None, slug=None):
    """The country (by code) or the published group (by slug) of a timeline URL, or 404."""
    if code is not None:
        return get_object_or_404(Country, code=code.upper())
    return get_object_or_404(FriendshipGroup.objects.published(), slug=slug)


def timeline_url(subject):
    if isinstance(subject, Country):
        return reverse_with("portal:country-timeline", "code", subject.code.lower())
    return reverse_with("portal:group-timeline", "slug", subject.slug)
