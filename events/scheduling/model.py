"""Plain data types of the scheduler: the instance it reads and the result it returns.

They mirror the JSON exchange format of ``shared/FORMATS.md`` ("Scheduling"); ``io.py`` converts
between the two. Nothing here knows about Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["optimal", "feasible", "infeasible"]


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    session: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    host: str | None = None
    interpreter: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    id: str
    unavailable: tuple[str, ...] = ()
    max_meetings: int | None = None
    interpreter: str | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    a: str
    b: str
    weight: float = 1.0
    required: bool = False
    session: str | None = None
    slot: str | None = None
    table: str | None = None
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Options:
    max_break_spread: int | None = None


@dataclass(frozen=True, slots=True)
class Instance:
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    interpreters: dict[str, int] = field(default_factory=dict)
    options: Options = Options()
    name: str | None = None


@dataclass(frozen=True, slots=True)
class ScheduledMeeting:
    id: str
    a: str
    b: str
    slot: str
    table: str


@dataclass(frozen=True, slots=True)
class Unscheduled:
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Objective:
    required: int
    weight: float
    min_meetings: int
    breaks: int


@dataclass(frozen=True, slots=True)
class Bound:
    weight: float | None
    breaks: int | None


@dataclass(slots=True)
class Result:
    status: Status
    meetings: list[ScheduledMeeting]
    unscheduled: list[Unscheduled]
    objective: Objective
    bound: Bound
    gap: float
    seconds: float
    # Free-form notes on how the result was obtained (stages, proofs); not part of the JSON
    # output, but handy in benchmarks and logs.
    log: list[str] = field(default_factory=list)
    # The path taken: "exact" (the full time-indexed CP-SAT model) or "large" (the
    # decomposition for events too large for it, see ``large``).
    method: str = "exact"

    def to_dict(self, instance: Instance) -> dict[str, Any]:
        """The output JSON object of FORMATS.md (slot ``start``/``end`` copied when present)."""
        slot_by_id = {s.id: s for s in instance.slots}
        meetings = []
        for m in self.meetings:
            row: dict[str, Any] = {"id": m.id, "a": m.a, "b": m.b, "slot": m.slot, "table": m.table}
            slot = slot_by_id[m.slot]
            if slot.start is not None:
                row["start"] = slot.start
            if slot.end is not None:
                row["end"] = slot.end
            meetings.append(row)
        return {
            "status": self.status,
            "meetings": meetings,
            "unscheduled": [{"id": u.id, "reason": u.reason} for u in self.unscheduled],
            "objective": {
                "required": self.objective.required,
                "weight": self.objective.weight,
                "min_meetings": self.objective.min_meetings,
                "breaks": self.objective.breaks,
            },
            "bound": {"weight": self.bound.weight, "breaks": self.bound.breaks},
            "gap": self.gap,
            "seconds": self.seconds,
        }
