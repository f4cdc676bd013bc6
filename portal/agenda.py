"""One agenda: the missions, receptions and colloquia of the published groups, by date.

It joins the missions app's three kinds of event, each read through its QuerySet's
``published()``; the page, its iCal file, and the iCal files of a group or a country (the
same URL with ``?group=`` or ``?country=``) all come from ``agenda_events()``.
"""

import datetime
from dataclasses import dataclass
from dataclasses import field

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import menu_field
from groups.filters import countries
from groups.filters import published_groups
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception

# Past events are many (every mission since 1995): the page shows the latest ones.
MAX_PAST_EVENTS = 100


@dataclass
class Event:
    kind: str  # mission, reception, colloquium
    item: object  # the row, for its title and its translations
    start: datetime.date
    end: datetime.date
    url: str = ""  # a reception has no page of its own: its group's
    group: object = None  # the public group, or None
    places: list = field(default_factory=list)  # country names

    @property
    def month(self):
        return self.start.replace(day=1)


class AgendaForm(forms.Form):
    group = menu_field(_("Group"), "slug", _("All groups"))
    country = menu_field(_("Country"), "code", _("All countries"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Built during the request, in its language (modeltranslation's order_by).
        self.fields["group"].queryset = published_groups(request)
        self.fields["country"].queryset = countries(request)

    def choices(self):
        """(group, country) chosen; None for either when none or invalid (the form says so)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("group"), data.get("country")


def agenda_events(*, group=None, country=None, past=False):
    """The events to come (soonest first), or past ones (latest first, at most
    MAX_PAST_EVENTS), of ``group`` and in ``country`` when given. Five queries whatever
    the number of events: missions, their countries, receptions (+ group, country),
    colloquia, their countries."""
    today, now = timezone.localdate(), timezone.now()
    missions = Mission.objects.published().with_public("group").prefetch_related("countries")
    receptions = Reception.objects.published().with_public("group").select_related("country")
    colloquia = Colloquium.objects.published().prefetch_related("countries")
    if past:
        missions, receptions = (
            missions.filter(end_date__lt=today),
            receptions.filter(date__lt=today),
        )
        colloquia = colloquia.past()
        orders = ("-start_date", "-date", "-start_at")
    else:
        missions = missions.filter(end_date__gte=today)
        receptions = receptions.filter(date__gte=today)
        colloquia = colloquia.filter(end_at__gte=now)
        orders = ("start_date", "date", "start_at")
    if group:
        missions, receptions = missions.filter(group=group), receptions.filter(group=group)
        colloquia = colloquia.filter(groups=group)
    if country:
        missions = missions.filter(countries=country)
        receptions = receptions.filter(country=country)
        colloquia = colloquia.filter(countries=country)
    limit = MAX_PAST_EVENTS if past else None
    events = [
        Event(
            "mission", m, m.start_date, m.end_date, m.get_absolute_url(), m.public_group,
            [c.name for c in m.countries.all()],
        )
        for m in missions.distinct().order_by(orders[0], "pk")[:limit]
    ] + [
        Event(
            "reception", r, r.date, r.date,
            r.public_group.get_absolute_url() if r.public_group else "", r.public_group,
            [r.country.name],
        )
        for r in receptions.order_by(orders[1], "pk")[:limit]
    ] + [
        Event(
            "colloquium", c, timezone.localdate(c.start_at), timezone.localdate(c.end_at),
            c.get_absolute_url(), None, [country.name for country in c.countries.all()],
        )
        for c in colloquia.distinct().order_by(orders[2], "pk")[:limit]
    ]  # fmt: skip
    events.sort(key=lambda event: (event.start, event.kind), reverse=past)
    return events[:limit]
