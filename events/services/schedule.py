"""Officials' changes to a schedule (move, swap, cancel, add, lock) and its publication.

Every change locks the event row first (``select_for_update``): changes to one event's schedule
run one after the other, so the conflict checks read a schedule nobody else is changing, and of
two officials moving meetings into the same free place exactly one wins; the other gets the
conflict message. The database constraints stay behind the checks: an ``IntegrityError`` still
becomes a message. A meeting an official places or moves is locked, so a re-run keeps it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import audit
from events.models import (
    Event,
    InterpreterCapacity,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
    Table,
)
from events.services.notify import link, notify
from events.services.scheduling import live_run
from events.services.setup import event_transition, require_official

ACTIVE = ~Q(status=Meeting.Status.CANCELLED)
TAKEN = _("This place was taken a moment ago by another change: reload the schedule.")


def _lock_event(event_id: int) -> Event:
    event = Event.objects.select_for_update().get(pk=event_id)
    if not event.schedule_editable:
        raise ValidationError(
            _("The schedule can be changed once it is made and until the event starts.")
        )
    if live_run(event) is not None:
        raise ValidationError(_("The scheduler is working on this event: wait until it ends."))
    return event


def _time(slot: Slot, event: Event) -> str:
    return slot.starts_at.astimezone(ZoneInfo(event.timezone)).strftime("%d/%m %H:%M")


def conflicts(
    *,
    event: Event,
    slot: Slot,
    table: Table,
    a: Registration,
    b: Registration,
    ignore: set[int] = frozenset(),
) -> list[str]:
    """Why a meeting of ``a`` and ``b`` cannot be at ``table`` in ``slot`` (empty: it can),
    not counting the meetings in ``ignore`` (those being moved)."""
    when = _time(slot, event)
    reasons = []
    if slot.event_id != event.pk or table.event_id != event.pk:
        return [_("This slot or table belongs to another event.")]
    others = list(
        Meeting.objects.filter(ACTIVE, event=event, slot=slot)
        .exclude(pk__in=ignore)
        .select_related("table", "registration_a__organization", "registration_b__organization")
    )
    for other in others:
        if other.table_id == table.pk:
            reasons.append(
                _("Table %(table)s is taken at %(time)s (%(meeting)s).")
                % {"table": table.label, "time": when, "meeting": other}
            )
    for reg in (a, b):
        if reg.status != Registration.Status.APPROVED:
            reasons.append(_("%(org)s is not an approved participant.") % {"org": reg.organization})
        if any(reg.pk in (o.registration_a_id, o.registration_b_id) for o in others):
            reasons.append(
                _("%(org)s already has a meeting at %(time)s.")
                % {"org": reg.organization, "time": when}
            )
        if reg.unavailable_slots.filter(pk=slot.pk).exists():
            reasons.append(
                _("%(org)s is not available at %(time)s.") % {"org": reg.organization, "time": when}
            )
        own = Table.objects.filter(host=reg).first()
        if own is not None and own.pk != table.pk:
            reasons.append(
                _("%(org)s meets only at its own table %(table)s.")
                % {"org": reg.organization, "table": own.label}
            )
    if table.host_id and table.host_id not in (a.pk, b.pk):
        reasons.append(
            _("Table %(table)s is reserved for %(host)s.")
            % {"table": table.label, "host": table.host.organization}
        )
    needed = {a.interpreter_language, b.interpreter_language} - {"", table.interpreter_language}
    for language in sorted(needed):
        capacity = (
            InterpreterCapacity.objects.filter(event=event, language=language)
            .values_list("count", flat=True)
            .first()
            or 0
        )
        in_use = sum(1 for other in others if language in _pool_languages(other))
        if in_use + 1 > capacity:
            reasons.append(
                _("No %(language)s interpreter is free at %(time)s.")
                % {"language": language, "time": when}
            )
    return reasons


def _pool_languages(meeting: Meeting) -> set[str]:
    """Languages a meeting takes from the shared interpreters (its table may provide one)."""
    langs = {
        meeting.registration_a.interpreter_language,
        meeting.registration_b.interpreter_language,
    }
    return langs - {"", meeting.table.interpreter_language}


def _save(meeting: Meeting, **fields) -> None:
    try:
        with transaction.atomic():
            Meeting.objects.filter(pk=meeting.pk).update(**fields, updated_at=timezone.now())
    except IntegrityError as exc:
        raise ValidationError(TAKEN) from exc
    for name, value in fields.items():
        setattr(meeting, name, value)


def _locked_meeting(meeting: Meeting, event: Event) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("registration_a__organization", "registration_b__organization")
        .get(pk=meeting.pk, event=event)
    )
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."))
    return meeting


@transaction.atomic
def meeting_move(*, meeting: Meeting, slot: Slot, table: Table, official) -> Meeting:
    """Move a meeting to another slot and/or table (it becomes locked). Refused with the
    reasons when the place or a participant is taken, unavailable, or lacks an interpreter."""
    require_official(official)
    event = _lock_event(meeting.event_id)
    meeting = _locked_meeting(meeting, event)
    reasons = conflicts(
        event=event,
        slot=slot,
        table=table,
        a=meeting.registration_a,
        b=meeting.registration_b,
        ignore={meeting.pk},
    )
    if reasons:
        raise ValidationError(reasons)
    before = audit.snapshot(meeting, ("slot", "table", "status", "locked"))
    _save(meeting, slot=slot, table=table, locked=True)
    audit.record(
        actor=official,
        action="events.meeting_move",
        target=meeting,
        before=before,
        after=audit.snapshot(meeting, ("slot", "table", "status", "locked")),
    )
    return meeting


@transaction.atomic
def meeting_swap(*, meeting: Meeting, other: Meeting, official) -> tuple[Meeting, Meeting]:
    """Exchange the places (slot and table) of two meetings; both become locked."""
    require_official(official)
    event = _lock_event(meeting.event_id)
    first, second = _locked_meeting(meeting, event), _locked_meeting(other, event)
    if first.pk == second.pk:
        raise ValidationError(_("Choose another meeting to swap with."))
    slot1, table1, slot2, table2 = first.slot, first.table, second.slot, second.table
    reasons = conflicts(
        event=event, slot=slot2, table=table2, a=first.registration_a, b=first.registration_b,
        ignore={first.pk, second.pk},
    ) + conflicts(
        event=event, slot=slot1, table=table1, a=second.registration_a, b=second.registration_b,
        ignore={first.pk, second.pk},
    )  # fmt: skip
    if reasons:
        raise ValidationError(list(dict.fromkeys(reasons)))
    # The unique (slot, table) and one-meeting-per-slot rules ignore cancelled meetings: the
    # second meeting steps aside as "cancelled" for the length of the swap.
    status = second.status
    _save(second, status=Meeting.Status.CANCELLED)
    _save(first, slot=slot2, table=table2, locked=True)
    _save(second, slot=slot1, table=table1, status=status, locked=True)
    audit.record(
        actor=official,
        action="events.meeting_swap",
        target=first,
        before={
            "meeting": first.pk,
            "slot": slot1.pk,
            "table": table1.pk,
            "other": second.pk,
            "other_slot": slot2.pk,
            "other_table": table2.pk,
        },
        after={
            "meeting": first.pk,
            "slot": slot2.pk,
            "table": table2.pk,
            "other": second.pk,
            "other_slot": slot1.pk,
            "other_table": table1.pk,
        },
    )
    return first, second


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, official) -> Meeting:
    """Cancel a meeting: it leaves the agendas and frees its place. Not locked, so a re-run
    may place the pair again if they still asked for it."""
    require_official(official)
    event = _lock_event(meeting.event_id)
    meeting = _locked_meeting(meeting, event)
    audit.record(
        actor=official,
        action="events.meeting_cancel",
        target=meeting,
        before=audit.snapshot(meeting, ("status", "locked")),
        after={"status": Meeting.Status.CANCELLED, "locked": False},
    )
    _save(meeting, status=Meeting.Status.CANCELLED, locked=False)
    return meeting


@transaction.atomic
def meeting_lock(*, meeting: Meeting, official, locked: bool = True) -> Meeting:
    """Lock (a re-run keeps it as it is) or unlock (a re-run may move or drop it)."""
    require_official(official)
    event = _lock_event(meeting.event_id)
    meeting = _locked_meeting(meeting, event)
    audit.record(
        actor=official,
        action="events.meeting_lock",
        target=meeting,
        before={"locked": meeting.locked},
        after={"locked": locked},
    )
    _save(meeting, locked=locked)
    return meeting


def meeting_counts(event: Event, registrations, *, no_shows: bool = True) -> dict[int, int]:
    """How many meetings (not cancelled) each of these participants has; without the no-shows
    when ``no_shows`` is False (a meeting nobody came to is no meeting for the maximum)."""
    ids = [r.pk for r in registrations]
    counts = dict.fromkeys(ids, 0)
    meetings = Meeting.objects.filter(ACTIVE, event=event)
    if not no_shows:
        meetings = meetings.exclude(status=Meeting.Status.NO_SHOW)
    pairs = meetings.filter(Q(registration_a__in=ids) | Q(registration_b__in=ids)).values_list(
        "registration_a_id", "registration_b_id"
    )
    for a, b in pairs:
        for reg in (a, b):
            if reg in counts:
                counts[reg] += 1
    return counts


def above_maximum(event: Event, registrations) -> list[str]:
    """A warning for each of these participants that has more meetings than its maximum."""
    counts = meeting_counts(event, registrations)
    return [
        _("%(org)s now has %(count)d meetings, above its maximum of %(max)d.")
        % {"org": r.organization, "count": counts[r.pk], "max": r.meeting_limit}
        for r in registrations
        if counts[r.pk] > r.meeting_limit
    ]


def at_maximum(event: Event, registrations, *, no_shows: bool = True) -> list[str]:
    """Why each of these participants may get no further meeting: it has its maximum."""
    counts = meeting_counts(event, registrations, no_shows=no_shows)
    return [
        ngettext(
            "%(org)s already has %(count)d meeting, the most it may have: tick “Add beyond "
            "the maximum” to add this one anyway.",
            "%(org)s already has %(count)d meetings, the most it may have: tick “Add beyond "
            "the maximum” to add this one anyway.",
            counts[r.pk],
        )
        % {"org": r.organization, "count": counts[r.pk]}
        for r in registrations
        if counts[r.pk] >= r.meeting_limit
    ]


@transaction.atomic
def meeting_add(
    *,
    event: Event,
    registration_a: Registration,
    registration_b: Registration,
    slot: Slot,
    table: Table,
    official,
    beyond_maximum: bool = False,
) -> Meeting:
    """Add a meeting by hand (origin manual, locked), with the same checks as a move; a pair
    meets at most once. A participant already at its maximum number of meetings gets no more
    unless the official says ``beyond_maximum`` (then ``above_maximum`` words the warning)."""
    require_official(official)
    event = _lock_event(event.pk)
    a, b = registration_a, registration_b
    if a.pk == b.pk:
        raise ValidationError(_("Choose two different participants."))
    if a.event_id != event.pk or b.event_id != event.pk:
        raise ValidationError(_("Both participants must take part in this event."))
    pair = Q(registration_a=a, registration_b=b) | Q(registration_a=b, registration_b=a)
    if Meeting.objects.filter(pair, ACTIVE, event=event).exists():
        raise ValidationError(
            _("%(a)s and %(b)s already meet.") % {"a": a.organization, "b": b.organization}
        )
    reasons = conflicts(event=event, slot=slot, table=table, a=a, b=b)
    if not beyond_maximum:
        reasons += at_maximum(event, [a, b])
    if reasons:
        raise ValidationError(reasons)
    request = (
        MeetingRequest.objects.filter(
            Q(requester=a, recipient=b) | Q(requester=b, recipient=a),
            status__in=[MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.PENDING],
        )
        .order_by("status", "pk")
        .first()
    )
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                event=event, slot=slot, table=table, registration_a=a, registration_b=b,
                request=request, origin=Meeting.Origin.MANUAL, locked=True,
            )  # fmt: skip
    except IntegrityError as exc:
        raise ValidationError(TAKEN) from exc
    audit.record(
        actor=official,
        action="events.meeting_add",
        target=meeting,
        after={
            **audit.snapshot(meeting, ("slot", "table", "registration_a", "registration_b")),
            "beyond_maximum": beyond_maximum,
        },
    )
    return meeting


@transaction.atomic
def event_publish(*, event: Event, official, notify_participants: bool = True) -> Event:
    """Publish the schedule (again): participants see their agendas, the calendars' SEQUENCE
    goes up by one so that calendar programs update the meetings they already have.

    Side effects: an email to every approved participant with the link to its agenda.
    """
    require_official(official)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.can_publish:
        raise ValidationError(_("Only a scheduled event can be published."))
    if not event.meetings.filter(ACTIVE).exists():
        raise ValidationError(_("The schedule has no meeting yet."))
    event_transition(event=event, to=Event.Status.PUBLISHED, internal=True)
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        schedule_version=F("schedule_version") + 1, schedule_published_at=now
    )
    event.refresh_from_db(fields=["schedule_version", "schedule_published_at"])
    audit.record(
        actor=official,
        action="events.event_publish",
        target=event,
        after={"schedule_version": event.schedule_version},
    )
    if notify_participants:
        registrations = Registration.objects.filter(
            event=event, status=Registration.Status.APPROVED
        ).select_related("organization", "registered_by", "event")
        counts = _meeting_counts(event)
        for registration in registrations:
            notify(
                registration,
                subject=lambda: _("Your agenda for %(event)s") % {"event": event},
                template="events/email/schedule_published.txt",
                context=lambda r=registration: {
                    "count": counts.get(r.pk, 0),
                    "link": link("events:agenda", event.pk, r.pk),
                    "republished": event.schedule_version > 1,
                },
            )
    return event


def _meeting_counts(event: Event) -> dict[int, int]:
    counts: dict[int, int] = {}
    for a, b in Meeting.objects.filter(ACTIVE, event=event).values_list(
        "registration_a_id", "registration_b_id"
    ):
        counts[a] = counts.get(a, 0) + 1
        counts[b] = counts.get(b, 0) + 1
    return counts
