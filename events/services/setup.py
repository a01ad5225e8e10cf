"""Setting an event up: the event itself, sessions and their slots, tables, interpreters, and
the moves between the event's states."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import pairwise

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import audit
from events.models import Event, EventSession, InterpreterCapacity, Meeting, Slot, Table
from events.slots import slot_windows

S = Event.Status

# Every allowed move. ``scheduled`` is reached by a successful scheduler run and ``published``
# by ``event_publish`` (which notifies the participants); the status form offers the rest.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.REGISTRATION_OPEN,),
    S.REGISTRATION_OPEN: (S.REGISTRATION_CLOSED, S.DRAFT),
    S.REGISTRATION_CLOSED: (S.REGISTRATION_OPEN, S.SCHEDULED),
    S.SCHEDULED: (S.PUBLISHED, S.REGISTRATION_CLOSED),
    S.PUBLISHED: (S.RUNNING, S.SCHEDULED, S.PUBLISHED),
    S.RUNNING: (S.FINISHED,),
    S.FINISHED: (),
}


# What set-up each state allows (docs/events.md, "States"): everything until the schedule is
# published; once the agendas are out, the times and rules participants were given stay, but
# tables and interpreters may still be adjusted (checked against the meetings); once the event
# runs, only the event's texts.
SETUP_OPEN = (S.DRAFT, S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED, S.SCHEDULED)
TABLES_OPEN = (*SETUP_OPEN, S.PUBLISHED)
# Event fields that shape slots, registrations, requests or the schedule (the rest is text).
PLANNING_FIELDS = (
    "starts_on",
    "ends_on",
    "timezone",
    "registration_deadline",
    "request_deadline",
    "meeting_minutes",
    "break_minutes",
    "min_meetings",
    "max_meetings",
    "max_open_requests",
)


def require_setup_open(status: str, *, what: str, allowed=SETUP_OPEN) -> None:
    """Refuse a set-up change an event in ``status`` no longer allows, saying what to do."""
    if status in allowed:
        return
    if status == S.PUBLISHED:
        raise ValidationError(
            _(
                "The agendas are out: %(what)s cannot change now. To change them, move the "
                "event back to “Scheduled” (agendas are hidden until the next publication)."
            )
            % {"what": what}
        )
    raise ValidationError(
        _("The event has started: %(what)s can no longer change.") % {"what": what}
    )


def require_official(user) -> None:
    if not (user is not None and user.is_authenticated and user.is_official):
        raise PermissionDenied(_("This action is for the Department's officials."))


def manual_transitions(event: Event) -> list[str]:
    """The states an official may move the event to with the status buttons (publication and
    a first schedule have their own services)."""
    return [
        target
        for target in TRANSITIONS[event.status]
        if target != S.PUBLISHED
        and not (target == S.SCHEDULED and event.status == S.REGISTRATION_CLOSED)
    ]


@transaction.atomic
def event_transition(*, event: Event, to: str, user=None, internal: bool = False) -> Event:
    """Move the event to state ``to`` if the state machine allows it.

    ``internal`` is for the services that own a move (a scheduler run, publication). The status
    is advanced by a conditional UPDATE, so two officials clicking at once cannot both win.
    """
    if not internal:
        require_official(user)
        if to not in manual_transitions(event):
            raise ValidationError(
                _("An event in the state “%(from)s” cannot move to “%(to)s”.")
                % {"from": event.get_status_display(), "to": S(to).label}
            )
    elif to not in TRANSITIONS[event.status]:
        raise ValidationError(
            _("An event in the state “%(from)s” cannot move to “%(to)s”.")
            % {"from": event.get_status_display(), "to": S(to).label}
        )
    if to == S.REGISTRATION_OPEN and not event.slots.exists():
        raise ValidationError(_("Add the event's sessions first: participants choose slots."))
    if to == S.DRAFT and event.registrations.exists():
        raise ValidationError(
            _("Organisations have registered: the event cannot go back to draft.")
        )
    moved = Event.objects.filter(pk=event.pk, status=event.status).update(status=to)
    if not moved:
        raise ValidationError(_("The event has just been changed by someone else; try again."))
    audit.record(
        actor=user,
        action="events.event_transition",
        target=event,
        before={"status": event.status},
        after={"status": to},
    )
    event.status = to
    return event


_TIMING_FIELDS = ("meeting_minutes", "break_minutes", "timezone")


@transaction.atomic
def event_save(*, event: Event, user, sectors=None, partners=None) -> Event:
    """Create or edit an event. A change of meeting length, breaks or time zone recuts the
    slots (refused, with nothing saved, when a meeting uses a slot that would disappear).
    Once the agendas are out only the texts change (``require_setup_open``), and the dates
    must keep every session."""
    require_official(user)
    stored = Event.objects.filter(pk=event.pk).values("status", *PLANNING_FIELDS).first()
    before = {f: stored[f] for f in _TIMING_FIELDS} if stored else None
    if stored:
        changed = [f for f in PLANNING_FIELDS if _differs(stored[f], getattr(event, f))]
        if changed:
            require_setup_open(
                stored["status"],
                what=", ".join(str(Event._meta.get_field(f).verbose_name) for f in changed),
            )
    if event.pk is None:
        event.created_by = user
    event.full_clean()
    if stored and (stored["starts_on"], stored["ends_on"]) != (event.starts_on, event.ends_on):
        outside = [
            s for s in event.sessions.all() if not event.starts_on <= s.date <= event.ends_on
        ]
        if outside:
            raise ValidationError(
                _("Sessions fall outside the new dates (%(sessions)s): change them first.")
                % {"sessions": ", ".join(str(s) for s in outside)}
            )
    event.save()
    if sectors is not None:
        event.sectors.set(sectors)
    if partners is not None:
        event.partners.set(partners)
    if before and any(before[f] != getattr(event, f) for f in _TIMING_FIELDS):
        event_generate_slots(event=event)
    audit.record(
        actor=user,
        action="events.event_save",
        target=event,
        before=before,
        after=audit.snapshot(
            event, ("title", "kind", "starts_on", "ends_on", "status", *_TIMING_FIELDS)
        ),
    )
    return event


def _differs(stored, new) -> bool:
    # Forms give deadlines to the minute: seconds the database holds are not a change.
    if isinstance(stored, datetime) and isinstance(new, datetime):
        return stored.replace(second=0, microsecond=0) != new.replace(second=0, microsecond=0)
    return stored != new


@transaction.atomic
def event_generate_slots(*, event: Event, sessions: Iterable[EventSession] | None = None):
    """Make the event's slots match its sessions, meeting length and breaks; return them all.

    Slots that stay (same start) are kept, with their meetings and the participants'
    unavailability; new ones are created; those no session covers any more are deleted,
    together with cancelled meetings in them. A slot holding a meeting that is not cancelled is
    never deleted: the whole change is refused with a message instead.
    """
    sessions = list(event.sessions.all() if sessions is None else sessions)
    wanted: dict = {}
    for session in sessions:
        for starts_at, ends_at in slot_windows(
            day=session.date,
            start=session.start,
            end=session.end,
            meeting_minutes=event.meeting_minutes,
            break_minutes=event.break_minutes,
            tz=event.timezone,
        ):
            wanted[starts_at] = (ends_at, session)
    existing = {slot.starts_at: slot for slot in event.slots.all()}
    dropped = [slot for start, slot in existing.items() if start not in wanted]
    if dropped:
        busy = (
            Meeting.objects.filter(slot__in=dropped)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("slot")
            .order_by("slot__starts_at")
        )
        busy_slots = sorted({m.slot.starts_at for m in busy})
        if busy_slots:
            raise ValidationError(
                _(
                    "This change would remove slots that have meetings (%(slots)s): move or "
                    "cancel those meetings first."
                )
                % {"slots": ", ".join(_slot_label(start, event) for start in busy_slots)}
            )
        Meeting.objects.filter(slot__in=dropped).delete()
        Slot.objects.filter(pk__in=[slot.pk for slot in dropped]).delete()
    new = []
    for starts_at, (ends_at, session) in wanted.items():
        slot = existing.get(starts_at)
        if slot is None:
            new.append(Slot(event=event, session=session, starts_at=starts_at, ends_at=ends_at))
        elif slot.ends_at != ends_at or slot.session_id != session.pk:
            slot.ends_at, slot.session = ends_at, session
            slot.save(update_fields=["ends_at", "session"])
    Slot.objects.bulk_create(new)
    return list(event.slots.order_by("starts_at"))


def _slot_label(starts_at, event: Event) -> str:
    from zoneinfo import ZoneInfo

    return starts_at.astimezone(ZoneInfo(event.timezone)).strftime("%d/%m %H:%M")


@transaction.atomic
def event_sessions_update(
    *,
    event: Event,
    user,
    saved: Iterable[EventSession],
    deleted: Iterable[EventSession] = (),
) -> list[Slot]:
    """Save new and changed sessions, delete removed ones, then recut the slots.

    Refused as a whole (nothing changes) when sessions overlap, fall outside the event's dates,
    or when a removed slot still has a meeting, and once the agendas are out. Returns the
    event's slots.
    """
    require_official(user)
    require_setup_open(event.status, what=_("the sessions"))
    deleted_ids = {s.pk for s in deleted if s.pk}
    saved = list(saved)
    for session in saved:
        session.event = event
        session.full_clean()
        if not event.starts_on <= session.date <= event.ends_on:
            raise ValidationError(
                _(
                    "The session %(session)s is on %(date)s, outside the event's dates "
                    "(%(first)s – %(last)s)."
                )
                % {
                    "session": session,
                    "date": formats.date_format(session.date, "SHORT_DATE_FORMAT"),
                    "first": formats.date_format(event.starts_on, "SHORT_DATE_FORMAT"),
                    "last": formats.date_format(event.ends_on, "SHORT_DATE_FORMAT"),
                }
            )
    kept = [s for s in event.sessions.all() if s.pk not in deleted_ids]
    by_pk = {s.pk: s for s in saved if s.pk}
    final = [by_pk.get(s.pk, s) for s in kept] + [s for s in saved if not s.pk]
    ordered = sorted(final, key=lambda s: (s.date, s.start))
    for first, second in pairwise(ordered):
        if first.date == second.date and second.start < first.end:
            raise ValidationError(
                _("Sessions %(a)s and %(b)s overlap.") % {"a": first, "b": second}
            )
    for session in saved:
        session.save()
    slots = event_generate_slots(event=event, sessions=final)
    EventSession.objects.filter(event=event, pk__in=deleted_ids).delete()
    audit.record(
        actor=user,
        action="events.event_sessions_update",
        target=event,
        after={"sessions": [str(s) for s in ordered], "slots": len(slots)},
    )
    return slots


@transaction.atomic
def event_tables_update(
    *, event: Event, user, saved: Iterable[Table], deleted: Iterable[Table] = ()
) -> None:
    """Save new and changed tables and delete removed ones.

    A table with meetings (not cancelled) cannot be deleted, nor get a fixed host who is not in
    all of them; a fixed host must be an approved participant of the event. Refused as a whole
    when the locked meetings (which every re-run keeps) would break the new set-up: a host's
    locked meeting at another table, or more locked meetings needing an interpreter than there
    are (``_check_locked_meetings``).
    """
    require_official(user)
    require_setup_open(event.status, what=_("the tables"), allowed=TABLES_OPEN)
    for table in deleted:
        if not table.pk:
            continue
        if table.meetings.exclude(status=Meeting.Status.CANCELLED).exists():
            raise ValidationError(
                _("Table %(table)s has meetings: move or cancel them before deleting it.")
                % {"table": table.label}
            )
        table.meetings.all().delete()
        table.delete()
    for table in saved:
        table.event = event
        table.full_clean()
        if table.host_id:
            if table.host.event_id != event.pk or table.host.status != "approved":
                raise ValidationError(
                    {"host": _("The fixed host must be an approved participant of this event.")}
                )
            if (
                table.pk
                and table.meetings.exclude(status=Meeting.Status.CANCELLED)
                .exclude(registration_a_id=table.host_id)
                .exclude(registration_b_id=table.host_id)
                .exists()
            ):
                raise ValidationError(
                    _(
                        "Table %(table)s has meetings without %(host)s: move them before "
                        "making it that participant's table."
                    )
                    % {"table": table.label, "host": table.host.organization}
                )
        table.save()
    _check_locked_meetings(event)
    audit.record(
        actor=user,
        action="events.event_tables_update",
        target=event,
        after={"saved": [t.label for t in saved], "deleted": [t.label for t in deleted]},
    )


@transaction.atomic
def event_interpreters_update(
    *,
    event: Event,
    user,
    saved: Iterable[InterpreterCapacity],
    deleted: Iterable[InterpreterCapacity] = (),
) -> None:
    """Set how many interpreters of each language work at once during the event. Refused as a
    whole when fewer would be left than the locked meetings of a slot need."""
    require_official(user)
    require_setup_open(event.status, what=_("the interpreters"), allowed=TABLES_OPEN)
    InterpreterCapacity.objects.filter(event=event, pk__in=[i.pk for i in deleted if i.pk]).delete()
    for capacity in saved:
        capacity.event = event
        capacity.full_clean()
        capacity.save()
    _check_locked_meetings(event)
    audit.record(
        actor=user,
        action="events.event_interpreters_update",
        target=event,
        after={c.language: c.count for c in event.interpreters.all()},
    )


def _check_locked_meetings(event: Event) -> None:
    """Refuse (the caller's transaction rolls back) a set-up that the locked meetings break:
    every re-run keeps them, so the scheduler would fail on each run. A fixed host must meet
    only at its table, and no slot may need more interpreters of a language than there are."""
    from zoneinfo import ZoneInfo

    from matchmaking.models import Language

    locked = list(
        Meeting.objects.filter(event=event, locked=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related(
            "slot", "table", "registration_a__organization", "registration_b__organization"
        )
        .order_by("slot__starts_at", "table__position")
    )
    zone = ZoneInfo(event.timezone)
    own = {t.host_id: t for t in Table.objects.filter(event=event, host__isnull=False)}
    capacity = dict(event.interpreters.values_list("language", "count"))
    problems, in_use = [], {}
    for meeting in locked:
        when = meeting.slot.starts_at.astimezone(zone).strftime("%d/%m %H:%M")
        for reg in (meeting.registration_a, meeting.registration_b):
            table = own.get(reg.pk)
            if table is not None and table.pk != meeting.table_id:
                problems.append(
                    _(
                        "%(org)s has a locked meeting at table %(other)s at %(time)s, but "
                        "table %(table)s would be its own: move or unlock that meeting first."
                    )
                    % {
                        "org": reg.organization,
                        "other": meeting.table.label,
                        "time": when,
                        "table": table.label,
                    }
                )
        needed = {
            meeting.registration_a.interpreter_language,
            meeting.registration_b.interpreter_language,
        } - {"", meeting.table.interpreter_language}
        for language in needed:
            key = (meeting.slot, language)
            in_use[key] = in_use.get(key, 0) + 1
    for (slot, language), count in sorted(
        in_use.items(), key=lambda i: (i[0][0].starts_at, i[0][1])
    ):
        if count > capacity.get(language, 0):
            problems.append(
                ngettext(
                    "At %(time)s, %(count)d locked meeting needs a %(language)s interpreter, "
                    "more than the %(capacity)d available: move or unlock it first.",
                    "At %(time)s, %(count)d locked meetings need a %(language)s interpreter, "
                    "more than the %(capacity)d available: move or unlock some of them first.",
                    count,
                )
                % {
                    "time": slot.starts_at.astimezone(zone).strftime("%d/%m %H:%M"),
                    "count": count,
                    "language": Language(language).label,
                    "capacity": capacity.get(language, 0),
                }
            )
    if problems:
        raise ValidationError(problems)
