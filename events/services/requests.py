"""Meeting requests between the participants of an event: asking, answering, expiry.

Expiry: ``requests_expire_due`` turns the pending requests of events whose request deadline
has passed into expired ones and tells their requesters. The worker runs it every 15 minutes
(``events.expire_meeting_requests`` in ``CELERY_BEAT_SCHEDULE``; without a broker, the
management command ``expire_meeting_requests`` from cron); the pages that show requests, the
start of a scheduler run and the run itself call it too, so nobody sees a request past its
deadline as pending. The scheduler also ignores pending requests past the deadline on its own.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, MeetingRequest, Registration
from events.services.notify import link, notify
from events.services.registration import require_member

Status = MeetingRequest.Status


def _require_open(event: Event) -> None:
    if not event.accepts_requests:
        raise ValidationError(_("Meeting requests for this event are closed."))


@transaction.atomic
def request_send(
    *,
    requester: Registration,
    recipient: Registration,
    user,
    priority: str = MeetingRequest.Priority.WOULD_LIKE,
    message: str = "",
    offer=None,
    need=None,
) -> MeetingRequest:
    """Ask another participant of the event for a meeting.

    Both must be approved participants of the same event, which must still take requests; the
    requester may have at most ``Event.max_open_requests`` pending requests (asking back a
    participant whose request is pending is always possible: it opens nothing); one request per
    direction (a withdrawn one may be sent again). A request answering a pending one from the
    recipient makes the pair mutual: both are accepted at once.
    Side effects: an email to the recipient (to both sides when the pair becomes mutual).
    """
    require_member(user, requester.organization_id)
    event = requester.event
    _require_open(event)
    # Serialises the sends of one participant, so two at once cannot both pass the cap.
    requester = Registration.objects.select_for_update().get(pk=requester.pk)
    if requester.pk == recipient.pk:
        raise ValidationError(_("You cannot ask yourself for a meeting."))
    if recipient.event_id != event.pk:
        raise ValidationError(_("This organisation does not take part in this event."))
    if {requester.status, recipient.status} != {Registration.Status.APPROVED}:
        raise ValidationError(_("Only approved participants can meet."))
    presented_offers = {o.pk for o in [*requester.offers.all(), *recipient.offers.all()]}
    presented_needs = {n.pk for n in [*requester.needs.all(), *recipient.needs.all()]}
    if offer is not None and offer.pk not in presented_offers:
        raise ValidationError({"offer": _("Choose an offer one of you presents at the event.")})
    if need is not None and need.pk not in presented_needs:
        raise ValidationError({"need": _("Choose a need one of you presents at the event.")})
    existing = MeetingRequest.objects.filter(requester=requester, recipient=recipient).first()
    if existing is not None and existing.status != Status.WITHDRAWN:
        raise ValidationError(
            _("You have already asked %(org)s for a meeting.") % {"org": recipient.organization}
        )
    reverse = (
        MeetingRequest.objects.select_for_update()
        .filter(requester=recipient, recipient=requester)
        .first()
    )
    if reverse is not None and reverse.status == Status.ACCEPTED:
        raise ValidationError(
            _("You have already accepted a meeting with %(org)s.") % {"org": recipient.organization}
        )
    mutual = reverse is not None and reverse.status == Status.PENDING
    # Answering a pending request by asking back accepts both and leaves nothing open.
    open_count = MeetingRequest.objects.filter(requester=requester, status=Status.PENDING).count()
    if not mutual and open_count >= event.max_open_requests:
        raise ValidationError(
            _(
                "You have %(count)d requests waiting for an answer, the most this event allows: "
                "withdraw one or wait for answers."
            )
            % {"count": open_count}
        )
    now = timezone.now()
    request = existing or MeetingRequest(event=event, requester=requester, recipient=recipient)
    request.priority = priority
    request.message = message.strip()
    request.offer, request.need = offer, need
    request.status = Status.ACCEPTED if mutual else Status.PENDING
    request.responded_at = now if mutual else None
    request.full_clean()
    request.save()
    if mutual:
        MeetingRequest.objects.filter(pk=reverse.pk).update(
            status=Status.ACCEPTED, responded_at=now, updated_at=now
        )
        for side, other in ((requester, recipient), (recipient, requester)):
            notify(
                side,
                subject=lambda other=other: (
                    _("Meeting with %(org)s agreed") % {"org": other.organization}
                ),
                template="events/email/request_mutual.txt",
                context=lambda side=side, other=other: {
                    "other": other,
                    "link": link("events:requests", event.pk, side.pk),
                },
            )
    else:
        notify(
            recipient,
            subject=lambda: _("%(org)s asks to meet you") % {"org": requester.organization},
            template="events/email/request_received.txt",
            context=lambda: {
                "request": request,
                "link": link("events:requests", event.pk, recipient.pk),
            },
        )
    return request


def _answer(request: MeetingRequest, user, status: str) -> MeetingRequest:
    require_member(user, request.recipient.organization_id)
    _require_open(request.event)
    if request.status != Status.PENDING:
        raise ValidationError(
            _("This request is already “%(status)s”.") % {"status": request.get_status_display()}
        )
    now = timezone.now()
    moved = MeetingRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
        status=status, responded_at=now, updated_at=now
    )
    if not moved:
        raise ValidationError(_("This request has just been answered."))
    request.status, request.responded_at = status, now
    return request


@transaction.atomic
def request_accept(*, request: MeetingRequest, user) -> MeetingRequest:
    """The recipient accepts: the scheduler will place this meeting first.

    Side effects: an email to the requester.
    """
    _answer(request, user, Status.ACCEPTED)
    notify(
        request.requester,
        subject=lambda: (
            _("%(org)s accepted your meeting request") % {"org": request.recipient.organization}
        ),
        template="events/email/request_answered.txt",
        context=lambda: {
            "request": request,
            "link": link("events:requests", request.event_id, request.requester_id),
        },
    )
    return request


@transaction.atomic
def request_decline(*, request: MeetingRequest, user) -> MeetingRequest:
    """The recipient declines: the pair is never scheduled from this request.

    Side effects: an email to the requester.
    """
    _answer(request, user, Status.DECLINED)
    notify(
        request.requester,
        subject=lambda: (
            _("%(org)s declined your meeting request") % {"org": request.recipient.organization}
        ),
        template="events/email/request_answered.txt",
        context=lambda: {
            "request": request,
            "link": link("events:requests", request.event_id, request.requester_id),
        },
    )
    return request


@transaction.atomic
def request_withdraw(*, request: MeetingRequest, user) -> MeetingRequest:
    """The requester takes back a request that has not been answered. Side effects: none."""
    require_member(user, request.requester.organization_id)
    _require_open(request.event)
    now = timezone.now()
    moved = MeetingRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
        status=Status.WITHDRAWN, responded_at=now, updated_at=now
    )
    if not moved:
        raise ValidationError(_("Only a request waiting for an answer can be withdrawn."))
    request.status = Status.WITHDRAWN
    return request


def requests_expire_due(*, event: Event | None = None, now=None) -> int:
    """Expire the pending requests of events whose request deadline has passed; return how
    many. Safe to run twice, and twice at once: each request is expired, and its requester
    told, by one caller only (the rows are locked; a concurrent caller skips them).
    Side effects: an email to the requester of each expired request."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(
        status=Status.PENDING,
        event__request_deadline__isnull=False,
        event__request_deadline__lte=now,
    )
    if event is not None:
        due = due.filter(event=event)
    if not due.exists():  # the usual case for the pages that call this: one cheap query
        return 0
    with transaction.atomic():
        expired = list(
            due.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "requester__organization", "recipient__organization")
            .order_by("pk")
        )
        ids = [request.pk for request in expired]
        for start in range(0, len(ids), 1000):
            MeetingRequest.objects.filter(pk__in=ids[start : start + 1000]).update(
                status=Status.EXPIRED, updated_at=now
            )
        for request in expired:
            request.status = Status.EXPIRED
            notify(
                request.requester,
                subject=lambda request=request: (
                    _("Your meeting request to %(org)s expired")
                    % {"org": request.recipient.organization}
                ),
                template="events/email/request_expired.txt",
                context=lambda request=request: {
                    "request": request,
                    "link": link("events:requests", request.event_id, request.requester_id),
                },
            )
    return len(expired)
