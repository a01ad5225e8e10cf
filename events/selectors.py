"""Reads on events: querysets with their related rows already fetched."""

from __future__ import annotations

from collections import defaultdict

from django.core import signing
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare

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
    return _events_with_figures().filter(is_public=True).exclude(status=Event.Status.DRAFT)


def event_for_visitor(pk: int, user, *, key: str = "") -> Event | None:
    """An event's page if the visitor may see it: a listed event (not a draft) for everyone;
    an unlisted one for officials, members of its registered organisations and whoever has its
    link (``unlisted_key``); a draft for officials only."""
    event = _events_with_figures().filter(pk=pk).first()
    if event is None:
        return None
    if user.is_authenticated and user.is_official:
        return event
    if event.status == Event.Status.DRAFT:
        return None
    if event.is_public or unlisted_key_valid(event, key):
        return event
    if (
        user.is_authenticated
        and event.registrations.filter(organization__memberships__user=user).exists()
    ):
        return event
    return None


UNLISTED_SALT = "events.unlisted"


def unlisted_key(event: Event) -> str:
    """The key of an unlisted event's link, for officials to share (``?k=``)."""
    return signing.Signer(salt=UNLISTED_SALT).sign(str(event.pk)).split(":", 1)[1]


def unlisted_key_valid(event: Event, key: str) -> bool:
    return bool(key) and constant_time_compare(key, unlisted_key(event))


def _events_with_figures() -> QuerySet[Event]:
    return (
        Event.objects.select_related("host")
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


def event_cards() -> QuerySet[Event]:
    """Public events for the cards of the lists: no partners, sectors or figures to fetch."""
    return (
        Event.objects.filter(is_public=True)
        .exclude(status=Event.Status.DRAFT)
        .order_by("-starts_on", "-pk")
    )


def upcoming_events() -> QuerySet[Event]:
    return event_cards().filter(ends_on__gte=timezone.localdate()).order_by("starts_on", "pk")


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

    Each entry: the event, the supplier's registration, the user's own approved registration
    when there is one, else the user's registration still waiting for approval (the user can
    ask once it is approved; without either, the user would first have to register). One query
    for the supplier's and the user's registrations together.
    """
    from core.permissions import memberships_of

    mine_ids = [
        m.organization_id for m in memberships_of(user) if m.organization_id != organization_id
    ]
    registrations = Registration.objects.filter(
        Q(organization_id=organization_id, status=Registration.Status.APPROVED)
        | Q(
            organization_id__in=mine_ids,
            status__in=[Registration.Status.APPROVED, Registration.Status.PENDING],
        ),
        event__status__in=[Event.Status.REGISTRATION_OPEN, Event.Status.REGISTRATION_CLOSED],
        event__ends_on__gte=timezone.localdate(),
    ).select_related("event")
    theirs, approved, pending = [], {}, {}
    for registration in registrations.order_by("pk"):
        if registration.organization_id == organization_id:
            theirs.append(registration)
        elif registration.status == Registration.Status.APPROVED:
            approved.setdefault(registration.event_id, registration)
        else:
            pending.setdefault(registration.event_id, registration)
    return [
        {
            "event": r.event,
            "theirs": r,
            "mine": approved.get(r.event_id),
            "pending": None if r.event_id in approved else pending.get(r.event_id),
        }
        for r in sorted(theirs, key=lambda r: (r.event.starts_on, r.event_id))
    ]


# --- The day of the event ---------------------------------------------------------------------


def checkin_participants(event: Event, query: str = "") -> list[Registration]:
    """Approved participants whose organisation or representative names contain every word of
    ``query``, accent- and case-insensitively ("nguyen" finds "Nguyễn"), by name. 1 query: an
    event has a few hundred participants at most, folded here rather than per database."""
    from matchmaking.search import folded_words

    registrations = list(
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .select_related("organization")
        .order_by("organization__name")
    )
    words = folded_words(query)
    if not words:
        return registrations

    def haystack(registration: Registration) -> str:
        people = [
            " ".join(str(p.get(k, "")) for k in ("name", "title", "email"))
            for p in registration.representatives or []
            if isinstance(p, dict)
        ]
        org = registration.organization
        return " ".join(folded_words(" ".join([org.name, org.name_en, *people])))

    return [r for r in registrations if all(w in haystack(r) for w in words)]


def live_board(event: Event, now=None) -> dict:
    """What the live board shows: slots × tables with each meeting and whether its two sides
    are checked in, the slot on now (or next), and the day's figures. 4 queries."""
    now = now or timezone.now()
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.tables.all())
    meetings = list(event_meetings(event))
    participants = list(
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .select_related("organization")
        .order_by("organization__name")
    )
    current = next((s for s in slots if s.starts_at <= now < s.ends_at), None)
    upcoming = next((s for s in slots if s.starts_at > now), None)
    cell = {(m.slot_id, m.table_id): m for m in meetings}
    status = Meeting.Status

    def waiting(meeting: Meeting | None, started: bool) -> bool:
        """A meeting that has started without one of its sides (a no-show in the making)."""
        return (
            meeting is not None
            and started
            and meeting.status in (status.SCHEDULED, status.CONFIRMED)
            and not (meeting.registration_a.checked_in_at and meeting.registration_b.checked_in_at)
        )

    rows = []
    for slot in slots:
        state = (
            "now"
            if current is not None and slot.pk == current.pk
            else ("past" if slot.ends_at <= now else "future")
        )
        cells = []
        for table in tables:
            meeting = cell.get((slot.pk, table.pk))
            cells.append((table, meeting, waiting(meeting, state != "future")))
        rows.append({"slot": slot, "state": state, "cells": cells})
    present = [r for r in participants if r.checked_in_at]
    on_now = [m for m in meetings if current is not None and m.slot_id == current.pk]
    return {
        "rows": rows,
        "tables": tables,
        "current": current,
        "upcoming": upcoming,
        "now": now,
        "participants": participants,
        "present": present,
        "absent": [r for r in participants if not r.checked_in_at],
        "on_now": on_now,
        "waiting": [m for m in on_now if waiting(m, True)],
        "counts": {
            "meetings": len(meetings),
            "held": sum(m.status == status.HELD for m in meetings),
            "no_show": sum(m.status == status.NO_SHOW for m in meetings),
        },
    }


def free_participants(event: Event, slot: Slot) -> list[Registration]:
    """Checked-in approved participants with no meeting in ``slot`` (for a last-minute
    meeting), by name. 2 queries."""
    busy = set()
    for a, b in Meeting.objects.filter(ACTIVE, event=event, slot=slot).values_list(
        "registration_a_id", "registration_b_id"
    ):
        busy.update((a, b))
    return [
        r
        for r in Registration.objects.filter(
            event=event, status=Registration.Status.APPROVED, checked_in_at__isnull=False
        )
        .select_related("organization")
        .order_by("organization__name")
        if r.pk not in busy
    ]
