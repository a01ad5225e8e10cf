"""The checker accepts a valid schedule and rejects each kind of hard-constraint violation."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from events.scheduling.check import check
from events.scheduling.io import parse_instance

INSTANCE: dict[str, Any] = {
    "slots": [
        {"id": "1", "session": "morning"},
        {"id": "2", "session": "morning"},
        {"id": "3", "session": "afternoon"},
        {"id": "4", "session": "afternoon"},
    ],
    "tables": [
        {"id": "T1", "host": "p1", "interpreter": "ko"},
        {"id": "T2", "host": None, "interpreter": "ko"},
        {"id": "T3", "host": None, "interpreter": None},
        {"id": "T4", "host": None, "interpreter": None},
    ],
    "interpreters": {"ko": 0},
    "participants": [
        {"id": "p1"},
        {"id": "p2"},
        {"id": "p3", "interpreter": "ko", "unavailable": ["3"]},
        {"id": "p4", "max_meetings": 1},
        {"id": "p5"},
        {"id": "p6"},
        {"id": "p7"},
    ],
    "meetings": [
        {"id": "m1", "a": "p1", "b": "p2", "required": True},
        {"id": "m2", "a": "p3", "b": "p5"},
        {"id": "m3", "a": "p2", "b": "p5", "after": ["m1"]},
        {"id": "m4", "a": "p4", "b": "p6", "session": "afternoon"},
        {"id": "m5", "a": "p1", "b": "p3", "slot": "2"},
        {"id": "m6", "a": "p2", "b": "p4"},
        {"id": "m7", "a": "p2", "b": "p1"},
        {"id": "m8", "a": "p5", "b": "p6", "slot": "4", "table": "T4"},
        {"id": "m9", "a": "p6", "b": "p7"},
    ],
    "options": {"max_break_spread": 1},
}

SCHEDULE = [
    ("m1", "p1", "p2", "1", "T1"),
    ("m2", "p3", "p5", "1", "T2"),
    ("m5", "p1", "p3", "2", "T1"),
    ("m3", "p2", "p5", "2", "T3"),
    ("m9", "p6", "p7", "2", "T4"),
    ("m4", "p4", "p6", "3", "T3"),
    ("m8", "p5", "p6", "4", "T4"),
]


def _output() -> dict[str, Any]:
    return {
        "status": "feasible",
        "meetings": [
            {"id": i, "a": a, "b": b, "slot": s, "table": t} for i, a, b, s, t in SCHEDULE
        ],
        "unscheduled": [],
        "objective": {"required": 1, "weight": 7.0, "min_meetings": 1, "breaks": 1},
        "bound": {"weight": 9.0, "breaks": 0},
        "gap": round(2 / 9, 6),
        "seconds": 0.1,
    }


def _errors(mutate: Callable[[dict[str, Any]], None], instance: dict | None = None) -> list[str]:
    """Errors for the mutated schedule, its objective and gap restated consistently so that only
    the hard-constraint errors remain."""
    inst = parse_instance(instance or INSTANCE)
    out = _output()
    mutate(out)
    recomputed = check(inst, copy.deepcopy(out)).objective
    out["objective"] = recomputed
    out["gap"] = round((9.0 - recomputed["weight"]) / 9.0, 6)
    return check(inst, out).errors


def _move(mid: str, slot: str | None = None, table: str | None = None):
    def apply(out: dict[str, Any]) -> None:
        row = next(r for r in out["meetings"] if r["id"] == mid)
        if slot is not None:
            row["slot"] = slot
        if table is not None:
            row["table"] = table

    return apply


def _add(mid: str, a: str, b: str, slot: str, table: str):
    def apply(out: dict[str, Any]) -> None:
        out["meetings"].append({"id": mid, "a": a, "b": b, "slot": slot, "table": table})

    return apply


def test_check_accepts_the_valid_schedule() -> None:
    report = check(parse_instance(INSTANCE), _output())
    assert (report.ok, report.errors) == (True, [])
    assert report.objective == {"required": 1, "weight": 7.0, "min_meetings": 1, "breaks": 1}


def test_check_rejects_unavailable_participant() -> None:
    assert _errors(_move("m2", slot="3")) == ["m2: p3 is unavailable in slot 3"]


def test_check_rejects_participant_in_two_meetings_at_once() -> None:
    assert _errors(_move("m4", slot="4", table="T3")) == ["slot 4: p6 is in both m4 and m8"]


def test_check_rejects_table_used_twice_in_a_slot() -> None:
    assert _errors(_move("m9", table="T3")) == ["slot 2: table T3 has both m3 and m9"]


def test_check_rejects_host_meeting_away_from_its_table() -> None:
    assert _errors(_move("m1", table="T4")) == ["m1: p1 hosts table T1 but meets at T4"]


def test_check_rejects_other_meeting_at_a_host_table() -> None:
    assert _errors(_move("m4", table="T1")) == [
        "m4: seated at T1, the table of host p1, who is not in it"
    ]


def test_check_rejects_interpreter_shortage() -> None:
    assert _errors(_move("m2", table="T4")) == [
        "slot 1: 1 meetings need a ko interpreter from the pool of 0"
    ]


def test_check_rejects_meeting_outside_its_session() -> None:
    assert _errors(_move("m4", slot="1")) == ["m4: slot 1 is not in session afternoon"]


def test_check_rejects_moved_fixed_slot() -> None:
    assert _errors(_move("m5", slot="4")) == ["m5: fixed to slot 2 but scheduled in 4"]


def test_check_rejects_moved_fixed_table() -> None:
    assert _errors(_move("m8", table="T3")) == ["m8: fixed to table T4 but seated at T3"]


def test_check_rejects_broken_precedence() -> None:
    assert _errors(_move("m1", slot="3")) == ["m3: must come after m1 but is in slot 2, m1 in 3"]


def test_check_rejects_more_than_max_meetings() -> None:
    assert _errors(_add("m6", "p2", "p4", "4", "T3")) == ["p4: 2 meetings but max_meetings 1"]


def test_check_rejects_pair_meeting_twice() -> None:
    assert _errors(_add("m7", "p2", "p1", "4", "T1")) == ["pair p1/p2 meets more than once: m1, m7"]


def test_check_rejects_break_spread_violation() -> None:
    strict = copy.deepcopy(INSTANCE)
    strict["options"]["max_break_spread"] = 0
    assert _errors(lambda out: None, strict) == [
        "break spread: p5 has 1 breaks, p1 has 0, more than max_break_spread 0 apart"
    ]


def test_check_rejects_missing_required_meeting() -> None:
    def drop_m1(out: dict[str, Any]) -> None:
        out["meetings"] = [r for r in out["meetings"] if r["id"] != "m1"]

    assert _errors(drop_m1) == [
        "m1: required but neither scheduled nor listed as unscheduled",
        "status: feasible but 1 required meetings are not scheduled",
    ]


def test_check_rejects_wrong_objective() -> None:
    out = _output()
    out["objective"]["breaks"] = 0
    assert check(parse_instance(INSTANCE), out).errors == [
        "objective.breaks: output says 0, the schedule gives 1"
    ]


def test_check_requires_bound_gap_and_seconds() -> None:
    inst = parse_instance(INSTANCE)
    out = _output()
    del out["bound"], out["gap"], out["seconds"]
    assert check(inst, out).errors == [
        "bound: missing or not an object, got None",
        "gap: missing or not a number, got None",
        "seconds: missing or not a number ≥ 0, got None",
    ]
    out = _output()
    out["bound"] = {"weight": 9.0}
    assert check(inst, out).errors == ["bound.breaks: must be a number or null, got 'missing'"]
