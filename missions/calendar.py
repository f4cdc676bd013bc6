"""iCalendar (RFC 5545) feeds of colloquia and missions, for calendar applications.

Served at /fr/colloques/ical/, /en/colloquia/ical/ and /fr/missions/ical/,
/en/missions/ical/; the language prefix chooses the language of the texts.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from core.calendar import event_uid
from core.calendar import ical_response
from core.calendar import new_calendar

from .models import Colloquium
from .models import Mission

# A calendar subscription wants what is coming and the recent past, not 30 years.
PAST_DAYS = 365
MAX_EVENTS = 500


def _calendar(name):
    calendar = new_calendar(name)
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _event(kind, item, request):
    """An event with what colloquia and missions share: identifier, title, stamp, link."""
    event = Event()
    event.add("uid", event_uid(kind, item.pk))
    event.add("summary", item.title)
    event.add("dtstamp", item.updated_at)
    event.add("url", request.build_absolute_uri(item.get_absolute_url()))
    return event


def colloquium_ical(request):
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    colloquia = (
        Colloquium.objects.published().filter(end_at__gte=since).order_by("start_at")[:MAX_EVENTS]
    )
    calendar = _calendar(_("Senate friendship groups: colloquia"))
    for colloquium in colloquia:
        event = _event("colloquium", colloquium, request)
        event.add("dtstart", colloquium.start_at)
        event.add("dtend", colloquium.end_at)
        event.add("location", colloquium.venue)
        if colloquium.summary:
            event.add("description", colloquium.summary)
        calendar.add_component(event)
    return ical_response(calendar, "colloquia.ics")


def mission_ical(request):
    since = timezone.localdate() - datetime.timedelta(days=PAST_DAYS)
    missions = (
        Mission.objects.published()
        .filter(end_date__gte=since)
        .with_public("group")
        .prefetch_related("countries")
        .order_by("start_date")[:MAX_EVENTS]
    )
    calendar = _calendar(_("Senate friendship groups: missions"))
    for mission in missions:
        event = _event("mission", mission, request)
        # All-day event: DTEND is the day after the last day (RFC 5545, 3.6.1).
        event.add("dtstart", mission.start_date)
        event.add("dtend", mission.end_date + datetime.timedelta(days=1))
        event.add("location", ", ".join(country.name for country in mission.countries.all()))
        group = mission.public_group  # a draft group's name stays private
        event.add("description", f"{group.name if group else ''}\n{mission.purpose}".strip())
        calendar.add_component(event)
    return ical_response(calendar, "missions.ics")
