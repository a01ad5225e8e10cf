"""Simulated annealing on breaks with Kempe-chain moves, for level 4 (selection fixed).

A Kempe chain between slots s and t is a set of meetings in s and t closed under "shares a
participant"; swapping its slots keeps every participant at one meeting per slot, so the move
only has to re-check allowed slots and table counts. Breaks change only for participants busy
in exactly one of the two slots, which makes a move cheap to evaluate with bitmasks. A break-
spread rule, when given, is enforced through a penalty on each participant's breaks above the
least-broken participant's count plus the spread.

Meetings that need interpreters, have precedences or sit at an input-fixed table do not move
(their constraints are not tracked here); CP-SAT handles them afterwards. The run length is a
move count derived from the budget, so it is reproducible; the clock only cuts it short on an
overloaded machine.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence

from events.scheduling.prepare import Problem
from events.scheduling.state import mask_breaks


def anneal_breaks(
    prob: Problem,
    slot_of: Sequence[int],
    *,
    seed: int,
    moves: int,
    deadline: float | None = None,
    floor: int = 0,
) -> tuple[list[int], int]:
    """Returns the new slots and the number of moves actually tried.

    ``deadline`` (a ``time.perf_counter()`` value) is the wall-clock safety net, looked at every
    1,024 moves; a run it cuts short is not reproducible. ``floor``: a proven lower bound on the
    total breaks; reaching it ends the run.
    """
    S = prob.S
    slot = list(slot_of)
    a_of = [int(x) for x in prob.a]
    b_of = [int(x) for x in prob.b]
    movable = []
    for m in range(prob.M):
        ft = prob.forced_table[m]
        fixed_table = ft >= 0 and prob.host_of_table[ft] < 0
        if (slot[m] >= 0 and not prob.pool_langs[m] and not prob.preds[m] and not fixed_table
                and prob.dom[m].bit_count() > 1):  # fmt: skip
            movable.append(m)
    if not movable:
        return slot, 0
    has_succ = [False] * prob.M
    for m in range(prob.M):
        for q in prob.preds[m]:
            has_succ[q] = True
    movable = [m for m in movable if not has_succ[m]]
    can_move = [False] * prob.M
    for m in movable:
        can_move[m] = True
    if not movable:
        return slot, 0

    occ: list[dict[int, int]] = [{} for _ in range(prob.P)]  # participant → slot → meeting
    busy = [0] * prob.P
    load = [0] * S
    is_free = [prob.forced_table[m] < 0 for m in range(prob.M)]
    for m, s in enumerate(slot):
        if s < 0:
            continue
        for p in (a_of[m], b_of[m]):
            occ[p][s] = m
            busy[p] |= 1 << s
        if is_free[m]:
            load[s] += 1
    cap = prob.n_free_tables
    spread = prob.inst.options.max_break_spread
    brk = [mask_breaks(busy[p]) for p in range(prob.P)]
    active = [p for p in range(prob.P) if busy[p]]
    # The least-broken participant's count; participants with one meeting pin it at 0, and
    # moves rarely change it, so it is recomputed only at the end (the caller re-checks).
    floor = min((brk[p] for p in active), default=0)
    limit = None if spread is None else floor + spread
    penalty = S + 1

    def cost_of(p: int, b: int) -> int:
        return b + (penalty * (b - limit) if limit is not None and b > limit else 0)

    total = sum(cost_of(p, brk[p]) for p in range(prob.P))
    rng = random.Random(seed)
    t0, t1 = 1.0, 0.02  # tuned on forum-14 and forum-13crafb; colder ends matter most
    decay = (t1 / t0) ** (1.0 / max(moves, 1))
    temp = t0
    done = 0
    while done < moves and total > floor:  # at the floor there is nothing left to gain
        if deadline is not None and not done & 1023 and time.perf_counter() >= deadline:
            break
        done += 1
        temp *= decay
        m = movable[rng.randrange(len(movable))]
        s = slot[m]
        choices = prob.dom[m] & ~(1 << s)
        if not choices:
            continue
        # Pick a random allowed target slot.
        k = rng.randrange(choices.bit_count())
        t = 0
        c = choices
        for _ in range(k):
            c &= c - 1
        t = (c & -c).bit_length() - 1
        # Build the Kempe chain of m between s and t.
        chain = [m]
        seen = {m}
        i = 0
        ok = True
        while i < len(chain):
            q = chain[i]
            i += 1
            here = slot[q]
            there = t if here == s else s
            if not can_move[q] or not prob.dom[q] >> there & 1:
                ok = False
                break
            for p in (a_of[q], b_of[q]):
                r = occ[p].get(there)
                if r is not None and r not in seen:
                    seen.add(r)
                    chain.append(r)
        if not ok:
            continue
        d_s = sum(1 for q in chain if is_free[q] and slot[q] == s)
        d_t = sum(1 for q in chain if is_free[q] and slot[q] == t)
        if load[s] - d_s + d_t > cap or load[t] - d_t + d_s > cap:
            continue
        bit_s, bit_t = 1 << s, 1 << t
        parts = {p for q in chain for p in (a_of[q], b_of[q])}
        delta = 0
        new_masks = {}
        for p in parts:
            mask = busy[p]
            has_s, has_t = mask & bit_s, mask & bit_t
            if bool(has_s) == bool(has_t):
                continue
            new = mask ^ bit_s ^ bit_t
            nb = mask_breaks(new)
            delta += cost_of(p, nb) - cost_of(p, brk[p])
            new_masks[p] = (new, nb)
        if delta > 0 and rng.random() >= math.exp(-delta / temp):
            continue
        # Apply.
        for q in chain:
            for p in (a_of[q], b_of[q]):
                if occ[p].get(slot[q]) == q:
                    del occ[p][slot[q]]
        for q in chain:
            slot[q] = t if slot[q] == s else s
            for p in (a_of[q], b_of[q]):
                occ[p][slot[q]] = q
        load[s] += d_t - d_s
        load[t] += d_s - d_t
        for p, (new, nb) in new_masks.items():
            busy[p] = new
            brk[p] = nb
        total += delta
    return slot, done
