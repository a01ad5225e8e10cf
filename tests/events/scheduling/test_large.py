"""The large-event path (selection, slot insertion with repair, neighbourhood search) on small
events, by lowering the size above which the solver leaves the full model."""

from __future__ import annotations

import random
from typing import Any

import pytest

from events.scheduling.check import check
from events.scheduling.exact import SlotModel
from events.scheduling.io import parse_instance
from events.scheduling.prepare import prepare
from events.scheduling.solver import solve
from events.scheduling.state import State


def _event(seed: int, index: int) -> dict[str, Any]:
    """A seeded mid-size event with hosts, interpreter tables in three languages, sessions,
    fixed slots and precedences (the ``index``-th one drawn from ``seed``)."""
    rng = random.Random(seed)
    for _ in range(index + 1):
        slots = [{"id": str(k), "session": "am" if k < 4 else "pm"} for k in range(8)]
        langs = [None] * 6 + ["ko", "ja", "vi"]
        parts = [
            {
                "id": f"p{i}",
                "unavailable": rng.sample([s["id"] for s in slots], rng.choice([0, 0, 1, 2])),
                "max_meetings": rng.choice([None, None, 3, 5]),
                "interpreter": rng.choice(langs),
            }
            for i in range(30)
        ]
        tables = [
            {"id": f"H{i}", "host": f"p{i}", "interpreter": rng.choice([None, "ko"])}
            for i in range(3)
        ]
        tables += [
            {"id": f"T{k}", "host": None, "interpreter": rng.choice([None, None, "ko", "ja", "vi"])}
            for k in range(6)
        ]
        meetings = []
        for k in range(120):
            a, b = rng.sample(range(30), 2)
            m = {
                "id": f"m{k}",
                "a": f"p{a}",
                "b": f"p{b}",
                "weight": round(rng.uniform(0, 20), 2),
                "required": rng.random() < 0.1,
                "session": rng.choice([None] * 6 + ["am", "pm"]),
                "after": [],
            }
            if rng.random() < 0.05:
                m["slot"] = rng.choice(slots)["id"]
            if k and rng.random() < 0.05:
                m["after"] = [f"m{rng.randrange(k)}"]
            meetings.append(m)
        rng.choice([None, None, 2])  # (a break-spread rule would keep the full model)
    return {
        "slots": slots,
        "tables": tables,
        "interpreters": {"ko": 1, "ja": 1, "vi": 0},
        "participants": parts,
        "meetings": meetings,
    }


@pytest.mark.parametrize(("seed", "index"), [(2, 4), (7, 1)])
def test_large_path_output_passes_checker(seed: int, index: int) -> None:
    # (2, 4) once ended in "no seating meets the interpreters": a neighbourhood step accepted a
    # meeting in a slot whose fixed meetings already needed every interpreter table.
    inst = parse_instance(_event(seed, index))
    out = solve(inst, time_limit=3, seed=0, full_model_max_vars=0).to_dict(inst)
    assert check(inst, out).errors == []
    full = solve(inst, time_limit=3, seed=0).to_dict(inst)
    # Both paths hold every required meeting that the full model holds.
    assert out["objective"]["required"] == full["objective"]["required"]


def test_neighbourhood_respects_languages_only_fixed_meetings_are_short_of() -> None:
    # In slot 0 the fixed meetings need ko (pool 1, two users), ja (pool 1, two users) and vi
    # (pool 0): the three meetings need three interpreter seats and can fill no more. A third
    # ja meeting at a host table (no interpreter there) would need a fourth, although no
    # active meeting needs ko or vi.
    data = {
        "slots": [{"id": "0"}, {"id": "1"}],
        "tables": [
            {"id": "H", "host": "h"},
            {"id": "KO", "interpreter": "ko"},
            {"id": "JA", "interpreter": "ja"},
            {"id": "JA2", "interpreter": "ja"},
            {"id": "VI", "interpreter": "vi"},
            {"id": "T"},
        ],
        "interpreters": {"ko": 1, "ja": 1, "vi": 0},
        "participants": [
            {"id": "h"}, {"id": "j", "interpreter": "ja"}, {"id": "k1", "interpreter": "ko"},
            {"id": "k2", "interpreter": "ko"}, {"id": "j2", "interpreter": "ja"},
            {"id": "j3", "interpreter": "ja"}, {"id": "v", "interpreter": "vi"}, {"id": "x"},
        ],
        "meetings": [
            {"id": "ko", "a": "k1", "b": "x"},
            {"id": "jako", "a": "j2", "b": "k2"},
            {"id": "javi", "a": "j3", "b": "v"},
            {"id": "new", "a": "h", "b": "j"},
        ],
    }  # fmt: skip
    prob = prepare(parse_instance(data))
    base = State(prob)
    for m in range(3):
        assert base.can_place(m, 0)
        base.place(m, 0)
    assert not base.can_place(3, 0)
    model = SlotModel(prob, base, [3], hold=[3], slot_mask=0b01, spread="off")
    assert model.solve(None, maximize=True, dtime=1, wall=5, seed=0, workers=1).status == (
        "INFEASIBLE"
    )
