"""Feedback after an event: each participant rates its meetings right after the event, then says
six months later what came of them; the worker emails the links on a daily schedule.

The link carries a signed token (participant and stage), so nobody needs to log in. Each
participant gets one invitation per stage and at most one reminder, neither once it has
answered: the send time is set by a conditional UPDATE before the email is queued, so running
the daily task twice (or two workers at once) never sends twice.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Feedback, FeedbackInvitation, Meeting, Registration
from events.services.notify import link, notify

STAGE = Feedback.Stage
FEEDBACK_SALT = "events.feedback"
# Days after the event's last day when each stage is due.
DUE_AFTER_DAYS = {STAGE.AFTER_EVENT: 1, STAGE.FOLLOW_UP: 182}
# A stage is sent only within this many days of its due date: an event that ended long before
# the portal (or this feature) existed gets no mail.
SEND_WINDOW_DAYS = 30
REMIND_AFTER_DAYS = 7
TOKEN_MAX_AGE = timedelta(days=120)
# Meetings a participant is asked about: all but the cancelled ones and the recorded no-shows
# (a meeting nobody marked held may still have taken place).
TOOK_PLACE = (Meeting.Status.HELD, Meeting.Status.SCHEDULED, Meeting.Status.CONFIRMED)
HELD_EVENT = (Event.Status.PUBLISHED, Event.Status.RUNNING, Event.Status.FINISHED)


def feedback_token(registration: Registration, stage: str) -> str:
    return signing.dumps([registration.pk, stage], salt=FEEDBACK_SALT, compress=True)


def feedback_token_parse(token: str) -> tuple[int, str] | None:
    """(registration id, stage), or None when forged, malformed or older than 120 days."""
    try:
        value = signing.loads(token, salt=FEEDBACK_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or value[1] not in STAGE.values
    ):
        return None
    return value[0], value[1]


def feedback_meetings(registration: Registration) -> QuerySet[Meeting]:
    """The meetings a participant is asked about, in time order, with the other side."""
    return (
        Meeting.objects.filter(
            Q(registration_a=registration) | Q(registration_b=registration),
            status__in=TOOK_PLACE,
        )
        .select_related(
            "slot", "table", "registration_a__organization", "registration_b__organization"
        )
        .order_by("slot__starts_at")
    )


def _due_registrations(stage: str, today) -> list[int]:
    """Approved participants with a meeting that took place, in events whose ``stage`` falls
    due within the send window."""
    last_day = today - timedelta(days=DUE_AFTER_DAYS[stage])
    first_day = last_day - timedelta(days=SEND_WINDOW_DAYS - 1)
    took_place = Meeting.objects.filter(status__in=TOOK_PLACE)
    return list(
        Registration.objects.filter(
            status=Registration.Status.APPROVED,
            event__status__in=HELD_EVENT,
            event__ends_on__range=(first_day, last_day),
        )
        .filter(
            Q(pk__in=took_place.values("registration_a"))
            | Q(pk__in=took_place.values("registration_b"))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _claim(invitation: FeedbackInvitation, field: str, now) -> bool:
    """Set ``field`` if nobody has and the participant has not answered: True for the one
    caller that may send."""
    return bool(
        FeedbackInvitation.objects.filter(
            pk=invitation.pk, answered_at__isnull=True, **{f"{field}__isnull": True}
        ).update(**{field: now, "updated_at": now})
    )


def _email(invitation: FeedbackInvitation, *, reminder: bool) -> None:
    registration = invitation.registration
    stage = invitation.stage
    token = feedback_token(registration, stage)
    templates = {
        STAGE.AFTER_EVENT: "events/email/feedback_after_event.txt",
        STAGE.FOLLOW_UP: "events/email/feedback_follow_up.txt",
    }

    def subject():
        if stage == STAGE.AFTER_EVENT:
            text = _("How were your meetings at %(event)s?")
        else:
            text = _("Six months after %(event)s: what came of your meetings?")
        text = text % {"event": registration.event}
        return _("Reminder: %(subject)s") % {"subject": text} if reminder else text

    notify(
        registration,
        subject=subject,
        template=templates[stage],
        context=lambda: {"link": link("events:feedback", token), "reminder": reminder},
    )


def feedback_invitations_send(*, today=None) -> dict[str, int]:
    """The daily job (``events.send_feedback_reminders``, ``manage.py
    send_feedback_reminders``): email every participant whose stage fell due, once, and remind
    once a week later those who have not answered.

    Returns how many were sent per stage and how many reminders. Safe to run twice a day, or
    in two workers at once: each email is claimed by a conditional UPDATE first.
    Side effects: emails to the participants, in their languages.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    counts = {STAGE.AFTER_EVENT: 0, STAGE.FOLLOW_UP: 0, "reminders": 0}
    for stage in (STAGE.AFTER_EVENT, STAGE.FOLLOW_UP):
        due = _due_registrations(stage, today)
        FeedbackInvitation.objects.bulk_create(
            [FeedbackInvitation(registration_id=pk, stage=stage) for pk in due],
            ignore_conflicts=True,
        )
        waiting = FeedbackInvitation.objects.filter(
            stage=stage,
            registration_id__in=due,
            sent_at__isnull=True,
            answered_at__isnull=True,
        ).select_related("registration__event", "registration__organization")
        for invitation in waiting:
            if _claim(invitation, "sent_at", now):
                _email(invitation, reminder=False)
                counts[stage] += 1
    overdue = FeedbackInvitation.objects.filter(
        sent_at__lte=now - timedelta(days=REMIND_AFTER_DAYS),
        sent_at__gt=now - timedelta(days=SEND_WINDOW_DAYS),
        reminded_at__isnull=True,
        answered_at__isnull=True,
    ).select_related("registration__event", "registration__organization")
    for invitation in overdue:
        if _claim(invitation, "reminded_at", now):
            _email(invitation, reminder=True)
            counts["reminders"] += 1
    return counts


@transaction.atomic
def feedback_submit(
    *, registration: Registration, stage: str, answers: dict[int, dict]
) -> list[Feedback]:
    """Save a participant's answers for one stage: ``answers`` maps a meeting id to its fields
    (after the event: ``interest``, ``next_step``, ``comment``; follow-up: ``outcome``,
    ``contract_value``, ``currency``, ``comment``). A meeting left blank is skipped; answering
    again replaces the earlier answer.

    Side effects: the participant's invitation for the stage is marked answered (no reminder
    follows); at the follow-up, "contract signed", "NDA" and "negotiating" update the
    meeting's deal (``matchmaking.services.deals.deal_record_outcome``).
    """
    from matchmaking.services.deals import deal_record_outcome

    if stage not in STAGE.values:
        raise ValidationError(_("Unknown feedback stage."))
    meetings = {m.pk: m for m in feedback_meetings(registration)}
    saved = []
    for meeting_id, data in answers.items():
        meeting = meetings.get(meeting_id)
        if meeting is None:
            raise ValidationError(_("This meeting is not one of yours."))
        fields = _fields(stage, data)
        if fields is None:
            continue
        feedback, _created = Feedback.objects.update_or_create(
            meeting=meeting, registration=registration, stage=stage, defaults=fields
        )
        saved.append(feedback)
        if stage == STAGE.FOLLOW_UP:
            deal_record_outcome(
                meeting=meeting,
                outcome=fields["outcome"],
                reported_by=registration,
                contract_value=fields["contract_value"],
                currency=fields["currency"],
            )
    now = timezone.now()
    invitation, _created = FeedbackInvitation.objects.get_or_create(
        registration=registration, stage=stage
    )
    FeedbackInvitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(
        answered_at=now, updated_at=now
    )
    return saved


def _fields(stage: str, data: dict) -> dict | None:
    comment = (data.get("comment") or "").strip()
    if stage == STAGE.AFTER_EVENT:
        interest, next_step = data.get("interest"), data.get("next_step") or ""
        if interest in (None, "") and not next_step and not comment:
            return None
        interest = int(interest) if interest not in (None, "") else None
        if interest is not None and not 1 <= interest <= 5:
            raise ValidationError({"interest": _("Rate from 1 to 5.")})
        if next_step and next_step not in Feedback.NextStep.values:
            raise ValidationError({"next_step": _("Choose a next step.")})
        return {"interest": interest, "next_step": next_step, "comment": comment}
    outcome = data.get("outcome") or ""
    if not outcome and not comment:
        return None
    if outcome not in Feedback.Outcome.values:
        raise ValidationError({"outcome": _("Say what came of the meeting.")})
    value = data.get("contract_value")
    currency = data.get("currency") or "VND"
    if outcome == Feedback.Outcome.CONTRACT_SIGNED:
        if value in (None, ""):
            raise ValidationError({"contract_value": _("Give the contract's value.")})
        value = Decimal(value)
        if value < 0:
            raise ValidationError({"contract_value": _("The value cannot be negative.")})
    else:
        value = None
    return {"outcome": outcome, "contract_value": value, "currency": currency, "comment": comment}
