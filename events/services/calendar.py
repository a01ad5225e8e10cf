"""What a participant's calendar file says, kept in step with the schedule as it is served.

A calendar program that imported an agenda keeps each meeting (by its UID) until the file says
otherwise, and takes a change only with a higher SEQUENCE. So every pair a participant's file
ever held keeps a ``CalendarEntry``: the meeting's current place and time, or cancelled once the
meeting is cancelled or gone (dropped by a re-run of the scheduler); and whatever changes since
it was last served, a move by an official after publication included, gets SEQUENCE + 1.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import CalendarEntry, Event, Meeting, Registration
from events.selectors import meetings_of

FIELDS = ("starts_at", "ends_at", "table_label", "meeting_link", "cancelled", "sequence")


def _place(meeting: Meeting) -> dict:
    return {
        "starts_at": meeting.slot.starts_at,
        "ends_at": meeting.slot.ends_at,
        "table_label": meeting.table.label,
        "meeting_link": meeting.table.meeting_link if meeting.table.is_virtual else "",
    }


@transaction.atomic
def calendar_entries_sync(*, registration: Registration) -> list[CalendarEntry]:
    """The participant's calendar entries, brought up to date with its meetings now, in time
    order. Call it when the file is served while the agendas are published.

    A pair served for the first time starts at the event's publication count. Serialised per
    event (its row is locked), so two files served at once agree on each pair's SEQUENCE.
    Side effects: creates and updates the participant's ``CalendarEntry`` rows.
    """
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    now = timezone.now()
    entries = {
        (entry.registration_a_id, entry.registration_b_id): entry
        for entry in CalendarEntry.objects.filter(
            Q(registration_a=registration) | Q(registration_b=registration), event=event
        ).select_related("registration_a__organization", "registration_b__organization")
    }
    current: dict[tuple[int, int], Meeting] = {}
    for meeting in meetings_of(registration):
        low, high = sorted((meeting.registration_a, meeting.registration_b), key=lambda r: r.pk)
        current.setdefault((low.pk, high.pk), meeting)
    new, changed = [], []
    for pair, meeting in current.items():
        place, entry = _place(meeting), entries.get(pair)
        if entry is None:
            low, high = sorted((meeting.registration_a, meeting.registration_b), key=lambda r: r.pk)
            entries[pair] = entry = CalendarEntry(
                event=event, registration_a=low, registration_b=high,
                sequence=event.schedule_version, changed_at=now, **place,
            )  # fmt: skip
            new.append(entry)
        elif entry.cancelled or any(getattr(entry, k) != v for k, v in place.items()):
            for name, value in place.items():
                setattr(entry, name, value)
            entry.cancelled, entry.sequence, entry.changed_at = False, entry.sequence + 1, now
            changed.append(entry)
    for pair, entry in entries.items():
        if pair not in current and not entry.cancelled:
            entry.cancelled, entry.sequence, entry.changed_at = True, entry.sequence + 1, now
            changed.append(entry)
    # A file served at the same moment on SQLite (no row lock) may have created the pair.
    CalendarEntry.objects.bulk_create(new, ignore_conflicts=True)
    CalendarEntry.objects.bulk_update(changed, [*FIELDS, "changed_at"])
    return sorted(
        entries.values(), key=lambda e: (e.starts_at, e.registration_a_id, e.registration_b_id)
    )


def calendar_entries_preview(*, registration: Registration) -> list[CalendarEntry]:
    """The entries the file would hold from the meetings now, stored nowhere: for officials
    looking at an agenda before it is published."""
    event = registration.event
    entries = []
    for meeting in meetings_of(registration):
        low, high = sorted((meeting.registration_a, meeting.registration_b), key=lambda r: r.pk)
        entries.append(
            CalendarEntry(
                event=event,
                registration_a=low,
                registration_b=high,
                sequence=event.schedule_version,
                changed_at=timezone.now(),
                **_place(meeting),
            )
        )
    return entries
