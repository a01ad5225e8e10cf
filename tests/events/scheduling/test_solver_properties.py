"""Property-based tests on random tiny instances with every kind of constraint.

The brute force in ``brute.py`` enumerates every (slot, table) choice, so instances stay tiny
(≤ 4 meetings, ≤ 3 slots, ≤ 2 tables); ``max_examples`` keeps the file around half a minute.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.scheduling.check import check
from events.scheduling.io import parse_instance
from events.scheduling.solver import solve
from tests.events.scheduling.brute import best_objective

LANGS = [None, None, None, "ko", "ja"]


@st.composite
def tiny_instances(draw: st.DrawFn) -> dict[str, Any]:
    """Every kind of constraint: sessions, availability, maxima, hosts (up to two), interpreter
    tables and pools in two languages, fixed slots, fixed tables and locked meetings (required
    with slot and table), precedences, the break-spread rule, and ``tables`` as a number."""
    n_slots = draw(st.integers(2, 3))
    slots = [{"id": f"s{k}", "session": "am" if k < 2 else "pm"} for k in range(n_slots)]
    n_parts = draw(st.integers(2, 4))
    parts = []
    for i in range(n_parts):
        unavailable = draw(st.lists(st.sampled_from([s["id"] for s in slots]), max_size=1))
        parts.append(
            {
                "id": f"p{i}",
                "unavailable": unavailable,
                "max_meetings": draw(st.sampled_from([None, None, 1, 2])),
                "interpreter": draw(st.sampled_from(LANGS)),
            }
        )
    n_tables = draw(st.integers(1, 2))
    tables: list[dict[str, Any]] | int
    if draw(st.integers(0, 3)) == 0:
        tables = n_tables  # interchangeable tables T1…TN
        table_rows = [{"id": f"T{k}", "host": None, "interpreter": None} for k in range(1, 3)]
        table_rows = table_rows[:n_tables]
    else:
        hosts = draw(st.sampled_from([[], [], ["p0"], ["p1"], ["p0", "p1"]]))
        table_rows = []
        for k in range(n_tables):
            table_rows.append(
                {
                    "id": f"T{k}",
                    "host": hosts[k] if k < len(hosts) else None,
                    "interpreter": draw(st.sampled_from([None, None, "ko", "ja"])),
                }
            )
        tables = table_rows
    host_table = {t["host"]: t["id"] for t in table_rows if t["host"]}
    pair_pool = [(f"p{i}", f"p{j}") for i in range(n_parts) for j in range(i + 1, n_parts)]
    n_meet = draw(st.integers(1, 4))
    meetings = []
    for k in range(n_meet):
        a, b = draw(st.sampled_from(pair_pool))
        m = {
            "id": f"m{k}",
            "a": a,
            "b": b,
            "weight": draw(st.sampled_from([0.5, 1.0, 2.0, 3.25])),
            "required": draw(st.booleans()) and draw(st.booleans()),
            "session": draw(st.sampled_from([None, None, None, "am"])),
            "slot": draw(st.sampled_from([None, None, None, "s1", "s0"])),
            "after": [],
        }
        if m["slot"] is not None and draw(st.booleans()):
            # A fixed table: the host's own when a host takes part, else a table without host.
            own = [host_table[p] for p in (a, b) if p in host_table]
            free = [t["id"] for t in table_rows if not t["host"]]
            choices = own[:1] if own else free
            if choices and len(own) < 2:
                m["table"] = draw(st.sampled_from(choices))
                if draw(st.booleans()):
                    m["required"] = True  # a locked meeting
        if k > 0 and draw(st.integers(0, 4)) == 0:
            m["after"] = [f"m{draw(st.integers(0, k - 1))}"]
        meetings.append(m)
    return {
        "slots": slots,
        "tables": tables,
        "interpreters": {"ko": draw(st.integers(0, 1)), "ja": draw(st.integers(0, 1))},
        "participants": parts,
        "meetings": meetings,
        "options": {"max_break_spread": draw(st.sampled_from([None, None, 0, 1]))},
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_solver_output_passes_checker_and_matches_brute_force(data: dict[str, Any]) -> None:
    inst = parse_instance(data)
    result = solve(inst, time_limit=5, seed=0)
    output = result.to_dict(inst)
    report = check(inst, output)
    assert report.errors == []
    best = best_objective(inst)
    assert best is not None  # the empty schedule is always valid
    n_required = sum(1 for m in inst.meetings if m.required)
    if best[0] == n_required:
        assert output["status"] != "infeasible"
    got = output["objective"]
    assert (got["required"], got["weight"], got["min_meetings"], got["breaks"]) == best
    assert output["status"] == ("infeasible" if best[0] < n_required else "optimal")


def _chain_instance(n_slots: int, gaps: list[str]) -> dict[str, Any]:
    """p0 meets p1, p2, p3 once each; ``gaps`` are slots where p0 is unavailable."""
    return {
        "slots": [{"id": str(k), "session": None} for k in range(n_slots)],
        "tables": 2,
        "participants": [{"id": "p0", "unavailable": gaps}]
        + [{"id": f"p{i}"} for i in range(1, 4)],
        "meetings": [
            {"id": f"m{i}", "a": "p0", "b": f"p{i}", "required": True} for i in range(1, 4)
        ],
    }


def test_solver_breaks_equal_brute_force_minimum() -> None:
    # p0 is away in slot 1 of 0..3, so its three meetings take slots 0, 2 and 3: one break.
    inst = parse_instance(_chain_instance(4, ["1"]))
    result = solve(inst, time_limit=5)
    assert best_objective(inst) == (3, 3.0, 1, 1)
    assert (result.objective.breaks, result.bound.breaks, result.status) == (1, 1, "optimal")


def test_solver_weight_equals_brute_force_optimum() -> None:
    data = {
        "slots": [{"id": "1"}, {"id": "2"}],
        "tables": 1,
        "participants": [{"id": f"p{i}"} for i in range(4)],
        "meetings": [
            {"id": "m1", "a": "p0", "b": "p1", "weight": 5},
            {"id": "m2", "a": "p2", "b": "p3", "weight": 4},
            {"id": "m3", "a": "p0", "b": "p2", "weight": 3},
            {"id": "m4", "a": "p1", "b": "p3", "weight": 2.5},
        ],
    }
    inst = parse_instance(data)
    result = solve(inst, time_limit=5)
    # One table and two slots: two meetings at most, the best two are m1 and m2.
    assert best_objective(inst) == (0, 9.0, 1, 0)
    assert (result.objective.weight, result.bound.weight, result.gap) == (9.0, 9.0, 0.0)
    assert sorted(m.id for m in result.meetings) == ["m1", "m2"]


def test_solver_same_input_and_seed_same_output() -> None:
    data = _chain_instance(6, ["2"])
    first = solve(parse_instance(data), time_limit=5, seed=3).to_dict(parse_instance(data))
    second = solve(parse_instance(data), time_limit=5, seed=3).to_dict(parse_instance(data))
    first.pop("seconds")
    second.pop("seconds")
    assert first == second
