"""Entry point: ``solve(instance, time_limit=…, seed=…) -> Result``.

Pipeline: index the instance (``prepare``) → greedy start (``greedy``) → lexicographic CP-SAT on
the time-indexed model (``exact``), one level at a time, each level's value fixed as a constraint
and its solution given as the hint of the next → tables (``tables``) → reasons for required
meetings left out (``reasons``). Events too large for the full model go through ``large``
instead (selection, slot assignment, neighbourhood search).

Level 4 (breaks): proven per-participant floors (``breaks``), a short annealing (``anneal``),
the "reach the floor" feasibility model when every meeting is required (``target``), a second
annealing round when the floor is out of reach, then CP-SAT minimising breaks.

Determinism: every phase has a share of a *deterministic* budget (CP-SAT's work count, move and
step counts for the Python stages) and also watches the clock (``Budget.deadline``). A run that
ends on the deterministic budgets gives the same output for the same input and seed; a run the
clock cut short (``Budget.clock_stops`` > 0, logged) may differ. See README.md.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from events.scheduling.anneal import anneal_breaks
from events.scheduling.breaks import break_lower_bounds, floor_by_count
from events.scheduling.exact import OutOfTime, SlotModel, SolveOutcome
from events.scheduling.greedy import greedy
from events.scheduling.large import select_and_insert, solve_large
from events.scheduling.model import (
    Bound,
    Instance,
    Objective,
    Result,
    ScheduledMeeting,
    Unscheduled,
)
from events.scheduling.prepare import Problem, count_breaks, fmt_weight, prepare
from events.scheduling.reasons import explain
from events.scheduling.state import State, spread_excess
from events.scheduling.tables import assign_tables
from events.scheduling.target import TargetModel, applies, spread_cap

# One CP-SAT worker: parallel CP-SAT is only reproducible with `interleave_search`, and in that
# (experimental) mode its LNS workers never ran once a hint was given, which cost more than the
# second core brings; see README.md.
WORKERS = 1
# The break level is the exception: there the interleaved search did run its LNS and reached
# the published Girona optimum on more instances (13 vs 11 of 20 with one worker at two
# workers; four found the "reach the floor" schedules that one worker did not find in 60 s).
BREAK_WORKERS = 4
# Share of the remaining budget each "reach the floor" step of level 4 gets.
TARGET_SHARE = 0.6
TARGET_NEXT_SHARE = 0.15
# The first, short look at the floor model (see level 4 in ``solve_exact``).
PROBE_SHARE = 0.08
# Deterministic time units granted per second of the caller's time limit. CP-SAT's unit is meant
# to be about a second, but on the reference machine (2 cores) one unit took 0.8–2 s of wall
# time depending on the model; at 0.6 a run on an idle machine normally ends on its
# deterministic budgets, hence reproducibly, and the clock is only the safety net.
DTIME_PER_SECOND = 0.6
LARGE_DTIME_PER_SECOND = 1.0
# The full time-indexed model is used up to this many x[m, s] variables; larger events go
# through the decomposition in ``large.py``.
FULL_MODEL_MAX_VARS = 120_000
# Simulated annealing on breaks is charged one unit of deterministic time per this many moves
# (about what the reference machine does in a CPU second: 110–120k measured). It takes
# ANNEAL_SHARE of what is left at level 4, at most ANNEAL_MAX_DTIME units, when the "reach the
# floor" model follows (CP-SAT needs the rest), else ANNEAL_SHARE_ALONE.
MOVES_PER_DTIME = 100_000
ANNEAL_SHARE = 0.25
ANNEAL_MAX_DTIME = 1.5
ANNEAL_SHARE_ALONE = 0.5
# When the floor model could not reach the floor, a second annealing round (reheated, from the
# best schedule) takes this share: on the instances whose optimum lies above the floor the
# annealing is what finds the good schedules, and it needs long runs.
ANNEAL_SHARE_AGAIN = 0.7
# Per-count break floors (``breaks.floor_by_count``) are computed for days up to this many slots.
FLOOR_BY_COUNT_MAX_SLOTS = 14
# Share of the wall-clock limit kept for seating, reasons and the output after the search.
WALL_RESERVE = 0.04
# … plus this much per meeting: seating and the output took ~0.3 s for 13,000 meetings (idle).
OUTPUT_SECONDS_PER_MEETING = 4e-5


class Budget:
    """Deterministic-time budget plus the wall-clock safety net.

    Every phase stops at whichever comes first: its share of the deterministic budget (work
    counts, reproducible) or the deadline (the clock). ``clock_stops`` counts the phases the
    clock cut short: when it is 0 the run is reproducible.
    """

    def __init__(self, time_limit: float, n_meetings: int = 0) -> None:
        self.time_limit = time_limit
        self.start = time.perf_counter()
        reserve = max(time_limit, 0.0) * WALL_RESERVE + n_meetings * OUTPUT_SECONDS_PER_MEETING
        self.deadline = self.start + max(max(time_limit, 0.0) - reserve, 0.0)
        # 5 % is kept for seating, reasons and output.
        self.dtime_total = max(time_limit, 0.0) * DTIME_PER_SECOND * 0.95
        self.dtime_used = 0.0
        self.clock_stops = 0

    def dtime_left(self) -> float:
        return max(self.dtime_total - self.dtime_used, 0.0)

    def wall_left(self) -> float:
        return max(self.deadline - time.perf_counter(), 0.0)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def charge(self, outcome: SolveOutcome) -> None:
        self.dtime_used += outcome.dtime
        if outcome.by_clock:
            self.clock_stops += 1


class TimedLog(list):
    """The stage log; every entry starts with the seconds elapsed since the start."""

    def __init__(self, start: float) -> None:
        super().__init__()
        self.start = start

    def append(self, entry: str) -> None:
        super().append(f"{time.perf_counter() - self.start:6.2f}s {entry}")


@dataclass(slots=True)
class Levels:
    """What each lexicographic level reached and whether it is proven."""

    required: int = 0
    required_proven: bool = True
    weight: int = 0  # scaled
    weight_bound: int = 0  # scaled
    min_meetings: int = 0
    min_proven: bool = True
    breaks: int = 0
    breaks_bound: int = 0
    timed_out: bool = False
    log: list[str] = field(default_factory=list)

    @property
    def all_proven(self) -> bool:
        return (
            self.required_proven
            and self.weight >= self.weight_bound
            and self.min_proven
            and self.breaks <= self.breaks_bound
        )


def evaluate(prob: Problem, slot_of: Sequence[int]) -> tuple[int, int, int, int]:
    """(required held, scaled weight, least-served participant's count, total breaks)."""
    req = 0
    w = 0
    counts = [0] * prob.P
    days: list[list[int]] = [[] for _ in range(prob.P)]
    for m, s in enumerate(slot_of):
        if s < 0:
            continue
        req += bool(prob.required[m])
        w += prob.wint[m]
        a, b = prob.a[m], prob.b[m]
        counts[a] += 1
        counts[b] += 1
        days[a].append(s)
        days[b].append(s)
    min_c = min((counts[p] for p in prob.fairness_set), default=0)
    breaks = sum(count_breaks(sorted(d)) for d in days)
    return req, w, min_c, breaks


def min_meetings_cap(prob: Problem) -> int:
    """A trivial upper bound on the least-served participant's count."""
    best = None
    for p in prob.fairness_set:
        placeable = sum(1 for m in prob.inc[p] if prob.dom[m])
        c = min(prob.cap[p], placeable)
        best = c if best is None else min(best, c)
    return best or 0


def _share(budget: Budget, fraction: float) -> tuple[float, float]:
    return budget.dtime_left() * fraction, budget.wall_left()


def _slots_to_list(prob: Problem, slots: dict[int, int], base: Sequence[int]) -> list[int]:
    out = list(base)
    for m, s in slots.items():
        out[m] = s
    return out


def pure_cap(prob: Problem, floor_p: dict[int, int]) -> tuple[int, int] | None:
    """``target.spread_cap`` when the event suits ``target.py``: every placeable meeting is
    required (so all are held and each participant's count is fixed) and none needs an
    interpreter. None otherwise."""
    placeable = [m for m in range(prob.M) if prob.dom[m]]
    if not placeable or not all(prob.required[m] for m in placeable):
        return None
    if not applies(prob, placeable) or len(floor_p) < len(prob.fairness_set):
        return None
    counts = {p: sum(1 for m in prob.inc[p] if prob.dom[m]) for p in floor_p}
    return spread_cap(prob, counts, floor_p)


def reach_floor(
    prob: Problem,
    floor_p: dict[int, int],
    cap: tuple[int, int],
    floor_total: int,
    budget: Budget,
    seed: int,
    levels: Levels,
    share: float = TARGET_SHARE,
) -> tuple[list[int] | None, int]:
    """Ask for a schedule with at most floor + k breaks, k = 0, 1, … (``target.py``); each
    infeasible answer raises the proven floor (while the spread cap is exact). Returns (the
    schedule found or None, the proven floor). The first step gets ``share`` of the budgets,
    later ones (rarely feasible, though cheap to refute) TARGET_NEXT_SHARE."""
    placeable = [m for m in range(prob.M) if prob.dom[m]]
    base = sum(floor_p.values())
    slack = max(floor_total - base, 0)
    # Both budgets: the deterministic one, and the clock so that a slow machine still leaves
    # the later stages their part.
    limit, exact_below = cap
    while True:
        stop_dtime = budget.dtime_used + budget.dtime_left() * share
        stop_wall = time.perf_counter() + budget.wall_left() * share
        if stop_dtime - budget.dtime_used <= 0.05 or stop_wall <= time.perf_counter():
            break
        share = TARGET_NEXT_SHARE
        # No hint: the schedule in hand is above the target, and hinting it made CP-SAT spend
        # its time repairing it (ticf-14crafa: found at 5.5 units unhinted, not in 7.5 hinted).
        model = TargetModel(prob, placeable, floor_p, slack, limit)
        out = model.solve(
            None, maximize=True, dtime=stop_dtime - budget.dtime_used,
            wall=stop_wall - time.perf_counter(), seed=seed, workers=BREAK_WORKERS,
        )  # fmt: skip
        budget.charge(out)
        levels.log.append(
            f"floor + {slack}: {out.status} dtime={out.dtime:.2f} wall={out.wall:.2f}"
        )
        if out.slots is not None:
            found = _slots_to_list(prob, out.slots, [-1] * prob.M)
            if spread_excess(prob, State.from_slots(prob, found)) == 0:
                return found, base + slack
            return None, base + slack
        if out.status != "INFEASIBLE" or slack >= exact_below:
            return None, base + slack  # (an inexact cap proves nothing above base + slack)
        slack += 1
    return None, base + slack


def solve_exact(
    prob: Problem,
    start: Sequence[int],
    budget: Budget,
    seed: int,
    levels: Levels,
    relaxation: tuple[int, int] | None = None,
) -> list[int]:
    """Lexicographic CP-SAT on the full time-indexed model, starting from ``start``.

    Levels 1–3 ignore the break-spread rule (it only concerns breaks, and a schedule usually has
    room to meet it); level 4 penalises any violation above everything else and, should one
    remain, ``_spread_fallback`` re-solves with the rule as a hard constraint.
    """
    slot_of = list(start)
    placeable = [m for m in range(prob.M) if prob.dom[m]]
    req_placeable = [m for m in placeable if prob.required[m]]
    req, w, min_c, brk = evaluate(prob, slot_of)

    def run(
        model: SlotModel, objective, maximize: bool, fraction: float, workers: int = WORKERS
    ) -> SolveOutcome:
        dtime, wall = _share(budget, fraction)
        model.hint(slot_of, dtime=dtime, wall=wall)
        dtime, wall = max(dtime - model.hint_dtime, 0.0), budget.wall_left()
        out = model.solve(
            objective, maximize=maximize, dtime=dtime, wall=wall, seed=seed, workers=workers
        )
        budget.charge(out)
        if out.status not in ("OPTIMAL", "INFEASIBLE"):
            levels.timed_out = True
        kind = "feasible" if objective is None else ("max" if maximize else "min")
        levels.log.append(
            f"{kind}: {out.status} value={out.value} bound={out.bound} "
            f"dtime={out.dtime:.2f} wall={out.wall:.2f}"
        )
        return out

    def take(out: SolveOutcome) -> list[int]:
        return _slots_to_list(prob, out.slots or {}, [-1] * prob.M)

    # Level 1: required meetings. First optimistically ask for all of them.
    req_ub = len(req_placeable) if relaxation is None else min(relaxation[0], len(req_placeable))
    levels.required, levels.required_proven = req, req >= req_ub
    if not levels.required_proven:
        model = SlotModel(prob, State(prob), placeable, hold=req_placeable, spread="off")
        out = run(model, None, True, 0.4)
        if out.slots is not None:
            slot_of = take(out)
        elif out.status == "INFEASIBLE" or budget.dtime_left() > 0:
            model = SlotModel(prob, State(prob), placeable, spread="off")
            out = run(model, model.req_expr, True, 0.4)
            if out.slots is not None and out.value is not None and out.value >= req:
                slot_of = take(out)
        req, w, min_c, brk = evaluate(prob, slot_of)
        levels.required = req
        levels.required_proven = out.status == "OPTIMAL" or req >= req_ub
    all_req = req == len(req_placeable)
    hold = req_placeable if all_req else ()
    levels_model: list[SlotModel] = []

    def level_model() -> SlotModel:
        # Built on first use: levels 2 and 3 are often proven without it (by the relaxation).
        if not levels_model:
            model = SlotModel(prob, State(prob), placeable, hold=hold, spread="off")
            if not all_req:
                model.model.add(model.req_expr >= req)
            levels_model.append(model)
        return levels_model[0]

    # Level 2: total weight.
    w_upper = sum(prob.wint[m] for m in placeable)
    if relaxation is not None and req >= relaxation[0]:
        w_upper = min(w_upper, relaxation[1])  # the selection relaxation's proven bound
        levels.required_proven = True
    levels.weight, levels.weight_bound = w, w_upper
    if w < w_upper:
        model = level_model()
        out = run(model, model.weight_expr, True, 0.6)
        if out.slots is not None and out.value is not None and out.value >= w:
            slot_of = take(out)
        req, w, min_c, brk = evaluate(prob, slot_of)
        levels.weight = w
        if out.status == "OPTIMAL":
            levels.weight_bound = w
        elif out.bound is not None:
            levels.weight_bound = max(min(out.bound, w_upper), w)

    # Level 3: the least-served participant.
    cap3 = min_meetings_cap(prob)
    levels.min_meetings, levels.min_proven = min_c, min_c >= cap3
    if not levels.min_proven:
        model = level_model()
        model.model.add(model.weight_expr >= w)
        floor = model.model.new_int_var(0, cap3, "minC")
        for p in prob.fairness_set:
            model.model.add(model.count_expr(p) >= floor)
        out = run(model, floor, True, 0.3)
        if out.slots is not None:
            cand_slots = take(out)
            cand = evaluate(prob, cand_slots)
            if cand[2] >= min_c and cand[1] >= w:
                slot_of = cand_slots
        req, w, min_c, brk = evaluate(prob, slot_of)
        levels.min_meetings = min_c
        levels.min_proven = out.status == "OPTIMAL" or min_c >= cap3

    # Level 4: breaks, with the spread rule first (penalised above everything else).
    excess = spread_excess(prob, State.from_slots(prob, slot_of))
    # Participants whose meetings are all held in every schedule that reaches levels 1–3
    # (all their placeable meetings are required, and all required ones are held) have a fixed
    # meeting count, hence a proven floor on their breaks.
    d = prob.inst.options.max_break_spread
    floor_p = break_lower_bounds(prob, req_placeable, d) if all_req else {}
    # The others get a floor per meeting count; enumerating busy sets is only cheap on short
    # days.
    by_count = {
        p: floor_by_count(doms, prob.S, min(prob.cap[p], len(doms)))
        for p in (prob.fairness_set if prob.S <= FLOOR_BY_COUNT_MAX_SLOTS else ())
        if p not in floor_p
        for doms in [[prob.dom[m] for m in prob.inc[p] if prob.dom[m]]]
    }
    floor_total = sum(floor_p.values())
    levels.breaks, levels.breaks_bound = brk, min(floor_total, brk)
    levels.log.append(f"break floor: {floor_total} over {len(floor_p)} participants")
    cap = pure_cap(prob, floor_p) if all_req else None

    def anneal(fraction: float, most: float | None, round_no: int) -> None:
        nonlocal slot_of, excess, brk
        share = budget.dtime_left() * fraction
        if most is not None:
            share = min(share, most)
        # The same share of the wall clock, so that a slow machine still leaves CP-SAT its part.
        stop = min(budget.deadline, time.perf_counter() + budget.wall_left() * fraction)
        cand_slots, moves, by_clock = anneal_breaks(
            prob, slot_of, seed=seed + round_no, moves=int(share * MOVES_PER_DTIME),
            deadline=stop, floor=floor_total,
        )  # fmt: skip
        budget.clock_stops += by_clock
        budget.dtime_used += moves / MOVES_PER_DTIME
        cand = evaluate(prob, cand_slots)
        cand_excess = spread_excess(prob, State.from_slots(prob, cand_slots))
        levels.log.append(f"anneal: {moves} moves → breaks {cand[3]}, spread excess {cand_excess}")
        if (cand_excess, cand[3]) <= (excess, brk):
            slot_of, excess, brk = cand_slots, cand_excess, cand[3]
            levels.breaks = brk

    def take_found(found: list[int] | None) -> None:
        nonlocal slot_of, excess, req, w, min_c, brk
        if found is not None and evaluate(prob, found)[3] < brk:
            slot_of, excess = found, 0
            req, w, min_c, brk = evaluate(prob, slot_of)

    # With every meeting required, a short probe of the floor model first: where the optimum
    # lies above the floor it is usually refuted within a second (raising the bound), and then
    # the annealing gets the time; where it does not, the floor is within reach and the model
    # gets it after a short annealing.
    reachable = False
    if cap is not None and brk > floor_total:
        base = floor_total
        found, floor_total = reach_floor(
            prob, floor_p, cap, floor_total, budget, seed, levels, share=PROBE_SHARE
        )
        take_found(found)
        reachable = found is None and floor_total == base
    if brk > floor_total or excess > 0:
        if reachable:
            anneal(ANNEAL_SHARE, ANNEAL_MAX_DTIME, 0)
        else:
            anneal(ANNEAL_SHARE_ALONE if cap is None else ANNEAL_SHARE_AGAIN, None, 0)

    def break_model(soft: bool) -> SlotModel:
        # With a valid start the rule can be a hard constraint, which propagates better.
        model = SlotModel(prob, State(prob), placeable, hold=hold, with_breaks=True,
                          spread="soft" if soft else "hard", break_floor=floor_p,
                          floor_by_count=by_count, deadline=budget.deadline)  # fmt: skip
        if not all_req:
            model.model.add(model.req_expr >= req)
        model.model.add(model.weight_expr >= w)
        if min_c > 0:
            for p in prob.fairness_set:
                model.model.add(model.count_expr(p) >= min_c)
        return model

    # The floor looked within reach: the floor model gets its time now.
    if reachable and brk > floor_total:
        found, floor_total = reach_floor(prob, floor_p, cap, floor_total, budget, seed, levels)
        take_found(found)
        if brk > floor_total:
            # Out of reach in the time after all: anneal again (reheated) from the best.
            anneal(ANNEAL_SHARE_AGAIN, None, 1)
    levels.breaks, levels.breaks_bound = brk, min(floor_total, brk)
    if (brk > floor_total or excess > 0) and budget.wall_left() > 0:
        try:
            model = break_model(soft=excess > 0)
        except OutOfTime:
            # Building the model took the rest of the time (a loaded machine).
            budget.clock_stops += 1
            levels.log.append("min: skipped, no time left to build the model")
        else:
            penalty = prob.S * prob.P + 1
            out = run(model, model.breaks_expr + penalty * model.excess, False, 1.0, BREAK_WORKERS)
            if out.slots is not None and out.value is not None:
                cand_slots = take(out)
                cand = evaluate(prob, cand_slots)
                cand_excess = spread_excess(prob, State.from_slots(prob, cand_slots))
                if (cand_excess, cand[3]) <= (excess, brk):
                    slot_of, excess = cand_slots, cand_excess
            req, w, min_c, brk = evaluate(prob, slot_of)
            levels.breaks = brk
            if out.status == "OPTIMAL" and excess == 0:
                levels.breaks_bound = brk
            elif out.bound is not None and out.bound < penalty:
                levels.breaks_bound = min(max(out.bound, floor_total), brk)
            else:
                levels.breaks_bound = min(floor_total, brk)
    if excess > 0:
        slot_of = _spread_fallback(prob, slot_of, budget, seed, levels)
    return slot_of


def _make_spread_valid(prob: Problem, slot_of: list[int]) -> list[int]:
    """Drop meetings until the break-spread rule holds: repeatedly take the participant with
    the most breaks and keep only its longest run of consecutive meetings (optional meetings
    are dropped before required ones when the runs tie)."""
    state = State.from_slots(prob, slot_of)
    while spread_excess(prob, state) > 0:
        worst = max(range(prob.P), key=lambda p: (state.breaks_of(p), -p))
        busy = state.busy[worst]
        runs, run = [], []
        for s in range(prob.S + 1):
            if s < prob.S and busy >> s & 1:
                run.append(s)
            elif run:
                runs.append(run)
                run = []

        def value(r: list[int], p: int = worst) -> tuple[int, int, int]:
            ms = [state.occupant(p, s) for s in r]
            return (sum(bool(prob.required[m]) for m in ms), len(r), -r[0])

        keep = set(max(runs, key=value))
        for s in range(prob.S):
            if busy >> s & 1 and s not in keep:
                state.remove(state.occupant(worst, s))
    return list(state.slot_of)


def _spread_fallback(
    prob: Problem, slot_of: list[int], budget: Budget, seed: int, levels: Levels
) -> list[int]:
    """The schedule still breaks the spread rule after level 4: make it valid by dropping
    meetings, then re-solve with the rule as a hard constraint (required meetings first, then
    weight) from that valid start."""
    valid = _make_spread_valid(prob, slot_of)
    placeable = [m for m in range(prob.M) if prob.dom[m]]
    model = SlotModel(prob, State(prob), placeable, with_breaks=True, spread="hard")
    model.hint(valid, dtime=max(budget.dtime_left(), 1.0), wall=budget.wall_left())
    big = sum(prob.wint[m] for m in placeable) + 1
    out = model.solve(
        model.req_expr * big + model.weight_expr, maximize=True,
        dtime=max(budget.dtime_left(), 1.0), wall=max(budget.wall_left(), 0.1), seed=seed,
        workers=WORKERS,
    )  # fmt: skip
    budget.charge(out)
    levels.log.append(f"spread fallback: {out.status} value={out.value}")
    if out.slots is not None:
        cand = _slots_to_list(prob, out.slots, [-1] * prob.M)
        if evaluate(prob, cand)[:2] >= evaluate(prob, valid)[:2]:
            valid = cand
    req, w, min_c, brk = evaluate(prob, valid)
    levels.required, levels.weight, levels.min_meetings, levels.breaks = req, w, min_c, brk
    levels.required_proven = levels.min_proven = out.status == "OPTIMAL"
    levels.timed_out = levels.timed_out or out.status != "OPTIMAL"
    levels.weight_bound = w if out.status == "OPTIMAL" else max(levels.weight_bound, w)
    levels.breaks_bound = 0
    return valid


def solve(
    instance: Instance,
    *,
    time_limit: float = 30,
    seed: int = 0,
    full_model_max_vars: int | None = None,
) -> Result:
    """Schedule ``instance``; see the module docstring and README.md for the method.

    ``full_model_max_vars``: events with more x[m, s] variables (and no break-spread rule) go
    through the large-event decomposition; tests lower it to exercise that path on small events.
    Unset, it is read from ``FULL_MODEL_MAX_VARS`` at call time (not at import), so the worker
    task, which never passes it, follows a changed module setting.
    """
    if full_model_max_vars is None:
        full_model_max_vars = FULL_MODEL_MAX_VARS
    budget = Budget(time_limit, len(instance.meetings))
    prob = prepare(instance)
    levels = Levels(log=TimedLog(budget.start))
    levels.log.append(f"indexed: {prob.M} meetings, {prob.P} participants, {prob.S} slots")
    state = greedy(prob)
    levels.log.append(f"greedy: {evaluate(prob, state.slot_of)}")
    n_vars = sum(d.bit_count() for d in prob.dom)
    spread = instance.options.max_break_spread
    if n_vars <= full_model_max_vars or spread is not None:
        sel = None
        if any(prob.dom[m] and state.slot_of[m] < 0 for m in range(prob.M)):
            sel = select_and_insert(prob, state, budget, seed, levels, share=0.3)
        slot_of, method = solve_exact(prob, state.slot_of, budget, seed, levels, sel), "exact"
    else:
        # The decomposition's Python work is charged at rates measured in seconds of the
        # reference machine, and its CP-SAT steps are small: there a unit is about a second.
        budget.dtime_total = max(time_limit, 0.0) * LARGE_DTIME_PER_SECOND * 0.95
        slot_of, method = solve_large(prob, state, budget, seed, levels), "large"
    if budget.clock_stops:
        levels.log.append(f"clock: {budget.clock_stops} phases stopped by the time limit")
    result = build_result(prob, slot_of, levels, budget)
    result.method = method
    return result


def build_result(prob: Problem, slot_of: Sequence[int], levels: Levels, budget: Budget) -> Result:
    table_of = assign_tables(prob, slot_of)
    req, w, min_c, brk = evaluate(prob, slot_of)
    n_req = int(prob.required.sum())
    held = sorted(
        (m for m in range(prob.M) if slot_of[m] >= 0), key=lambda m: (slot_of[m], table_of[m])
    )
    meetings = [
        ScheduledMeeting(
            id=prob.meet_ids[m],
            a=prob.part_ids[prob.a[m]],
            b=prob.part_ids[prob.b[m]],
            slot=prob.slot_ids[slot_of[m]],
            table=prob.table_ids[table_of[m]],
        )
        for m in held
    ]
    why = explain(prob, slot_of, timed_out=levels.timed_out and not levels.required_proven)
    unscheduled = [Unscheduled(id=prob.meet_ids[m], reason=r) for m, r in sorted(why.items())]
    weight = fmt_weight(sum(float(prob.weight[m]) for m in held))
    bound_w = max(levels.weight_bound, w)
    bound_weight = fmt_weight(bound_w / prob.scale) if bound_w != w else weight
    gap = 0.0 if bound_w <= 0 else round((bound_w - w) / bound_w, 6)
    if req < n_req:
        status = "infeasible"
    elif levels.all_proven:
        status = "optimal"
    else:
        status = "feasible"
    return Result(
        status=status,
        meetings=meetings,
        unscheduled=unscheduled,
        objective=Objective(required=req, weight=weight, min_meetings=min_c, breaks=brk),
        bound=Bound(weight=bound_weight, breaks=min(levels.breaks_bound, brk)),
        gap=gap,
        seconds=round(time.perf_counter() - budget.start, 2),
        log=levels.log,
    )
