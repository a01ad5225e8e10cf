"""Instances whose required meetings cannot all be held: status and reasons."""

from __future__ import annotations

from typing import Any

from events.scheduling.io import parse_instance
from events.scheduling.solver import solve


def _base(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slots": [{"id": "1", "session": "morning"}, {"id": "2", "session": "morning"},
                  {"id": "3", "session": "afternoon"}],
        "tables": 2,
        "participants": [{"id": f"p{i}"} for i in range(1, 9)],
        "meetings": [],
    }  # fmt: skip
    data.update(extra)
    return data


def _unscheduled(data: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    inst = parse_instance(data)
    out = solve(inst, time_limit=5).to_dict(inst)
    return out["status"], out["unscheduled"]


def test_infeasible_no_common_free_slot_names_both_participants() -> None:
    data = _base(
        participants=[
            {"id": "p4", "unavailable": ["1", "2"]},
            {"id": "p7", "unavailable": ["3"]},
        ],
        meetings=[{"id": "m1", "a": "p4", "b": "p7", "required": True}],
    )
    assert _unscheduled(data) == (
        "infeasible",
        [{"id": "m1", "reason": "p4 has no free slot in common with p7"}],
    )


def test_infeasible_precedence_cycle_is_reported() -> None:
    data = _base(
        meetings=[
            {"id": "m1", "a": "p1", "b": "p2", "required": True, "after": ["m2"]},
            {"id": "m2", "a": "p3", "b": "p4", "required": True, "after": ["m1"]},
        ]
    )
    status, unscheduled = _unscheduled(data)
    assert status == "infeasible"
    assert len(unscheduled) == 1
    reason = {"m1": "precedence cycle: m1 → m2 → m1", "m2": "precedence cycle: m2 → m1 → m2"}
    assert unscheduled[0]["reason"] == reason[unscheduled[0]["id"]]


def test_infeasible_session_short_of_places_gives_the_arithmetic() -> None:
    # Morning: 2 slots × 2 tables = 4 places, 5 required morning meetings between distinct
    # pairs (so only the tables limit them).
    pairs = [("p1", "p2"), ("p3", "p4"), ("p5", "p6"), ("p7", "p8"), ("p1", "p3")]
    data = _base(
        meetings=[
            {"id": f"m{k}", "a": a, "b": b, "required": True, "session": "morning"}
            for k, (a, b) in enumerate(pairs, start=1)
        ]
    )
    status, unscheduled = _unscheduled(data)
    assert status == "infeasible"
    assert [u["reason"] for u in unscheduled] == [
        "session morning has 2 slots × 2 tables = 4 places but 5 required meetings"
    ]


def test_infeasible_keeps_every_placeable_required_meeting() -> None:
    data = _base(
        participants=[{"id": "p4", "unavailable": ["1", "2", "3"]}, {"id": "p5"}, {"id": "p6"}],
        meetings=[
            {"id": "m1", "a": "p4", "b": "p5", "required": True},
            {"id": "m2", "a": "p5", "b": "p6", "required": True},
        ],
    )
    inst = parse_instance(data)
    out = solve(inst, time_limit=5).to_dict(inst)
    assert [m["id"] for m in out["meetings"]] == ["m2"]
    assert out["unscheduled"] == [{"id": "m1", "reason": "p4 has no free slot"}]
    assert out["objective"]["required"] == 1


def test_long_precedence_chain_gets_its_reason() -> None:
    # 1,500 required meetings, each after the next one in the list, in 3 slots: the chain
    # reason needs the chain's depth, which once overflowed the recursion limit.
    from events.scheduling.prepare import prepare
    from events.scheduling.reasons import explain

    n = 1500
    data = _base(
        participants=[{"id": f"p{i}"} for i in range(2 * n)],
        tables=n,
        meetings=[
            {"id": f"m{i}", "a": f"p{2 * i}", "b": f"p{2 * i + 1}", "required": True,
             "after": [f"m{i + 1}"] if i + 1 < n else []}
            for i in range(n)
        ],
    )  # fmt: skip
    prob = prepare(parse_instance(data))
    why = explain(prob, [-1] * n, timed_out=False)
    assert why[0] == (
        "m0 must follow a chain of 1499 required meetings but its last allowed slot is 3"
    )
