"""The day of the event: checking participants in, marking meetings held or missed, and adding
a last-minute meeting for two participants who are there and free.

Check-in tokens are signed (``django.core.signing``) and carried by the QR codes of agendas and
badges; they only *identify* a participant: the check-in itself is an official's action.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from events.models import Event, Meeting, MeetingRequest, Registration, Slot, Table
from events.services.schedule import ACTIVE, TAKEN, at_maximum, conflicts
from events.services.setup import require_official
from partners.models import Membership

CHECKIN_SALT = "events.checkin"
# Participants arrive once the agendas are out; the event may not have been set "running" yet.
CHECKIN_OPEN = (Event.Status.PUBLISHED, Event.Status.RUNNING)
# Meetings are marked held or missed while the event runs and afterwards.
OUTCOME_OPEN = (Event.Status.RUNNING, Event.Status.FINISHED)
# A last-minute meeting is added while the schedule is out and the day goes on.
ON_SITE_OPEN = (Event.Status.PUBLISHED, Event.Status.RUNNING)


def checkin_token(registration: Registration, person: int | None = None) -> str:
    """A signed token naming the participant (and which representative, for a badge)."""
    value = str(registration.pk) if person is None else f"{registration.pk}.{person}"
    return signing.Signer(salt=CHECKIN_SALT).sign(value)


def checkin_token_parse(token: str) -> tuple[int, int | None] | None:
    """(registration id, representative index or None), or None for a forged token."""
    try:
        value = signing.Signer(salt=CHECKIN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    head, _sep, person = value.partition(".")
    if not head.isdigit() or (person and not person.isdigit()):
        return None
    return int(head), (int(person) if person else None)


@transaction.atomic
def registration_check_in(
    *, registration: Registration, official, undo: bool = False
) -> Registration:
    """Check a participant in (or undo a mistaken check-in).

    Checking in twice (a badge scanned again) changes nothing: the first time stays. The time
    is set by a conditional UPDATE, so two officials scanning at once record one check-in.
    Side effects: an audit entry when something changed.
    """
    require_official(official)
    event = registration.event
    if event.status not in CHECKIN_OPEN:
        raise ValidationError(
            _("Check-in opens when the schedule is published and closes when the event ends.")
        )
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError(
            _("%(org)s is not an approved participant.") % {"org": registration.organization}
        )
    before = registration.checked_in_at
    rows = Registration.objects.filter(pk=registration.pk)
    if undo:
        moved = rows.filter(checked_in_at__isnull=False).update(checked_in_at=None)
    else:
        moved = rows.filter(checked_in_at__isnull=True).update(checked_in_at=timezone.now())
    registration.refresh_from_db(fields=["checked_in_at"])
    if moved:
        audit.record(
            actor=official,
            action="events.registration_check_in",
            target=registration,
            before={"checked_in_at": before},
            after={"checked_in_at": registration.checked_in_at},
        )
    return registration


def _is_party(user, meeting: Meeting) -> bool:
    return Membership.objects.filter(
        user=user,
        organization_id__in=[
            meeting.registration_a.organization_id,
            meeting.registration_b.organization_id,
        ],
    ).exists()


MARKABLE = (Meeting.Status.HELD, Meeting.Status.NO_SHOW, Meeting.Status.SCHEDULED)


@transaction.atomic
def meeting_mark(*, meeting: Meeting, user, status: str) -> Meeting:
    """Record what became of a meeting while the event runs or after it.

    Officials mark a meeting held, no-show, or back to scheduled (a mistake undone); each of
    the two participants may mark its own meeting held once the meeting has started, never
    no-show (that is the organisers' call) and never over an official's no-show. The status
    moves by a conditional UPDATE. Side effects: an audit entry.
    """
    if not (user is not None and user.is_authenticated):
        raise PermissionDenied(_("Log in first."))
    if status not in MARKABLE:
        raise ValidationError(_("Choose held, no-show or scheduled."))
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related(
            "event", "slot", "registration_a__organization", "registration_b__organization"
        )
        .get(pk=meeting.pk)
    )
    official = user.is_official
    if not official:
        if not _is_party(user, meeting):
            raise PermissionDenied(_("Only the two participants and officials can do this."))
        if status != Meeting.Status.HELD:
            raise PermissionDenied(_("Only the organisers record a no-show."))
        if meeting.status == Meeting.Status.NO_SHOW:
            raise ValidationError(
                _("The organisers recorded this meeting as a no-show: ask them to correct it.")
            )
        if meeting.slot.starts_at > timezone.now():
            raise ValidationError(_("A meeting can be marked held once it has started."))
    if meeting.event.status not in OUTCOME_OPEN:
        raise ValidationError(_("Meetings are marked held or missed once the event is running."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."))
    if meeting.status == status:
        return meeting
    before = meeting.status
    moved = Meeting.objects.filter(pk=meeting.pk, status=before).update(
        status=status, updated_at=timezone.now()
    )
    if not moved:  # pragma: no cover — the row is locked above; kept as the rule's guard
        raise ValidationError(_("The meeting has just been changed by someone else."))
    meeting.status = status
    audit.record(
        actor=user,
        action="events.meeting_mark",
        target=meeting,
        before={"status": before},
        after={"status": status},
    )
    return meeting


@transaction.atomic
def meeting_add_on_site(
    *,
    event: Event,
    registration_a: Registration,
    registration_b: Registration,
    slot: Slot,
    table: Table,
    official,
    beyond_maximum: bool = False,
) -> Meeting:
    """Add a last-minute meeting at a free table, for two participants who are checked in.

    The same checks as ``events.services.schedule.meeting_add`` (table free, both participants
    free and available in the slot, a host's own table, interpreters, a pair meets once, the
    maximum number of meetings unless ``beyond_maximum``), while the agendas are out or the
    event runs, and only in a slot that is not over. Meetings marked no-show do not count
    towards the maximum: the new meeting usually replaces one. The meeting is manual and
    locked. Side effects: an audit entry.
    """
    require_official(official)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status not in ON_SITE_OPEN:
        raise ValidationError(
            _("Meetings are added on site once the schedule is published, until the event ends.")
        )
    a, b = registration_a, registration_b
    if a.pk == b.pk:
        raise ValidationError(_("Choose two different participants."))
    if a.event_id != event.pk or b.event_id != event.pk:
        raise ValidationError(_("Both participants must take part in this event."))
    if slot.ends_at <= timezone.now():
        raise ValidationError(_("This slot is over: choose one that has not ended."))
    a, b = (
        Registration.objects.select_related("organization").get(pk=a.pk),
        Registration.objects.select_related("organization").get(pk=b.pk),
    )
    absent = [r for r in (a, b) if r.checked_in_at is None]
    if absent:
        raise ValidationError(
            [_("%(org)s has not checked in.") % {"org": r.organization} for r in absent]
        )
    pair = Q(registration_a=a, registration_b=b) | Q(registration_a=b, registration_b=a)
    if Meeting.objects.filter(pair, ACTIVE, event=event).exists():
        raise ValidationError(
            _("%(a)s and %(b)s already meet.") % {"a": a.organization, "b": b.organization}
        )
    reasons = conflicts(event=event, slot=slot, table=table, a=a, b=b)
    if not beyond_maximum:
        reasons += at_maximum(event, [a, b], no_shows=False)
    if reasons:
        raise ValidationError(reasons)
    request = (
        MeetingRequest.objects.filter(Q(requester=a, recipient=b) | Q(requester=b, recipient=a))
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
        action="events.meeting_add_on_site",
        target=meeting,
        after=audit.snapshot(
            meeting, ["slot", "table", "registration_a", "registration_b", "status"]
        ),
    )
    return meeting
