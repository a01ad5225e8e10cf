"""The scheduler's input built from the database, in the JSON format of shared/FORMATS.md.

Which pairs become candidate meetings, and how much each is worth:

- **locked meetings** (kept by officials) are fixed in their slot and table and required;
- **accepted requests** and **mutual requests** (both sides asked) are *required*: the solver
  places as many of them as it possibly can before anything else (its first lexicographic
  level), so "required when feasible, else as many as possible" needs no second solve; those it
  cannot place are reported with a reason;
- **pending one-sided requests** are optional, worth ``WEIGHT_MUST`` or ``WEIGHT_WOULD_LIKE`` by
  the requester's priority, plus ``WEIGHT_SCORE`` × the pair's match score;
- **suggestions** — pairs without any request whose best match score (one's offer for the
  other's need) reaches ``SUGGESTION_MIN_SCORE`` — are optional with a low weight
  (``WEIGHT_SUGGESTION`` × score), at most ``SUGGESTIONS_PER_PARTICIPANT`` per participant;
- declined, withdrawn and expired requests never lead to a meeting (nor to a suggestion), and
  a pending request whose deadline has passed counts as expired even before the expiry job ran.

Participants are the approved registrations, with their unavailable slots (a locked meeting
wins over them), their own maximum within the event's, and the interpreter language they need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from events.models import Event, Meeting, MeetingRequest, Registration
from events.selectors import pair_scores

WEIGHT_MUST = 10.0
WEIGHT_WOULD_LIKE = 5.0
WEIGHT_SCORE = 3.0
WEIGHT_SUGGESTION = 1.0
SUGGESTION_MIN_SCORE = 0.5
SUGGESTIONS_PER_PARTICIPANT = 10

LOCKED, ACCEPTED, REQUESTED, SUGGESTED = "locked", "accepted", "requested", "suggested"


@dataclass
class Candidate:
    """What an instance meeting stands for in the database."""

    a: int  # registration ids
    b: int
    kind: str
    request_id: int | None = None
    score: float | None = None
    meeting_id: int | None = None  # for locked meetings
    covers: str | None = None  # a locked meeting's pair also asked for: ACCEPTED or REQUESTED


@dataclass
class BuiltInstance:
    data: dict
    candidates: dict[str, Candidate]
    names: dict[str, str] = field(default_factory=dict)  # instance id → readable name

    def count(self, kind: str) -> int:
        return sum(1 for c in self.candidates.values() if c.kind == kind)


def _rid(pk: int) -> str:
    return f"r{pk}"


def build_instance(event: Event, *, now=None) -> BuiltInstance:
    """Read the event's set-up, participants, requests and locked meetings (about 10 queries)."""
    now = now or timezone.now()
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.tables.all())
    registrations = list(
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .select_related("organization")
        .prefetch_related("unavailable_slots")
        .order_by("pk")
    )
    approved = {r.pk: r for r in registrations}
    locked = list(
        Meeting.objects.filter(event=event, locked=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("pk")
    )
    locked = [
        m for m in locked if m.registration_a_id in approved and m.registration_b_id in approved
    ]
    locked_slots: dict[int, set[int]] = {}
    for meeting in locked:
        for reg in (meeting.registration_a_id, meeting.registration_b_id):
            locked_slots.setdefault(reg, set()).add(meeting.slot_id)

    data: dict = {
        "name": f"event-{event.pk}",
        "slots": [
            {
                "id": f"s{slot.pk}",
                "session": f"x{slot.session_id}" if slot.session_id else None,
                "start": slot.starts_at.isoformat(),
                "end": slot.ends_at.isoformat(),
            }
            for slot in slots
        ],
        "tables": [
            {
                "id": f"t{table.pk}",
                "host": _rid(table.host_id) if table.host_id in approved else None,
                "interpreter": table.interpreter_language or None,
            }
            for table in tables
        ],
        "interpreters": {i.language: i.count for i in event.interpreters.all()},
        "participants": [],
        "meetings": [],
    }
    for reg in registrations:
        mine = locked_slots.get(reg.pk, set())
        data["participants"].append(
            {
                "id": _rid(reg.pk),
                "unavailable": [
                    f"s{s.pk}" for s in reg.unavailable_slots.all() if s.pk not in mine
                ],
                "max_meetings": max(reg.meeting_limit, len(mine)),
                "interpreter": reg.interpreter_language or None,
            }
        )
    names = {_rid(r.pk): r.organization.display_name for r in registrations}
    names.update({f"t{t.pk}": t.label for t in tables})

    candidates: dict[str, Candidate] = {}
    taken: dict[tuple[int, int], str] = {}  # pair → its locked meeting's key
    for meeting in locked:
        key = f"L{meeting.pk}"
        pair = _pair(meeting.registration_a_id, meeting.registration_b_id)
        taken[pair] = key
        candidates[key] = Candidate(
            *pair, kind=LOCKED, request_id=meeting.request_id, score=meeting.score,
            meeting_id=meeting.pk,
        )  # fmt: skip
        data["meetings"].append(
            {
                "id": key,
                "a": _rid(meeting.registration_a_id),
                "b": _rid(meeting.registration_b_id),
                "weight": 0.0,
                "required": True,
                "slot": f"s{meeting.slot_id}",
                "table": f"t{meeting.table_id}",
            }
        )

    scores = pair_scores(event)
    expired = event.request_deadline is not None and event.request_deadline <= now
    by_pair: dict[tuple[int, int], list[MeetingRequest]] = {}
    for request in MeetingRequest.objects.filter(event=event).order_by("pk"):
        if request.requester_id in approved and request.recipient_id in approved:
            pair = _pair(request.requester_id, request.recipient_id)
            by_pair.setdefault(pair, []).append(request)

    for pair, requests in sorted(by_pair.items()):
        live = [
            r
            for r in requests
            if r.status == MeetingRequest.Status.ACCEPTED
            or (r.status == MeetingRequest.Status.PENDING and not expired)
        ]
        if not live:
            continue
        score = scores.get(pair)
        accepted = [r for r in live if r.status == MeetingRequest.Status.ACCEPTED]
        mutual = len({r.requester_id for r in live}) == 2
        if pair in taken:  # already met by a locked meeting: counted, not asked again
            candidates[taken[pair]].covers = ACCEPTED if accepted or mutual else REQUESTED
            continue
        if accepted or mutual:
            chosen, kind, required = (accepted or live)[0], ACCEPTED, True
            weight = WEIGHT_MUST + WEIGHT_SCORE * (score or 0.0)
        else:
            chosen = max(live, key=lambda r: (r.priority == MeetingRequest.Priority.MUST, -r.pk))
            kind, required = REQUESTED, False
            must = chosen.priority == MeetingRequest.Priority.MUST
            weight = (WEIGHT_MUST if must else WEIGHT_WOULD_LIKE) + WEIGHT_SCORE * (score or 0.0)
        key = f"p{pair[0]}-{pair[1]}"
        candidates[key] = Candidate(*pair, kind=kind, request_id=chosen.pk, score=score)
        data["meetings"].append(
            {"id": key, "a": _rid(pair[0]), "b": _rid(pair[1]), "weight": round(weight, 3),
             "required": required}
        )  # fmt: skip

    hosts = {t.host_id for t in tables if t.host_id in approved}
    suggested: dict[int, int] = {}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    for pair, score in ranked:
        if score < SUGGESTION_MIN_SCORE:
            break
        if pair in by_pair or pair in taken or (pair[0] in hosts and pair[1] in hosts):
            continue
        if any(suggested.get(p, 0) >= SUGGESTIONS_PER_PARTICIPANT for p in pair):
            continue
        for p in pair:
            suggested[p] = suggested.get(p, 0) + 1
        key = f"p{pair[0]}-{pair[1]}"
        candidates[key] = Candidate(*pair, kind=SUGGESTED, score=score)
        data["meetings"].append(
            {"id": key, "a": _rid(pair[0]), "b": _rid(pair[1]),
             "weight": round(WEIGHT_SUGGESTION * score, 3), "required": False}
        )  # fmt: skip
    return BuiltInstance(data=data, candidates=candidates, names=names)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
