"""core.calendar: the iCalendar files' shared header, event UIDs and response."""

import icalendar

from core.calendar import event_uid
from core.calendar import ical_response
from core.calendar import new_calendar


def test_an_event_has_the_same_uid_in_every_calendar():
    assert event_uid("mission", 7) == "mission-7@senat-groupes-amitie"
    assert event_uid("mission", 7) != event_uid("colloquium", 7)


def test_the_response_is_a_named_calendar_never_sniffed():
    calendar = new_calendar("Agenda")
    event = icalendar.Event()
    event.add("uid", event_uid("mission", 1))
    calendar.add_component(event)
    response = ical_response(calendar, "agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="agenda.ics"'
    assert response["X-Content-Type-Options"] == "nosniff"
    parsed = icalendar.Calendar.from_ical(response.content)
    assert str(parsed["x-wr-calname"]) == "Agenda"
    assert str(parsed["version"]) == "2.0"
    assert [str(e["uid"]) for e in parsed.walk("VEVENT")] == ["mission-1@senat-groupes-amitie"]
