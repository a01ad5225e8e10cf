"""Reads on events: querysets with their related rows already fetched."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    ScheduleRun,
    Slot,
    Table,
)
from matchmaking.models import MatchScore, PublicationStatus, TechnologyNeed, TechnologyOffer

ACTIVE = ~Q(status=Meeting.Status.CANCELLED)


def public_events() -> QuerySet[Event]:
    return (
        Event.objects.filter(is_public=True)
        .exclude(status=Event.Status.DRAFT)
        .select_related("host")
        .prefetch_related("partners", "sectors")
        .annotate(
            participant_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.APPROVED),
                distinct=True,
            ),
            meeting_count=Count(
                "meetings", filter=~Q(meetings__status=Meeting.Status.CANCELLED), distinct=True
            ),
        )
        .order_by("-starts_on", "-pk")
    )


def upcoming_events() -> QuerySet[Event]:
    return public_events().filter(ends_on__gte=timezone.localdate()).order_by("starts_on")


def events_for_officials() -> QuerySet[Event]:
    """Every event, drafts included, with the figures the officials' list shows."""
    return (
        Event.objects.select_related("host")
        .annotate(
            registration_count=Count("registrations", distinct=True),
            pending_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.PENDING),
                distinct=True,
            ),
            meeting_count=Count(
                "meetings", filter=~Q(meetings__status=Meeting.Status.CANCELLED), distinct=True
            ),
        )
        .order_by("-starts_on", "-pk")
    )


def event_for_setup(pk: int) -> Event:
    return Event.objects.select_related("host").get(pk=pk)


def event_registrations(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event)
        .select_related("organization", "registered_by", "delegation")
        .prefetch_related(
            Prefetch("offers", queryset=TechnologyOffer.objects.only("pk", "title", "title_en")),
            Prefetch("needs", queryset=TechnologyNeed.objects.only("pk", "title", "title_en")),
        )
        .order_by("organization__name")
    )


def registrations_of_user(user) -> QuerySet[Registration]:
    """The registrations of the organisations the user belongs to, newest events first."""
    return (
        Registration.objects.filter(organization__memberships__user=user)
        .select_related("event", "organization")
        .distinct()
        .order_by("-event__starts_on", "organization__name")
    )


def registration_for_member(user, event_pk: int, pk: int) -> Registration | None:
    """The registration if the user belongs to its organisation (or is an official)."""
    registration = (
        Registration.objects.select_related("event", "organization")
        .filter(pk=pk, event_id=event_pk)
        .first()
    )
    if registration is None:
        return None
    if user.is_official or registration.organization.memberships.filter(user=user).exists():
        return registration
    return None


def published_offers_of(organization_id: int) -> QuerySet[TechnologyOffer]:
    return TechnologyOffer.objects.filter(
        organization_id=organization_id, status=PublicationStatus.PUBLISHED
    ).order_by("title")


def published_needs_of(organization_id: int) -> QuerySet[TechnologyNeed]:
    return TechnologyNeed.objects.filter(
        organization_id=organization_id, status=PublicationStatus.PUBLISHED
    ).order_by("title")


def pair_scores(event: Event) -> dict[tuple[int, int], float]:
    """The best match score between what two approved participants present (one's offer for
    the other's need), keyed by the pair of registration ids in increasing order. 3 queries."""
    approved = {"registration__event": event, "registration__status": Registration.Status.APPROVED}
    offer_through = Registration.offers.through
    need_through = Registration.needs.through
    offer_regs: dict[int, list[int]] = defaultdict(list)
    for reg, offer in offer_through.objects.filter(**approved).values_list(
        "registration_id", "technologyoffer_id"
    ):
        offer_regs[offer].append(reg)
    need_regs: dict[int, list[int]] = defaultdict(list)
    for reg, need in need_through.objects.filter(**approved).values_list(
        "registration_id", "technologyneed_id"
    ):
        need_regs[need].append(reg)
    best: dict[tuple[int, int], float] = {}
    if not offer_regs or not need_regs:
        return best
    rows = MatchScore.objects.filter(
        offer_id__in=list(offer_regs), need_id__in=list(need_regs)
    ).values_list("offer_id", "need_id", "score")
    for offer, need, score in rows:
        for a in offer_regs[offer]:
            for b in need_regs[need]:
                if a != b:
                    key = (min(a, b), max(a, b))
                    best[key] = max(best.get(key, 0.0), score)
    return best


def other_participants(
    registration: Registration, *, country: str = "", sector: str = "", min_score=None
) -> tuple[list[Registration], dict[int, float]]:
    """The event's other approved participants that a participant may ask for a meeting,
    filtered, with the match score of each against it (best score first, then by name)."""
    event = registration.event
    others = (
        event_registrations(event)
        .filter(status=Registration.Status.APPROVED)
        .exclude(pk=registration.pk)
        .prefetch_related("organization__sectors")
    )
    if country:
        others = others.filter(organization__country=country)
    if sector:
        in_sector = Q(organization__sectors__code=sector) | Q(organization__sectors__parent=sector)
        others = others.filter(in_sector).distinct()
    scores = {
        (b if a == registration.pk else a): score
        for (a, b), score in pair_scores(event).items()
        if registration.pk in (a, b)
    }
    rows = list(others)
    if min_score is not None:
        rows = [r for r in rows if scores.get(r.pk, 0.0) >= min_score]
    rows.sort(key=lambda r: (-scores.get(r.pk, 0.0), r.organization.name))
    return rows, scores


def requests_of(registration: Registration) -> tuple[list, list]:
    """(received, sent) requests of a participant, newest first."""
    base = MeetingRequest.objects.select_related(
        "requester__organization", "recipient__organization", "offer", "need", "event"
    ).order_by("-created_at")
    received = list(base.filter(recipient=registration))
    sent = list(base.filter(requester=registration))
    return received, sent


def request_partners(registration: Registration) -> dict[int, str]:
    """Registration id → status of the request this participant sent it (for the browse page)."""
    return dict(
        MeetingRequest.objects.filter(requester=registration).values_list("recipient_id", "status")
    )


def meetings_of(registration: Registration) -> QuerySet[Meeting]:
    """A participant's meetings in the schedule, in time order."""
    return (
        Meeting.objects.filter(
            Q(registration_a=registration) | Q(registration_b=registration), ACTIVE
        )
        .select_related(
            "slot", "table", "registration_a__organization", "registration_b__organization"
        )
        .order_by("slot__starts_at")
    )


def event_meetings(event: Event) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(ACTIVE, event=event)
        .select_related(
            "slot", "table", "registration_a__organization", "registration_b__organization"
        )
        .order_by("slot__starts_at", "table__position", "table__label")
    )


def schedule_grid(event: Event) -> tuple[list[Slot], list[Table], list[list[Meeting | None]]]:
    """Slots × tables with the meeting in each cell (None when free). 3 queries."""
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.tables.select_related("host__organization"))
    cell = {(m.slot_id, m.table_id): m for m in event_meetings(event)}
    rows = [[cell.get((slot.pk, table.pk)) for table in tables] for slot in slots]
    return slots, tables, rows


def latest_run(event: Event) -> ScheduleRun | None:
    return event.schedule_runs.select_related("requested_by").order_by("-created_at").first()


def door_list(event: Event) -> list[tuple[Registration, Meeting | None, int]]:
    """Approved participants by name with their first meeting and their meeting count."""
    registrations = list(
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .select_related("organization")
        .order_by("organization__name")
    )
    first: dict[int, Meeting] = {}
    count: dict[int, int] = defaultdict(int)
    for meeting in event_meetings(event):
        for reg_id in (meeting.registration_a_id, meeting.registration_b_id):
            first.setdefault(reg_id, meeting)
            count[reg_id] += 1
    return [(r, first.get(r.pk), count[r.pk]) for r in registrations]


def meeting_opportunities(organization_id: int, user) -> list[dict]:
    """Upcoming events where the user's organisation could ask ``organization_id`` to meet.

    Each entry: the event, the supplier's registration, and the user's own approved
    registration when there is one (else the user would first have to register).
    """
    theirs = list(
        Registration.objects.filter(
            organization_id=organization_id,
            status=Registration.Status.APPROVED,
            event__status__in=[Event.Status.REGISTRATION_OPEN, Event.Status.REGISTRATION_CLOSED],
            event__ends_on__gte=timezone.localdate(),
        ).select_related("event")
    )
    if not theirs:
        return []
    mine = {}
    if user.is_authenticated:
        for registration in Registration.objects.filter(
            event__in=[r.event_id for r in theirs],
            organization__memberships__user=user,
            status=Registration.Status.APPROVED,
        ).exclude(organization_id=organization_id):
            mine.setdefault(registration.event_id, registration)
    return [
        {"event": r.event, "theirs": r, "mine": mine.get(r.event_id)}
        for r in sorted(theirs, key=lambda r: r.event.starts_on)
    ]
