"""Large events: decomposition instead of one time-indexed model.

With tens of thousands of candidate meetings the full x[m, s] model (hundreds of thousands to
millions of booleans) is too slow to build and solve in the time limits, so:

1. **Selection** — which meetings to hold, ignoring *when*: a b-matching-like CP-SAT model over
   one boolean per meeting with each participant's capacity (max_meetings and free slots, also
   per session), the event's table-slots (also per session), interpreter capacity and pair-once.
   It is a relaxation of the real problem, so its proven bound is an upper bound on the weight;
   its solution is the target set.
2. **Slots** — insert the target meetings into the greedy schedule (most important first) with
   a one-step ejection repair, then fill the remaining room with the best other candidates.
3. **Neighbourhood search** — repeatedly free every candidate meeting of a few participants (one
   with unmet demand and its would-be partners) and re-solve that part exactly with CP-SAT.
4. **Breaks** — simulated annealing with Kempe-chain moves (selection fixed).

Level 3 (the least-served participant) is not optimised separately here; it is reported.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from events.scheduling.anneal import anneal_breaks
from events.scheduling.exact import SlotModel
from events.scheduling.greedy import place_best
from events.scheduling.prepare import Problem, bits, popcount
from events.scheduling.state import State

if TYPE_CHECKING:
    from events.scheduling.solver import Budget, Levels

LNS_STEP_DTIME = 0.1
LNS_MAX_ACTIVE = 150
# Deterministic-time charge for the Python side of one neighbourhood step (model building,
# hint completion): 0.04–0.07 s on the reference machine, more in bigger events.
LNS_STEP_OVERHEAD = 0.05
# Charge for the Python stages before the search (indexing, greedy, selection model, slot
# insertion), per x[m, s] pair: ~1.4e-5 s each on the reference machine.
PREP_DTIME_PER_VAR = 1.4e-5
# Safety net: the search stops when this share of the wall-clock limit is left (for the
# annealing on breaks).
WALL_RESERVE = 0.08
MAX_EJECT_TRIES = 12
# Largest target set (in x[m, s] variables) for which step 2 tries an exact slot assignment.
TARGET_MODEL_MAX_VARS = 20_000


def selection_model(
    prob: Problem, state: State, *, hold_required: bool
) -> tuple[cp_model.CpModel, dict[int, cp_model.IntVar], object]:
    """The relaxation of step 1. Returns (model, z per meeting, objective expression)."""
    model = cp_model.CpModel()
    placeable = [m for m in range(prob.M) if prob.dom[m]]
    z = {m: model.new_bool_var(f"z{m}") for m in placeable}
    for p in range(prob.P):
        ms = [m for m in prob.inc[p] if m in z]
        if len(ms) > prob.cap[p]:
            model.add(sum(z[m] for m in ms) <= prob.cap[p])
        for mask in prob.session_mask.values():
            inside = [m for m in ms if prob.dom[m] & ~mask == 0]
            room = popcount(prob.avail[p] & mask)
            if len(inside) > room:
                model.add(sum(z[m] for m in inside) <= room)
        fixed: dict[int, list[int]] = {}
        for m in ms:
            if popcount(prob.dom[m]) == 1:
                fixed.setdefault(prob.dom[m], []).append(m)
        for group in fixed.values():
            if len(group) > 1:
                model.add_at_most_one(z[m] for m in group)
    free = [m for m in placeable if prob.forced_table[m] < 0 or
            prob.host_of_table[prob.forced_table[m]] < 0]  # fmt: skip
    model.add(sum(z[m] for m in free) <= prob.n_free_tables * prob.S)
    for mask in prob.session_mask.values():
        inside = [m for m in free if prob.dom[m] & ~mask == 0]
        room = prob.n_free_tables * popcount(mask)
        if len(inside) > room:
            model.add(sum(z[m] for m in inside) <= room)
    langs = sorted({lang for m in placeable for lang in prob.pool_langs[m]})
    for lang in langs:
        users = [m for m in placeable if lang in prob.pool_langs[m]]
        room = prob.S * (prob.pool.get(lang, 0) + prob.free_lang_tables.get(lang, 0))
        if len(users) > room:
            model.add(sum(z[m] for m in users) <= room)
    for group in prob.pair_groups:
        optional = [m for m in group if m in z and not prob.required[m]]
        required = [m for m in group if m in z and prob.required[m]]
        for r in required or [None]:
            ms = optional if r is None else [*optional, r]
            if len(ms) > 1:
                model.add(sum(z[m] for m in ms) <= 1)
    weight = cp_model.LinearExpr.weighted_sum(
        [z[m] for m in placeable], [prob.wint[m] for m in placeable]
    )
    if hold_required:
        for m in placeable:
            if prob.required[m]:
                model.add(z[m] == 1)
        objective = weight
    else:
        big = sum(prob.wint[m] for m in placeable) + 1
        req = sum(z[m] for m in placeable if prob.required[m])
        objective = req * big + weight
    for m, s in enumerate(state.slot_of):
        if m in z:
            model.add_hint(z[m], s >= 0)
    return model, z, objective


def _kempe_chain(state: State, q: int, s: int, t: int) -> list[int] | None:
    """Meetings in slots s and t connected to q through shared participants (None if huge)."""
    prob = state.prob
    chain = [q]
    seen = {q}
    i = 0
    while i < len(chain):
        r = chain[i]
        i += 1
        there = t if state.slot_of[r] == s else s
        for p in (int(prob.a[r]), int(prob.b[r])):
            o = state.occ.get((p, there))
            if o is not None and o not in seen:
                seen.add(o)
                chain.append(o)
        if len(chain) > 60:
            return None
    return chain


def _swap(state: State, chain: list[int], s: int, t: int) -> bool:
    """Exchange the slots s ↔ t of ``chain``; undone (False) if a hard constraint objects."""
    old = {q: state.slot_of[q] for q in chain}
    for q in chain:
        state.remove(q)
    done = []
    for q in chain:
        new = t if old[q] == s else s
        if not state.slot_ok(q, new):
            for r in done:
                state.remove(r)
            for r in chain:
                state.place(r, old[r])
            return False
        state.place(q, new)
        done.append(q)
    return True


def _insert_with_repair(state: State, m: int) -> bool:
    """Place m; if no slot is free for both sides, free one with a Kempe-chain swap (the
    edge-colouring augmenting step) or by moving one meeting out of a full slot."""
    if place_best(state, m):
        return True
    prob = state.prob
    a, b = int(prob.a[m]), int(prob.b[m])
    if state.count[a] >= prob.cap[a] or state.count[b] >= prob.cap[b]:
        return False
    for s in bits(prob.dom[m]):
        busy_a, busy_b = state.busy[a] >> s & 1, state.busy[b] >> s & 1
        if busy_a and busy_b:
            continue
        if not busy_a and not busy_b:
            # Both are free, so the slot is full (or short of interpreters): move one of its
            # meetings to a slot where both its sides are free.
            for q in sorted(state.members[s])[:MAX_EJECT_TRIES]:
                qa, qb = int(prob.a[q]), int(prob.b[q])
                for t in bits(prob.dom[q] & ~(state.busy[qa] | state.busy[qb])):
                    if _swap(state, [q], s, t):
                        if state.can_place(m, s):
                            state.place(m, s)
                            return True
                        _swap(state, [q], t, s)
                    break
            continue
        x, y = (a, b) if not busy_a else (b, a)  # x free in s, y busy in s
        q = state.occ[(y, s)]
        for t in bits(prob.dom[q] & ~state.busy[y]):
            if t == s:
                continue
            chain = _kempe_chain(state, q, s, t)
            if chain is None or any(x in (int(prob.a[r]), int(prob.b[r])) for r in chain):
                continue
            if _swap(state, chain, s, t):
                if state.can_place(m, s):
                    state.place(m, s)
                    return True
                _swap(state, chain, t, s)
    return False


def _lns_weight(
    prob: Problem, state: State, budget: Budget, seed: int, levels: Levels, share: float,
    wanted: list[int],
) -> None:  # fmt: skip
    """Neighbourhood search on (required, weight) until its share of the budget is spent.

    Each step frees every candidate meeting of two participants: first those of the meetings
    the selection relaxation wanted but the slots could not take (heaviest first), then of
    random participants with unmet demand.
    """
    rng = random.Random(seed)
    stop_at = budget.dtime_used + budget.dtime_left() * share
    # The annealing that follows keeps WALL_RESERVE of the clock when the clock is short.
    wall_stop = budget.deadline - budget.time_limit * WALL_RESERVE
    big = sum(prob.wint) + 1
    steps = improved = 0
    queue = sorted((m for m in wanted if state.slot_of[m] < 0), key=lambda m: -prob.wint[m])
    unmet = [
        p for p in range(prob.P)
        if any(prob.dom[m] and state.slot_of[m] < 0 for m in prob.inc[p])
    ]  # fmt: skip
    # The loop is driven by deterministic time (CP-SAT's count plus a fixed charge for the
    # Python work of a step); the clock only stops it on an overloaded machine.
    while budget.dtime_used < stop_at:
        if time.perf_counter() >= wall_stop:
            budget.clock_stops += 1
            break
        steps += 1
        if queue:
            m = queue.pop(0)
            if state.slot_of[m] >= 0:
                continue
            group = {int(prob.a[m]), int(prob.b[m])}
        elif unmet:
            p = unmet[rng.randrange(len(unmet))]
            partners = [int(prob.a[m]) + int(prob.b[m]) - p for m in prob.inc[p] if prob.dom[m]]
            group = {p, partners[rng.randrange(len(partners))]} if partners else {p}
        else:
            break
        active = sorted({m for q in group for m in prob.inc[q] if prob.dom[m]})[:LNS_MAX_ACTIVE]
        old = {m: state.slot_of[m] for m in active}
        before = (state.n_required, state.wsum)
        for m in active:
            if old[m] >= 0:
                state.remove(m)
        model = SlotModel(prob, state, active, spread="off")
        model.model.add(model.req_expr >= before[0])
        hint = [-1] * prob.M
        for m, s in old.items():
            hint[m] = s
        step_dtime = min(LNS_STEP_DTIME, max(stop_at - budget.dtime_used, 0.02))
        model.hint(hint, dtime=step_dtime, wall=max(wall_stop - time.perf_counter(), 0.01))
        out = model.solve(
            model.req_expr * big + model.weight_expr, maximize=True,
            dtime=step_dtime, wall=max(wall_stop - time.perf_counter(), 0.01),
            seed=seed + steps, workers=1,
        )  # fmt: skip
        budget.dtime_used += out.dtime + LNS_STEP_OVERHEAD
        chosen = old
        if (
            out.slots is not None
            and out.value is not None
            and (out.value >= before[0] * big + before[1])
        ):
            chosen = out.slots
        for m in active:
            if chosen[m] >= 0:
                state.place(m, chosen[m])
        if (state.n_required, state.wsum) > before:
            improved += 1
        if steps % 50 == 0:
            unmet = [q for q in unmet if any(prob.dom[m] and state.slot_of[m] < 0
                                              for m in prob.inc[q])]  # fmt: skip
    levels.log.append(f"lns: {steps} steps, {improved} improved")


def _place_target_exactly(
    prob: Problem, state: State, target: list[int], budget: Budget, seed: int,
    levels: Levels, share: float,
) -> None:  # fmt: skip
    hint = list(state.slot_of)
    model = SlotModel(prob, State(prob), target, hold=target, spread="off")
    dtime = max(budget.dtime_left() * share, 0.1)
    model.hint(hint, dtime=dtime, wall=budget.wall_left())
    out = model.solve(
        None, maximize=True, dtime=dtime, wall=budget.wall_left(), seed=seed, workers=1,
    )  # fmt: skip
    budget.charge(out)
    levels.log.append(f"slots for the whole target: {out.status} dtime={out.dtime:.2f}")
    if out.slots is None:
        return
    for m in range(prob.M):
        if state.slot_of[m] >= 0:
            state.remove(m)
    for m, s in out.slots.items():
        if s >= 0:
            state.place(m, s)


def select_and_insert(
    prob: Problem, state: State, budget: Budget, seed: int, levels: Levels, share: float
) -> tuple[int, int] | None:
    """Steps 1 and 2: solve the selection relaxation, move the schedule towards its target set.

    Returns the relaxation's proven bounds (R, W): no schedule holds more than R required
    meetings, and none holding R has a (scaled) weight above W; None when unsolved.
    """
    from events.scheduling.solver import evaluate

    placeable = [m for m in range(prob.M) if prob.dom[m]]
    req_placeable = [m for m in placeable if prob.required[m]]
    all_req = state.n_required == len(req_placeable)
    model, z, objective = selection_model(prob, state, hold_required=all_req)
    model.maximize(objective)
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = 1
    params.random_seed = seed
    # Presolve spent seconds on this large, easy model (13k booleans: 5.8 s against 2.5 s to
    # optimality without it).
    params.cp_model_presolve = False
    params.max_deterministic_time = max(budget.dtime_left() * share, 0.1)
    params.max_time_in_seconds = max(budget.wall_left(), 0.1)
    status = solver.solve(model)
    budget.dtime_used += solver.deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE) and (
        solver.deterministic_time < 0.98 * params.max_deterministic_time
    ):
        budget.clock_stops += 1
    levels.log.append(
        f"selection: {solver.status_name(status)} value={solver.objective_value:.0f} "
        f"bound={solver.best_objective_bound:.0f} dtime={solver.deterministic_time:.2f}"
    )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    raw = int(solver.best_objective_bound + 1e-6)
    if all_req:
        bound: tuple[int, int] | None = (len(req_placeable), raw)
    else:
        big = sum(prob.wint[m] for m in placeable) + 1
        bound = (raw // big, raw % big)
    target = {m for m in placeable if solver.boolean_value(z[m])}

    def priority(m: int) -> tuple:
        return (not prob.required[m], -prob.wint[m], popcount(prob.dom[m]), m)

    before = (state.n_required, state.wsum)
    saved = list(state.slot_of)
    held = {m for m in range(prob.M) if state.slot_of[m] >= 0}
    for m in sorted(held - target, key=priority, reverse=True):
        if not prob.required[m]:
            state.remove(m)
    for k, m in enumerate(sorted(target - held, key=priority)):
        if not k & 63 and time.perf_counter() >= budget.deadline:
            budget.clock_stops += 1
            break
        if state.slot_of[m] < 0:
            _insert_with_repair(state, m)
    missing = [m for m in target if state.slot_of[m] < 0]
    n_vars = sum(popcount(prob.dom[m]) for m in target)
    if missing and n_vars <= TARGET_MODEL_MAX_VARS:
        # Slots for exactly the target set: a pure feasibility model. When it succeeds the
        # schedule reaches the relaxation's bound, i.e. it is optimal on weight.
        _place_target_exactly(prob, state, sorted(target), budget, seed, levels, share)
    for k, m in enumerate(sorted((m for m in placeable if state.slot_of[m] < 0), key=priority)):
        if not k & 63 and time.perf_counter() >= budget.deadline:
            break
        place_best(state, m)
    if (state.n_required, state.wsum) < before:
        # The target set did not fit better than the greedy schedule: keep the greedy one.
        for m in range(prob.M):
            if state.slot_of[m] >= 0:
                state.remove(m)
        for m, s in enumerate(saved):
            if s >= 0:
                state.place(m, s)
    levels.log.append(f"slots for the selection: {evaluate(prob, state.slot_of)}")
    state.wanted = sorted(target)  # for the neighbourhood search that follows
    return bound


def solve_large(
    prob: Problem, state: State, budget: Budget, seed: int, levels: Levels
) -> list[int]:
    from events.scheduling.solver import evaluate, min_meetings_cap

    placeable = [m for m in range(prob.M) if prob.dom[m]]
    req_placeable = [m for m in placeable if prob.required[m]]
    w_upper = sum(prob.wint[m] for m in placeable)

    budget.dtime_used += PREP_DTIME_PER_VAR * sum(popcount(prob.dom[m]) for m in placeable)
    # 1–2. Selection relaxation and slots for its target set.
    sel = select_and_insert(prob, state, budget, seed, levels, share=0.25)
    levels.log.append(f"after selection: wall {budget.time_limit - budget.wall_left():.1f} s")

    # 3. Neighbourhood search on weight.
    _lns_weight(prob, state, budget, seed, levels, share=0.8,
                wanted=state.wanted)  # fmt: skip

    levels.log.append(f"after lns: wall {budget.time_limit - budget.wall_left():.1f} s")
    slot_of = list(state.slot_of)
    req, w, min_c, brk = evaluate(prob, slot_of)
    req_bound = len(req_placeable) if sel is None else min(sel[0], len(req_placeable))
    bound = w_upper if sel is None or req < sel[0] else min(w_upper, sel[1])
    levels.required = req
    levels.required_proven = req >= req_bound
    levels.weight = w
    levels.weight_bound = max(bound, w)
    levels.min_meetings = min_c
    levels.min_proven = min_c >= min_meetings_cap(prob)
    levels.timed_out = True

    # 4. Breaks.
    from events.scheduling.solver import MOVES_PER_DTIME

    # Kempe chains are longer in big events, so fewer moves fit in a unit of time. Nothing
    # follows the annealing here, so it takes what is left.
    planned = int(max(budget.dtime_left(), 0.0) * MOVES_PER_DTIME / 3)
    if brk > 0 and planned:
        cand, moves, by_clock = anneal_breaks(
            prob, slot_of, seed=seed, moves=planned, deadline=budget.deadline
        )
        budget.clock_stops += by_clock
        budget.dtime_used += 3 * moves / MOVES_PER_DTIME
        if evaluate(prob, cand)[3] <= brk:
            slot_of = cand
    levels.breaks = evaluate(prob, slot_of)[3]
    levels.breaks_bound = 0
    return slot_of
