"""Unavoidable breaks: a per-participant lower bound on level 4.

A participant p whose meetings are all held meets in exactly c_p slots. Whatever the others do,
its busy slots form a set B of c_p slots inside the union of its meetings' allowed slots, and
its meetings can be matched one to one onto B (each into one of its own allowed slots). Its
breaks are blocks(B) − 1, so

    LB_p = min { blocks(B) − 1 : |B| = c_p, p's meetings can be matched onto B }

is a lower bound on p's breaks in every schedule, and Σ_p LB_p one on the total. It ignores
tables and the other participants, so it is cheap (busy sets are enumerated by number of
blocks, fewest first) and often tight: on the Girona instances it proves five optima outright.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from events.scheduling.prepare import Problem, bits


def _matchable(doms: Sequence[int], mask: int) -> bool:
    """Whether every meeting (allowed-slot mask ``doms[i]``) gets its own slot of ``mask``."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for s in bits(doms[i] & mask):
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(doms)))


def _busy_sets(n_slots: int, size: int, n_blocks: int, allowed: int) -> Iterator[int]:
    """Every set of ``size`` slots inside ``allowed`` made of exactly ``n_blocks`` runs."""

    def rec(start: int, left: int, runs: int) -> Iterator[int]:
        if runs == 0:
            if left == 0:
                yield 0
            return
        for s in range(start, n_slots):
            if not allowed >> s & 1:
                continue
            for length in range(1, left - runs + 2):
                if s + length > n_slots or not allowed >> (s + length - 1) & 1:
                    break
                run = ((1 << length) - 1) << s
                for rest in rec(s + length + 1, left - length, runs - 1):
                    yield run | rest

    yield from rec(0, size, n_blocks)


def participant_lower_bound(doms: Sequence[int], n_slots: int, cap: int) -> int:
    """LB_p for meetings with allowed slots ``doms``, all held; ``cap + 1`` when p cannot do
    with ``cap`` breaks or fewer (the search stops there), and ``len(doms)`` when no busy set
    fits at all (such a schedule does not exist)."""
    if len(doms) <= 1:
        return 0
    allowed = 0
    for d in doms:
        allowed |= d
    for n_blocks in range(1, min(cap + 1, len(doms)) + 1):
        for mask in _busy_sets(n_slots, len(doms), n_blocks, allowed):
            if _matchable(doms, mask):
                return n_blocks - 1
    return min(cap + 1, len(doms))


def _slots_matchable(doms: Sequence[int], mask: int) -> bool:
    """Whether every slot of ``mask`` gets its own meeting (one allowed there)."""
    owner: dict[int, int] = {}  # meeting → slot

    def augment(s: int, seen: set[int]) -> bool:
        for i, d in enumerate(doms):
            if not d >> s & 1 or i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = s
                return True
        return False

    return all(augment(s, set()) for s in bits(mask))


# Busy sets examined per participant and count before settling for the blocks ruled out so far.
MAX_BUSY_SETS = 5_000


def floor_by_count(doms: Sequence[int], n_slots: int, most: int) -> list[int]:
    """``out[c]``: a lower bound on the breaks of a participant holding c of the meetings
    ``doms`` (c = 0 … ``most``), whichever c it holds; ``n_slots`` when it cannot hold c."""
    allowed = 0
    for d in doms:
        allowed |= d
    out = [0, 0]
    for c in range(2, most + 1):
        best = n_slots
        for n_blocks in range(1, c + 1):
            found = False
            for k, mask in enumerate(_busy_sets(n_slots, c, n_blocks, allowed)):
                if k >= MAX_BUSY_SETS:
                    found = True  # not worth finishing: n_blocks − 1 is still a valid bound
                    break
                if _slots_matchable(doms, mask):
                    found = True
                    break
            if found:
                best = n_blocks - 1
                break
        out.append(best)
    return out[: most + 1]


def fixed_count_participants(prob: Problem, held: Sequence[int]) -> list[int]:
    """Participants whose every placeable meeting is in ``held`` (meetings that every schedule
    considered holds), so their meeting count is the same in all of them."""
    is_held = [False] * prob.M
    for m in held:
        is_held[m] = True
    return [
        p for p in range(prob.P)
        if all(is_held[m] for m in prob.inc[p] if prob.dom[m])
    ]  # fmt: skip


def break_lower_bounds(
    prob: Problem, held: Sequence[int], cap: int | None = None
) -> dict[int, int]:
    """LB_p for every participant whose meetings are all in ``held`` (see the module doc).

    ``cap``: the most breaks worth looking for (the break-spread limit); the bound is exact up
    to it.
    """
    limit = prob.S if cap is None else cap
    out = {}
    for p in fixed_count_participants(prob, held):
        doms = [prob.dom[m] for m in prob.inc[p] if prob.dom[m]]
        out[p] = participant_lower_bound(doms, prob.S, limit)
    return out
