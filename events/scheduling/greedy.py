"""Constructive start: place meetings one by one, most important and most constrained first.

The result seeds CP-SAT as a hint (small events) and is the starting point of the large-event
pipeline. Required meetings that do not fit get one round of repair: optional meetings in the
way are taken out and put back elsewhere when possible.
"""

from __future__ import annotations

from events.scheduling.prepare import Problem, bits, popcount
from events.scheduling.state import State


def _slot_score(state: State, m: int, s: int) -> tuple[int, int, int]:
    """Lower is better: prefer slots next to the pair's other meetings (fewer breaks), then the
    emptier slot (room for later meetings), then the earlier one."""
    prob = state.prob
    a, b = int(prob.a[m]), int(prob.b[m])
    near = 0
    for p in (a, b):
        busy = state.busy[p]
        if s > 0 and busy >> (s - 1) & 1:
            near += 1
        if busy >> (s + 1) & 1:
            near += 1
    return (-near, state.load[s], s)


def place_best(state: State, m: int) -> bool:
    best = None
    best_key = None
    for s in bits(state.prob.dom[m]):
        if state.can_place(m, s):
            key = _slot_score(state, m, s)
            if best_key is None or key < best_key:
                best, best_key = s, key
    if best is None:
        return False
    state.place(m, best)
    return True


def meeting_order(prob: Problem) -> list[int]:
    """Required first (fewest allowed slots first), then optional by weight, scarcity, index."""

    def key(m: int) -> tuple:
        size = popcount(prob.dom[m])
        if prob.required[m]:
            return (0, len(prob.preds[m]) > 0, size, 0.0, m)
        return (1, 0, 0, -float(prob.weight[m]), size, m)

    return sorted((m for m in range(prob.M) if prob.dom[m]), key=key)


def _repair_required(state: State, m: int) -> bool:
    """Make room for required meeting ``m`` by moving or dropping optional meetings."""
    prob = state.prob
    a, b = int(prob.a[m]), int(prob.b[m])
    for s in bits(prob.dom[m]):
        blockers = []
        for p in (a, b):
            if state.busy[p] >> s & 1:
                blockers.append(state.occupant(p, s))
        if any(prob.required[q] for q in blockers):
            continue
        removed = list(dict.fromkeys(blockers))
        for q in removed:
            state.remove(q)
        if state.can_place(m, s):
            state.place(m, s)
            for q in removed:
                place_best(state, q)
            return True
        for q in removed:
            state.place(q, s)
    return False


def greedy(prob: Problem, state: State | None = None) -> State:
    state = state or State(prob)
    for m in meeting_order(prob):
        if state.slot_of[m] >= 0:
            continue
        if not place_best(state, m) and prob.required[m]:
            _repair_required(state, m)
    return state
