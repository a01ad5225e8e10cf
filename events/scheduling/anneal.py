"""Simulated annealing on breaks with Kempe-chain moves, for level 4 (selection fixed).

A Kempe chain between slots s and t is a set of meetings in s and t closed under "shares a
participant"; swapping its slots keeps every participant at one meeting per slot, so the move
only has to re-check allowed slots and table counts. Breaks change only for participants busy
in exactly one of the two slots, which makes a move cheap to evaluate with bitmasks. A break-
spread rule, when given, is enforced through a penalty on each participant's breaks above the
least-broken participant's count plus the spread.

Interpreter needs (the exact per-slot test of ``state.interpreter_ok``) and precedences are
re-checked for every move; meetings with one allowed slot (fixed ones) never move. The run length
is a move count derived from the budget, so it is reproducible; the clock only cuts it short on
an overloaded machine.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence

from events.scheduling.prepare import Problem
from events.scheduling.state import interpreter_ok, mask_breaks


def anneal_breaks(
    prob: Problem,
    slot_of: Sequence[int],
    *,
    seed: int,
    moves: int,
    deadline: float | None = None,
    floor: int = 0,
) -> tuple[list[int], int, bool]:
    """Returns the new slots, the number of moves tried, and whether the clock shortened the run.

    ``deadline`` (a ``time.perf_counter()`` value) is the wall-clock safety net, looked at every
    1,024 moves: when the moves planned cannot be done by then at the speed seen so far, the run
    is shortened and its cooling compressed to fit (a run cut short while still hot ended far
    worse: 31 breaks against 12 on forum-13crafb). Such a run is not reproducible. ``floor``: a
    proven lower bound on the total breaks; reaching it ends the run.
    """
    S = prob.S
    slot = list(slot_of)
    a_of = [int(x) for x in prob.a]
    b_of = [int(x) for x in prob.b]
    # Meetings with a single allowed slot (fixed ones among them) never move. Interpreter
    # needs and precedences are re-checked for each move (``_langs_ok``, ``_order_ok``).
    movable = [m for m in range(prob.M) if slot[m] >= 0 and prob.dom[m].bit_count() > 1]
    if not movable:
        return slot, 0, False
    can_move = [False] * prob.M
    for m in movable:
        can_move[m] = True
    succs: list[list[int]] = [[] for _ in range(prob.M)]
    for m in range(prob.M):
        for q in prob.preds[m]:
            succs[q].append(m)
    pool_need: list[dict[str, int]] = [{} for _ in range(S)]
    free_sets: list[dict[tuple[str, ...], int]] = [{} for _ in range(S)]
    lang_tables: list[dict[str, int]] = [dict(prob.free_lang_tables) for _ in range(S)]
    for m, s in enumerate(slot):
        if s < 0:
            continue
        for lang in prob.pool_langs[m]:
            pool_need[s][lang] = pool_need[s].get(lang, 0) + 1
        if prob.free_langs[m]:
            free_sets[s][prob.free_langs[m]] = free_sets[s].get(prob.free_langs[m], 0) + 1
        ft = prob.forced_table[m]
        if ft >= 0 and prob.host_of_table[ft] < 0 and prob.inst.tables[ft].interpreter:
            lang_tables[s][prob.inst.tables[ft].interpreter] -= 1

    has_langs = any(prob.pool_langs[m] for m in movable)
    has_prec = any(prob.preds)

    def langs_ok(chain: list[int], s: int, t: int) -> bool:
        """Interpreters in slots s and t after swapping ``chain`` (exact, as in ``State``)."""
        if not any(prob.pool_langs[q] for q in chain):
            return True
        for here in (s, t):
            need = dict(pool_need[here])
            sets = dict(free_sets[here])
            for q in chain:
                sign = -1 if slot[q] == here else 1
                for lang in prob.pool_langs[q]:
                    need[lang] = need.get(lang, 0) + sign
                if prob.free_langs[q]:
                    sets[prob.free_langs[q]] = sets.get(prob.free_langs[q], 0) + sign
            if not interpreter_ok(need, sets, prob.pool, lang_tables[here]):
                return False
        return True

    def order_ok(chain: list[int], s: int, t: int) -> bool:
        """Precedences after swapping ``chain`` between slots s and t."""
        moved = set(chain)

        def new_slot(q: int) -> int:
            if q in moved:
                return t if slot[q] == s else s
            return slot[q]

        for q in chain:
            mine = new_slot(q)
            for r in prob.preds[q]:
                if slot[r] >= 0 and new_slot(r) >= mine:
                    return False
            for r in succs[q]:
                if slot[r] >= 0 and new_slot(r) <= mine:
                    return False
        return True

    def apply_langs(chain: list[int], s: int, t: int) -> None:
        for q in chain:
            old_s = slot[q]
            new_s = t if old_s == s else s
            for lang in prob.pool_langs[q]:
                pool_need[old_s][lang] -= 1
                pool_need[new_s][lang] = pool_need[new_s].get(lang, 0) + 1
            ls = prob.free_langs[q]
            if ls:
                free_sets[old_s][ls] -= 1
                free_sets[new_s][ls] = free_sets[new_s].get(ls, 0) + 1

    occ: list[dict[int, int]] = [{} for _ in range(prob.P)]  # participant → slot → meeting
    busy = [0] * prob.P
    load = [0] * S
    # Meetings at a table other than a host's count against the free tables (as in State).
    is_free = [
        prob.forced_table[m] < 0 or prob.host_of_table[prob.forced_table[m]] < 0
        for m in range(prob.M)
    ]
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
    # The best schedule met is returned, not the last: a run cut short by the clock ends hot.
    best_total, best_slot = total, list(slot)
    rng = random.Random(seed)
    t0, t1 = 1.0, 0.02  # tuned on forum-14 and forum-13crafb; colder ends matter most
    decay = (t1 / t0) ** (1.0 / max(moves, 1))
    temp = t0
    done = 0
    began = time.perf_counter()
    by_clock = False
    while done < moves and total > floor:  # at the floor there is nothing left to gain
        if deadline is not None and done and not done & 1023:
            now = time.perf_counter()
            if now >= deadline:
                by_clock = True
                break
            # Moves that still fit at the speed so far; fewer than planned: cool faster.
            fit = done + int(done / max(now - began, 1e-9) * (deadline - now) * 0.95)
            if fit < moves:
                by_clock = True
                moves = max(fit, done + 1)
                decay = (t1 / temp) ** (1.0 / (moves - done)) if temp > t1 else 1.0
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
        if has_langs and not langs_ok(chain, s, t):
            continue
        if has_prec and not order_ok(chain, s, t):
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
        if has_langs:
            apply_langs(chain, s, t)
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
        if total < best_total:
            best_total, best_slot = total, list(slot)
    if total <= best_total:
        return slot, done, by_clock
    return best_slot, done, by_clock
