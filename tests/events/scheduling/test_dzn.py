"""The Girona .dzn reader and the solver on the fastest published instances."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.dzn import dzn_to_instance, load_dzn
from events.scheduling.check import check
from events.scheduling.io import parse_instance
from events.scheduling.solver import solve

GIRONA = Path("/work/shared/benchmarks/b2b-girona")
if not GIRONA.is_dir():
    GIRONA = Path(__file__).resolve().parents[4] / "shared/benchmarks/b2b-girona"
needs_girona = pytest.mark.skipif(not GIRONA.is_dir(), reason="Girona benchmark not present")


@needs_girona
def test_dzn_forum_13_counts() -> None:
    data = load_dzn(GIRONA / "forum-13.original.dzn")
    inst = parse_instance(data)
    assert (len(inst.participants), len(inst.meetings), len(inst.slots), len(inst.tables)) == (
        70, 154, 21, 14,
    )  # fmt: skip
    assert Counter(s.session for s in inst.slots) == {"morning": 13, "afternoon": 8}
    assert Counter(m.session for m in inst.meetings) == {"morning": 91, None: 59, "afternoon": 4}
    assert sum(1 for p in inst.participants if p.unavailable) == 22
    assert all(m.required and m.weight == 1.0 for m in inst.meetings)
    assert inst.options.max_break_spread == 2


def test_dzn_reads_fixed_precedences_and_forbidden() -> None:
    text = """
    nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 3; nMorningSlots = 2;
    requested = [|1, 2, 1, |3, 2, 3, |];
    forbidden = [{0}, {0, 3}, {}];
    fixed = [2, 0];
    precedences = [{}, {1}];
    nMeetingsBusiness = [1, 2, 1];
    """
    data = dzn_to_instance(text, name="mini")
    assert data["participants"][1]["unavailable"] == ["3"]
    assert [(m["a"], m["b"], m["session"], m["slot"], m["after"]) for m in data["meetings"]] == [
        ("b1", "b2", "morning", "2", []),
        ("b3", "b2", None, None, ["m1"]),
    ]
    assert [s["session"] for s in data["slots"]] == ["morning", "morning", "afternoon"]


@needs_girona
@pytest.mark.parametrize("name", ["tic-12", "tic-14crafa"])
def test_solver_reaches_published_optimum_on_fast_girona(name: str) -> None:
    inst = parse_instance(load_dzn(GIRONA / f"{name}.original.dzn"))
    result = solve(inst, time_limit=30)
    output = result.to_dict(inst)
    assert check(inst, output).errors == []
    assert (output["status"], output["objective"]["breaks"]) == ("optimal", 0)
