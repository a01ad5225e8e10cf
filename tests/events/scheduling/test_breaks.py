"""Proven floors on breaks, and the solver using them to prove its break count optimal."""

from __future__ import annotations

from pathlib import Path

import pytest

from events.scheduling.breaks import break_lower_bounds, floor_by_count, participant_lower_bound
from events.scheduling.io import parse_instance
from events.scheduling.prepare import prepare
from events.scheduling.solver import solve

GIRONA = Path("/work/shared/benchmarks/b2b-girona")


def test_floor_follows_the_matching_not_just_the_free_slots() -> None:
    # Slots 0–3. One meeting only fits slot 0, one slot 0 or 2, one slot 3: the busy slots
    # must be {0, 2, 3} although slots 0–2 are each allowed to someone: one break.
    assert participant_lower_bound([0b0001, 0b0101, 0b1000], 4, cap=4) == 1
    # Allowing the second meeting in slot 1 does not help: the first still needs slot 0 and
    # the third slot 3, so slots 0, 1, 3 at best.
    assert participant_lower_bound([0b0001, 0b0111, 0b1000], 4, cap=4) == 1
    # Here 1, 2, 3 (or 0, 1, 2) is a contiguous day.
    assert participant_lower_bound([0b0011, 0b0111, 0b1100], 4, cap=4) == 0


def test_floor_by_count_for_participants_with_optional_meetings() -> None:
    # Two candidate meetings, one only in slot 0, one only in slot 2: holding one costs no
    # break, holding both costs one.
    assert floor_by_count([0b001, 0b100], 3, 2) == [0, 0, 1]


@pytest.mark.skipif(not GIRONA.is_dir(), reason="Girona instances not available")
def test_floor_equals_the_published_optimum_on_forumt_14crafd() -> None:
    from bench.dzn import load_dzn

    prob = prepare(parse_instance(load_dzn(GIRONA / "forumt-14crafd.original.dzn")))
    floors = break_lower_bounds(prob, range(prob.M), 2)
    assert len(floors) == prob.P
    assert sum(floors.values()) == 4  # the published optimum


def test_solver_proves_one_break_above_the_per_participant_floor() -> None:
    # p0 meets p1 and p2 (required); p3 and p4 can only meet in slot 2, and there is one
    # table, so p0's meetings take slots 1 and 3: one break, although p0 alone could meet in
    # two adjacent slots (floor 0). The floor model proves that no schedule has 0 breaks.
    data = {
        "slots": [{"id": "1"}, {"id": "2"}, {"id": "3"}],
        "tables": 1,
        "participants": [
            {"id": "p0"}, {"id": "p1"}, {"id": "p2"},
            {"id": "p3", "unavailable": ["1", "3"]}, {"id": "p4"},
        ],
        "meetings": [
            {"id": "a", "a": "p0", "b": "p1", "required": True},
            {"id": "b", "a": "p0", "b": "p2", "required": True},
            {"id": "c", "a": "p3", "b": "p4", "required": True},
        ],
    }  # fmt: skip
    result = solve(parse_instance(data), time_limit=10)
    assert (result.status, result.objective.breaks, result.bound.breaks) == ("optimal", 1, 1)
