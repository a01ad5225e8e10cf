"""The time-indexed CP-SAT model: x[m, s] = meeting m is held in slot s.

One builder serves the whole event (all meetings active, empty base) and a neighbourhood of it
(LNS): meetings outside ``active`` stay where the base ``State`` holds them and enter every
constraint as constants, so a neighbourhood model costs time in proportion to its own size.

Tables are not variables: per slot only their number matters (tables are interchangeable), plus
host tables (implied by the host's one-meeting-per-slot) and interpreter tables, which appear
as z[s, L] = meetings seated at an L table in slot s (see ``state.hall_subsets``).

Breaks of participant p: blocks(p) − [p has a meeting], where a block starts in slot s when p is
busy in s and not in s − 1. When p's meeting count is fixed we add first/last-slot variables and
"no break ⇒ span = count", which lets CP-SAT propagate contiguity (this is what made the Girona
instances tractable).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from events.scheduling.prepare import Problem, bits
from events.scheduling.state import State, hall_subsets, mask_breaks

LinearExpr = cp_model.LinearExpr


class OutOfTime(Exception):
    """Building a model ran past its deadline (a loaded machine): the caller skips the step."""


@dataclass(slots=True)
class SolveOutcome:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, MODEL_INVALID
    value: int | None
    bound: int | None
    slots: dict[int, int] | None  # active meeting → slot (-1 = not held)
    dtime: float
    wall: float
    # Stopped by the wall-clock limit before its deterministic budget (not reproducible).
    by_clock: bool = False


class SlotModel:
    def __init__(
        self,
        prob: Problem,
        base: State,
        active: Sequence[int],
        *,
        hold: Iterable[int] = (),
        slot_mask: int | None = None,
        with_breaks: bool = False,
        spread: str = "hard",
        break_floor: dict[int, int] | None = None,
        floor_by_count: dict[int, list[int]] | None = None,
        deadline: float | None = None,
    ) -> None:
        """``base``: the schedule of every meeting not in ``active`` (active ones removed).

        ``hold``: active meetings that must be held (given exactly one slot). ``slot_mask``:
        slots the active meetings may use. ``with_breaks``: build break variables.
        ``spread``: how the instance's break-spread rule enters: "hard" (a constraint), "soft"
        (``self.excess`` measures the violation, for the caller to penalise) or "off".
        ``break_floor``: proven lower bounds on some participants' breaks (``breaks.py``),
        added as constraints: they cut the search and lift CP-SAT's bound.
        ``floor_by_count``: the same for participants whose meeting count is not fixed, as a
        table count → floor (``breaks.floor_by_count``).
        ``deadline`` (a ``time.perf_counter()`` value): building stops with ``OutOfTime``
        once it is passed.
        """
        self.deadline = deadline
        self.break_floor = break_floor or {}
        self.floor_by_count = floor_by_count or {}
        self.prob = prob
        self.base = base
        self.model = cp_model.CpModel()
        model = self.model
        S = prob.S
        mask_all = (1 << S) - 1 if slot_mask is None else slot_mask
        self.active = list(active)
        held = set(hold)
        self.held = held
        self.hint_dtime = 0.0

        self.x: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
        per_slot: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in range(S)]
        busy = base.busy
        for k, m in enumerate(self.active):
            if not k & 255:
                self._check_clock()
            a, b = int(prob.a[m]), int(prob.b[m])
            mask = prob.dom[m] & mask_all & ~(busy[a] | busy[b])
            ft = prob.forced_table[m]
            if ft >= 0 and prob.host_of_table[ft] < 0:
                for s in bits(mask):
                    if (s, ft) in base.table_used:
                        mask &= ~(1 << s)
            for q in prob.preds[m]:
                sq = base.slot_of[q]
                if sq >= 0:
                    mask &= ~((1 << (sq + 1)) - 1)  # only slots after q's
            for q in base.succs[m]:
                sq = base.slot_of[q]
                if sq >= 0:
                    mask &= (1 << sq) - 1  # only slots before q's
            row = [(s, model.new_bool_var(f"x{m}_{s}")) for s in bits(mask)]
            self.x[m] = row
            for s, v in row:
                per_slot[s].append((m, v))
            if m in held:
                if row:
                    model.add_exactly_one(v for _, v in row)
                else:
                    model.add_bool_or([])  # cannot hold it: infeasible on purpose
            elif len(row) > 1:
                model.add_at_most_one(v for _, v in row)
        self.per_slot = per_slot

        self.touched = sorted(
            {int(p) for m in self.active if self.x[m] for p in (prob.a[m], prob.b[m])}
        )
        self.y_terms: dict[int, dict[int, list[cp_model.IntVar]]] = {p: {} for p in self.touched}
        for s in range(S):
            for m, v in per_slot[s]:
                self.y_terms[int(prob.a[m])].setdefault(s, []).append(v)
                self.y_terms[int(prob.b[m])].setdefault(s, []).append(v)
        for p in self.touched:
            for terms in self.y_terms[p].values():
                if len(terms) > 1:
                    model.add_at_most_one(terms)

        self._tables_and_interpreters()
        self._precedences()
        self._per_participant_limits()

        req = [m for m in self.active if prob.required[m]]
        self.req_expr = self._sum_sel(req) + base.n_required
        self.weight_expr = self._sum_sel(self.active, weights=prob.wint) + base.wsum
        self._breaks: LinearExpr | None = None
        self._breaks_p: dict[int, object] = {}
        self._active_p: dict[int, object] = {}
        self.excess: object = 0
        d = prob.inst.options.max_break_spread
        if d is None:
            spread = "off"
        if with_breaks or spread != "off":
            self._build_breaks()
        if spread != "off":
            self._spread(d, soft=spread == "soft")

    def _check_clock(self) -> None:
        if self.deadline is not None and time.perf_counter() >= self.deadline:
            raise OutOfTime

    # --- expressions ---------------------------------------------------------------------
    def _sum_sel(self, ms: Sequence[int], weights: Sequence[int] | None = None) -> LinearExpr:
        terms, coefs = [], []
        for m in ms:
            w = 1 if weights is None else weights[m]
            for _, v in self.x.get(m, ()):
                terms.append(v)
                coefs.append(w)
        return LinearExpr.weighted_sum(terms, coefs)

    def count_expr(self, p: int) -> LinearExpr:
        ms = [m for m in self.prob.inc[p] if m in self.x]
        return self._sum_sel(ms) + self.base.count[p]

    def _count_const(self, p: int) -> int | None:
        """p's meeting count when the model leaves it no choice, else None."""
        total = self.base.count[p]
        for m in self.prob.inc[p]:
            if m not in self.x or not self.x[m]:
                continue
            if m in self.held:
                total += 1
            else:
                return None
        return total

    # --- constraints ---------------------------------------------------------------------
    def _tables_and_interpreters(self) -> None:
        prob, model, base = self.prob, self.model, self.base
        tables = prob.inst.tables
        for s, items in enumerate(self.per_slot):
            if not items:
                continue
            free_terms = []
            fixed_at: dict[int, list[object]] = {}
            for m, v in items:
                ft = prob.forced_table[m]
                if ft < 0 or prob.host_of_table[ft] < 0:
                    free_terms.append(v)
                if ft >= 0 and prob.host_of_table[ft] < 0:
                    fixed_at.setdefault(ft, []).append(v)
            room = prob.n_free_tables - base.load[s]
            if len(free_terms) > room:
                model.add(sum(free_terms) <= room)
            for terms in fixed_at.values():
                if len(terms) > 1:
                    model.add_at_most_one(terms)

            need: dict[str, list[object]] = {}
            for m, v in items:
                for lang in prob.pool_langs[m]:
                    need.setdefault(lang, []).append(v)
            # Languages the fixed (base) meetings are already short of take interpreter tables
            # too, and through Hall's condition they limit the other languages' tables: they
            # enter with no active demand.
            for lang, n in base.pool_need[s].items():
                if n > prob.pool.get(lang, 0):
                    need.setdefault(lang, [])
            if not need:
                continue
            free_items = [(m, v) for m, v in items if prob.free_langs[m]]
            z: dict[str, object] = {}
            for lang in sorted(need):
                open_tables = base.lang_tables[s].get(lang, 0)
                users = [v for m, v in free_items if lang in prob.free_langs[m]]
                have_base = sum(c for ls, c in base.free_sets[s].items() if lang in ls)
                if open_tables <= 0 or not (users or have_base):
                    continue
                zv = model.new_int_var(0, open_tables, f"z{s}_{lang}")
                fixed_here = [
                    v for ft, terms in fixed_at.items()
                    if tables[ft].interpreter == lang for v in terms
                ]  # fmt: skip
                if fixed_here:
                    model.add(zv + sum(fixed_here) <= open_tables)
                z[lang] = zv
            for lang, terms in need.items():
                limit = prob.pool.get(lang, 0) - base.pool_need[s].get(lang, 0)
                if lang in z:
                    model.add(sum(terms) - z[lang] <= limit)
                elif len(terms) > limit:
                    model.add(sum(terms) <= limit)  # a constant 0 ≤ negative: infeasible
            if z:
                all_sets = [prob.free_langs[m] for m, _ in free_items]
                all_sets += [ls for ls, c in base.free_sets[s].items() if c]
                for subset in hall_subsets(sorted(z), all_sets):
                    cover = [
                        v
                        for m, v in free_items
                        if any(lang in prob.free_langs[m] for lang in subset)
                    ]
                    const = sum(
                        c for ls, c in base.free_sets[s].items()
                        if any(lang in ls for lang in subset)
                    )  # fmt: skip
                    model.add(sum(z[lang] for lang in subset) <= sum(cover) + const)

    def _precedences(self) -> None:
        prob, model = self.prob, self.model
        for m in self.active:
            for q in prob.preds[m]:
                if q not in self.x:
                    continue  # a held predecessor already trimmed m's slots
                for s, v in self.x[m]:
                    later = [w for t, w in self.x[q] if t >= s]
                    if later:
                        model.add(v + sum(later) <= 1)

    def _per_participant_limits(self) -> None:
        prob, model, base = self.prob, self.model, self.base
        for p in self.touched:
            limit = prob.inst.participants[p].max_meetings
            if limit is None:
                continue
            possible = base.count[p] + sum(1 for m in prob.inc[p] if self.x.get(m))
            if possible > limit:
                model.add(self.count_expr(p) <= limit)
        for group in prob.pair_groups:
            if not any(self.x.get(m) for m in group):
                continue
            # A pair meets once, except that required meetings of the same pair may all be held
            # (the organiser asked for each): an optional one excludes every other one.
            optional = [m for m in group if not prob.required[m]]
            if not optional:
                continue
            required = [m for m in group if prob.required[m]]
            for r in required or [None]:
                ms = optional if r is None else [*optional, r]
                fixed = sum(1 for m in ms if m not in self.x and base.slot_of[m] >= 0)
                model.add(self._sum_sel([m for m in ms if m in self.x]) + fixed <= 1)

    # --- breaks and fairness -------------------------------------------------------------
    def _build_breaks(self) -> None:
        prob, model, base = self.prob, self.model, self.base
        S = prob.S
        total = []
        for k, p in enumerate(self.touched):
            if not k & 15:
                self._check_clock()
            terms = self.y_terms[p]
            ys: list[object] = []
            for s in range(S):
                if base.busy[p] >> s & 1:
                    ys.append(1)
                elif s not in terms:
                    ys.append(0)
                elif len(terms[s]) == 1:
                    ys.append(terms[s][0])
                else:
                    yv = model.new_bool_var(f"y{p}_{s}")
                    model.add(sum(terms[s]) == yv)
                    ys.append(yv)
            starts = []
            for s in range(S):
                cur = ys[s]
                prev = ys[s - 1] if s > 0 else 0
                if isinstance(cur, int) and cur == 0:
                    continue
                if isinstance(prev, int):
                    if prev == 0:
                        starts.append(cur)
                    continue
                if isinstance(cur, int):
                    starts.append(1 - prev)
                    continue
                st = model.new_bool_var(f"st{p}_{s}")
                model.add_implication(st, cur)
                model.add_implication(st, prev.Not())
                model.add_bool_or([st, cur.Not(), prev])
                starts.append(st)
            count = self._count_const(p)
            var_ys = [y for y in ys if not isinstance(y, int)]
            if base.busy[p] or (count is not None and count > 0):
                act: object = 1
            else:
                act = model.new_bool_var(f"act{p}")
                model.add_max_equality(act, var_ys)
            self._active_p[p] = act
            bp = model.new_int_var(self.break_floor.get(p, 0), S, f"brk{p}")
            model.add(bp == sum(starts) - act)
            table = self.floor_by_count.get(p)
            if count is None and table is not None and max(table) > 0:
                n = model.new_int_var(0, len(table) - 1, f"cnt{p}")
                model.add(n == self.count_expr(p))
                floor = model.new_int_var(0, S, f"floor{p}")
                model.add_element(n, table, floor)
                model.add(bp >= floor)
            if count is not None and count > 1:
                self._contiguity(p, ys, count, bp)
            self._breaks_p[p] = bp
            total.append(bp)
        self._breaks = sum(total) + self._const_breaks()

    def _contiguity(self, p: int, ys: list[object], count: int, bp: cp_model.IntVar) -> None:
        """first/last busy slot of p; no break ⇔ its span equals its meeting count."""
        model = self.model
        S = self.prob.S
        first = model.new_int_var(0, S - 1, f"first{p}")
        last = model.new_int_var(0, S - 1, f"last{p}")
        for s, y in enumerate(ys):
            if isinstance(y, int):
                if y:
                    model.add(first <= s)
                    model.add(last >= s)
                continue
            model.add(first <= s).only_enforce_if(y)
            model.add(last >= s).only_enforce_if(y)
        idle = model.new_int_var(0, S, f"idle{p}")
        model.add(idle == last - first + 1 - count)
        model.add(bp <= idle)
        if self.break_floor.get(p, 0) > 0:
            return  # p cannot be contiguous: the window encoding below would be void
        none = model.new_bool_var(f"nobreak{p}")
        model.add(bp == 0).only_enforce_if(none)
        model.add(bp >= 1).only_enforce_if(none.Not())
        model.add(idle == 0).only_enforce_if(none)
        # Without a break, p's day is one window of `count` slots: one boolean per possible
        # window, each fixing p's busy slots in clauses. Linked through first/last alone, CP-SAT
        # hardly propagated contiguity; with the windows the Girona optima at Σ LB were found.
        windows = []
        for w in range(S - count + 1):
            inside = ys[w : w + count]
            if any(isinstance(y, int) and y == 0 for y in inside):
                continue
            if any(isinstance(y, int) and y == 1 for y in ys[:w] + ys[w + count :]):
                continue
            wv = model.new_bool_var(f"win{p}_{w}")
            model.add_implication(wv, none)
            for y in inside:
                if not isinstance(y, int):
                    model.add_implication(wv, y)
            model.add(first == w).only_enforce_if(wv)
            windows.append((w, wv))
        model.add_bool_or([none.Not(), *(wv for _, wv in windows)])
        for s, y in enumerate(ys):
            if isinstance(y, int):
                continue
            cover = [wv for w, wv in windows if w <= s < w + count]
            model.add_bool_or([none.Not(), y.Not(), *cover])

    def _const_breaks(self) -> int:
        touched = set(self.touched)
        return sum(mask_breaks(self.base.busy[p]) for p in range(self.prob.P) if p not in touched)

    def _spread(self, d: int, *, soft: bool) -> None:
        model = self.model
        hi = self.prob.S
        touched = set(self.touched)
        fixed = [
            mask_breaks(self.base.busy[p])
            for p in range(self.prob.P)
            if p not in touched and self.base.busy[p]
        ]
        max_b = model.new_int_var(max(fixed, default=0), hi, "maxB")
        min_b = model.new_int_var(0, min(fixed, default=hi), "minB")
        for p, bp in self._breaks_p.items():
            act = self._active_p[p]
            model.add(bp <= max_b)
            if isinstance(act, int):
                model.add(bp >= min_b)
            else:
                model.add(bp >= min_b).only_enforce_if(act)
        if soft:
            # Per participant excess over (min + d): every offender pulls on the objective,
            # which guides the search much better than the single max − min gap.
            over = []
            for p, bp in self._breaks_p.items():
                ov = model.new_int_var(0, hi, f"over{p}")
                model.add(ov >= bp - min_b - d)
                over.append(ov)
            gap = model.new_int_var(0, hi, "spread_gap")
            model.add(gap >= max_b - min_b - d)
            self.excess = sum(over) + gap
        else:
            model.add(max_b - min_b <= d)

    @property
    def breaks_expr(self) -> LinearExpr:
        if self._breaks is None:
            self._build_breaks()
        return self._breaks

    # --- solving -------------------------------------------------------------------------
    def hint(
        self, slot_of: Sequence[int], *, dtime: float = 5.0, wall: float | None = None
    ) -> None:
        """Hint a schedule, completed to every auxiliary variable.

        An incomplete hint (x only) made CP-SAT spend seconds rebuilding the rest (y, z, break
        and span variables) before its first solution; fixing x in a copy of the model and
        letting propagation fill in the rest takes a fraction of that.
        """
        model = self.model
        model.clear_hints()
        copy = model.clone()
        copy.clear_objective()
        for m, row in self.x.items():
            for s, v in row:
                copy.add(copy.get_bool_var_from_proto_index(v.index) == int(slot_of[m] == s))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = max(min(dtime, 5.0), 0.01)
        if wall is not None:
            solver.parameters.max_time_in_seconds = max(wall, 0.01)
        solver.parameters.cp_model_presolve = False  # x is fixed: propagation does it all
        status = solver.solve(copy)
        self.hint_dtime = solver.deterministic_time
        proto = model.proto
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = solver.response_proto.solution
            proto.solution_hint.vars.extend(range(len(values)))
            proto.solution_hint.values.extend(values)
        # Otherwise the schedule breaks the model (a required meeting it leaves out, say) and no
        # hint is given: a partial x-only hint made CP-SAT spend its time repairing it (forum-14,
        # holding every meeting: 38.8 s with the greedy schedule as hint, 7.9 s without).

    def solve(
        self,
        objective: LinearExpr | None,
        *,
        maximize: bool,
        dtime: float,
        wall: float,
        seed: int,
        workers: int,
    ) -> SolveOutcome:
        model = self.model
        if objective is not None:
            if maximize:
                model.maximize(objective)
            else:
                model.minimize(objective)
        else:
            model.clear_objective()
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        params.random_seed = seed
        params.max_deterministic_time = max(dtime, 0.01)
        params.max_time_in_seconds = max(wall, 0.05)
        if workers > 1:
            # The only mode in which parallel CP-SAT is reproducible (DeterministicLoop).
            params.interleave_search = True
        status = solver.solve(model)
        name = solver.status_name(status)
        by_clock = (
            status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
            and solver.deterministic_time < 0.98 * params.max_deterministic_time
            and solver.wall_time >= 0.95 * params.max_time_in_seconds
        )
        slots = None
        value = bound = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            slots = {}
            for m, row in self.x.items():
                slots[m] = -1
                for s, v in row:
                    if solver.boolean_value(v):
                        slots[m] = s
                        break
            if objective is not None:
                value = round(solver.objective_value)
                raw = solver.best_objective_bound
                bound = int(raw + 1e-6) if maximize else -int(-raw + 1e-6)
        return SolveOutcome(
            status=name,
            value=value,
            bound=bound,
            slots=slots,
            dtime=solver.deterministic_time + self.hint_dtime,
            wall=solver.wall_time,
            by_clock=by_clock,
        )
