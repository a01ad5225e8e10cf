"""Write actions on events (set-up; the full event flow grows here)."""

from __future__ import annotations

from django.db import transaction

from events.models import Event, Slot
from events.slots import slot_windows


@transaction.atomic
def event_generate_slots(*, event: Event) -> list[Slot]:
    """Create the slots of every session of the event that do not exist yet; return all slots."""
    existing = set(event.slots.values_list("starts_at", flat=True))
    new = []
    for session in event.sessions.all():
        for starts_at, ends_at in slot_windows(
            day=session.date,
            start=session.start,
            end=session.end,
            meeting_minutes=event.meeting_minutes,
            break_minutes=event.break_minutes,
            tz=event.timezone,
        ):
            if starts_at not in existing:
                new.append(Slot(event=event, session=session, starts_at=starts_at, ends_at=ends_at))
    Slot.objects.bulk_create(new)
    return list(event.slots.order_by("starts_at"))
