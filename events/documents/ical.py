"""A participant's agenda as an iCalendar file.

Each meeting's UID comes from the event and the *unordered pair* of registrations — never from
the meeting row, which a scheduler re-run replaces — so a calendar program that imported the
agenda updates the meeting when the schedule is published again instead of adding a second
one. What each entry says, and its SEQUENCE, come from ``events.services.calendar``: a meeting
cancelled or dropped stays in the file as cancelled, and every change raises its SEQUENCE, so
the newer version wins.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import CalendarEntry, Event, Registration


def meeting_uid(event: Event, registration_a_id: int, registration_b_id: int) -> str:
    low, high = sorted((registration_a_id, registration_b_id))
    domain = urlsplit(settings.SITE_URL).hostname or "techconnect"
    return f"event-{event.pk}-pair-{low}-{high}@{domain}"


def agenda_calendar(
    *, event: Event, registration: Registration, entries: list[CalendarEntry]
) -> bytes:
    """The file: one VEVENT per entry, cancelled ones with STATUS:CANCELLED."""
    zone = ZoneInfo(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//TechConnect//Meeting agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname", f"{event.display_title} · {registration.organization.display_name}"
    )
    calendar.add("x-wr-timezone", event.timezone)
    for entry in entries:
        other = (
            entry.registration_b
            if entry.registration_a_id == registration.pk
            else entry.registration_a
        )
        item = CalendarEvent()
        item.add("uid", meeting_uid(event, entry.registration_a_id, entry.registration_b_id))
        item.add("sequence", entry.sequence)
        item.add("dtstamp", entry.changed_at)
        item.add("dtstart", entry.starts_at.astimezone(zone))
        item.add("dtend", entry.ends_at.astimezone(zone))
        item.add("summary", _("B2B meeting: %(org)s") % {"org": other.organization.display_name})
        where = [entry.table_label]
        if event.venue:
            where.append(event.venue)
        item.add("location", " · ".join(where))
        if entry.meeting_link:
            item.add("url", entry.meeting_link)
        item.add(
            "description",
            _("%(event)s — table %(table)s.")
            % {"event": event.display_title, "table": entry.table_label},
        )
        item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
