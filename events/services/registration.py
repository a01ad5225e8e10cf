"""Organisations registering for an event, and officials approving or rejecting them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from events.models import Event, Meeting, MeetingRequest, Registration
from events.services.notify import link, notify
from events.services.setup import require_official
from matchmaking.models import PublicationStatus
from partners.models import Membership

R = Registration.Status


def require_member(user, organization_id: int) -> None:
    """Members of the organisation act for its registration (officials too)."""
    if user.is_authenticated and (
        user.is_official
        or Membership.objects.filter(user=user, organization_id=organization_id).exists()
    ):
        return
    raise PermissionDenied(_("Only members of the organisation can do this."))


@transaction.atomic
def registration_save(
    *, registration: Registration, user, offers=(), needs=(), unavailable_slots=()
) -> Registration:
    """Register an organisation for an event, or change its registration.

    A new registration (or one cancelled earlier and made again) waits for the officials'
    approval, and only while registration is open. A registration may be changed while the
    event takes registrations or requests. Offers and needs presented must be the
    organisation's own published ones; unavailable slots must be the event's.
    Side effects: none (officials find it in the event's registrations).
    """
    require_member(user, registration.organization_id)
    event: Event = registration.event
    if registration.pk is None or registration.status == R.CANCELLED:
        if not event.accepts_registrations:
            raise ValidationError(_("Registration for this event is closed."))
        duplicate = Registration.objects.filter(
            event=event, organization_id=registration.organization_id
        ).exclude(pk=registration.pk)
        if duplicate.exists():
            raise ValidationError(
                _("%(org)s is already registered for this event.")
                % {"org": registration.organization}
            )
        registration.status = R.PENDING
        registration.registered_by = user
    elif registration.status == R.REJECTED:
        raise ValidationError(_("This registration was rejected and can no longer be changed."))
    elif not (user.is_official or event.status in _CHANGEABLE):
        raise ValidationError(_("The schedule is being prepared: registrations are frozen."))
    offers, needs, unavailable_slots = list(offers), list(needs), list(unavailable_slots)
    org = registration.organization_id
    if any(o.organization_id != org or o.status != PublicationStatus.PUBLISHED for o in offers):
        raise ValidationError({"offers": _("Choose among your organisation's published offers.")})
    if any(n.organization_id != org or n.status != PublicationStatus.PUBLISHED for n in needs):
        raise ValidationError({"needs": _("Choose among your organisation's published needs.")})
    if any(slot.event_id != event.pk for slot in unavailable_slots):
        raise ValidationError({"unavailable_slots": _("Choose among this event's slots.")})
    if registration.max_meetings is not None and registration.max_meetings > event.max_meetings:
        raise ValidationError(
            {
                "max_meetings": _("At most %(max)d meetings per participant in this event.")
                % {"max": event.max_meetings}
            }
        )
    registration.full_clean()
    registration.save()
    registration.offers.set(offers)
    registration.needs.set(needs)
    registration.unavailable_slots.set(unavailable_slots)
    return registration


_CHANGEABLE = (Event.Status.REGISTRATION_OPEN, Event.Status.REGISTRATION_CLOSED)


def _decide(registration: Registration, official, status: str, allowed_from: tuple) -> bool:
    require_official(official)
    if registration.status == status:
        return False
    if registration.status not in allowed_from:
        raise ValidationError(
            _("A registration that is “%(status)s” cannot be changed this way.")
            % {"status": registration.get_status_display()}
        )
    moved = Registration.objects.filter(pk=registration.pk, status=registration.status).update(
        status=status, updated_at=timezone.now()
    )
    if not moved:
        raise ValidationError(_("The registration has just been changed by someone else."))
    registration.status = status
    return True


@transaction.atomic
def registration_approve(*, registration: Registration, official) -> Registration:
    """Approve a registration: the organisation can now ask for meetings.

    Side effects: an email to the registrant, in their language, after commit.
    """
    if _decide(registration, official, R.APPROVED, (R.PENDING, R.REJECTED)):
        audit.record(
            actor=official,
            action="events.registration_approve",
            target=registration,
            after={"status": R.APPROVED},
        )
        notify(
            registration,
            subject=lambda: (
                _("Your registration for %(event)s is approved") % {"event": registration.event}
            ),
            template="events/email/registration_approved.txt",
            context=lambda: {
                "link": link("events:participants", registration.event_id, registration.pk)
            },
        )
    return registration


@transaction.atomic
def registration_reject(*, registration: Registration, official, reason: str = "") -> Registration:
    """Reject a registration (refused while it has meetings in the schedule).

    Side effects: its open requests are withdrawn or declined; an email to the registrant with
    the reason, after commit.
    """
    if registration.pk and _has_meetings(registration):
        raise ValidationError(_("This participant has meetings: cancel them first."))
    if _decide(registration, official, R.REJECTED, (R.PENDING, R.APPROVED)):
        audit.record(
            actor=official,
            action="events.registration_reject",
            target=registration,
            after={"status": R.REJECTED, "reason": reason.strip()},
        )
        _close_requests(registration)
        notify(
            registration,
            subject=lambda: _("Your registration for %(event)s") % {"event": registration.event},
            template="events/email/registration_rejected.txt",
            context=lambda: {"reason": reason.strip()},
        )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, user) -> Registration:
    """The organisation withdraws from the event before the schedule is made.

    Side effects: its pending requests are withdrawn (sent) or declined (received).
    """
    require_member(user, registration.organization_id)
    if registration.event.status not in _CHANGEABLE:
        raise ValidationError(_("The schedule is being prepared: ask the organisers to cancel."))
    if _has_meetings(registration):
        raise ValidationError(_("This participant has meetings: ask the organisers to cancel."))
    Registration.objects.filter(pk=registration.pk).update(
        status=R.CANCELLED, updated_at=timezone.now()
    )
    registration.status = R.CANCELLED
    _close_requests(registration)
    return registration


def _has_meetings(registration: Registration) -> bool:
    return (
        Meeting.objects.filter(
            Q(registration_a=registration) | Q(registration_b=registration),
            event_id=registration.event_id,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .exists()
    )


def _close_requests(registration: Registration) -> None:
    now = timezone.now()
    pending = MeetingRequest.objects.filter(status=MeetingRequest.Status.PENDING)
    pending.filter(requester=registration).update(
        status=MeetingRequest.Status.WITHDRAWN, responded_at=now, updated_at=now
    )
    pending.filter(recipient=registration).update(
        status=MeetingRequest.Status.DECLINED, responded_at=now, updated_at=now
    )
