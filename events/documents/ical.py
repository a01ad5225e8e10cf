"""A participant's agenda as an iCalendar file.

Each meeting's UID comes from the event and the *unordered pair* of registrations — never from
the meeting row, which a scheduler re-run replaces — so a calendar program that imported the
agenda updates the meeting when the schedule is published again instead of adding a second
one. SEQUENCE is the event's publication count (``Event.schedule_version``), so the newer
version wins.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Event, Meeting, Registration


def meeting_uid(event: Event, registration_a_id: int, registration_b_id: int) -> str:
    low, high = sorted((registration_a_id, registration_b_id))
    domain = urlsplit(settings.SITE_URL).hostname or "techconnect"
    return f"event-{event.pk}-pair-{low}-{high}@{domain}"


def agenda_calendar(*, event: Event, registration: Registration, meetings: list[Meeting]) -> bytes:
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
    stamp = event.schedule_published_at or timezone.now()
    for meeting in meetings:
        other = (
            meeting.registration_b
            if meeting.registration_a_id == registration.pk
            else meeting.registration_a
        )
        item = CalendarEvent()
        item.add("uid", meeting_uid(event, meeting.registration_a_id, meeting.registration_b_id))
        item.add("sequence", event.schedule_version)
        item.add("dtstamp", stamp)
        item.add("dtstart", meeting.slot.starts_at.astimezone(zone))
        item.add("dtend", meeting.slot.ends_at.astimezone(zone))
        item.add("summary", _("B2B meeting: %(org)s") % {"org": other.organization.display_name})
        where = [meeting.table.label]
        if event.venue:
            where.append(event.venue)
        item.add("location", " · ".join(where))
        if meeting.table.is_virtual and meeting.table.meeting_link:
            item.add("url", meeting.table.meeting_link)
        item.add(
            "description",
            _("%(event)s — table %(table)s.")
            % {"event": event.display_title, "table": meeting.table.label},
        )
        item.add("status", "CONFIRMED")
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
