"""iCalendar (RFC 5545) files: the missions' and colloquia's calendars, the agenda's and a
timeline's coming entries share their header, their events' UIDs and their response."""

from django.http import HttpResponse
from icalendar import Calendar


def new_calendar(name):
    """An empty calendar named ``name`` (what a calendar application shows)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sénat//Groupes interparlementaires d'amitié//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def event_uid(kind, pk):
    """A row's event UID, the same in every calendar that lists it (a mission in the
    missions' calendar, the agenda and a timeline), so an application subscribed to two
    shows it once."""
    return f"{kind}-{pk}@senat-groupes-amitie"


def ical_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
