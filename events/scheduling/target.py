""" "Reach the floor": can every participant keep to its proven floor of breaks, plus a slack?

For events whose meetings are all held (all required, as in the Girona benchmark) every
participant p has a fixed meeting count c_p and a proven floor LB_p (``breaks.py``). The question
"is there a schedule with at most Σ LB_p + k breaks?" is then a feasibility model, much leaner
than minimising breaks: participants with no slack and LB_p = 0 must meet in one window of c_p
consecutive slots, the others may start at most LB_p + 1 + slack blocks. Feasible: a schedule at
that total (optimal when k = 0). Infeasible: a proof that the optimum is above Σ LB_p + k, when
the break-spread cap used is exact (see ``spread_cap``).

The model is built from scratch rather than on ``exact.SlotModel``: with the same constraints,
this plain formulation found the Girona schedules at the floor where the richer one did not
(3 of 3 seeds against 0 of 3 on ticf-14crafa, 60 s each). It covers tables, host and fixed
tables and precedences; events with interpreters are left to the general model (``applies``).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from events.scheduling.exact import SlotModel
from events.scheduling.prepare import Problem, bits


def spread_cap(
    prob: Problem, counts: dict[int, int], floor: dict[int, int]
) -> tuple[int, int] | None:
    """How the break-spread rule enters this model: (cap, exact_below).

    The rule bounds max − min over participants with a meeting. Each participant is held to at
    most ``cap`` = (the lowest floor) + d breaks, which implies the rule. It is exact, i.e.
    loses no schedule, while the minimum must stay at the lowest floor: whenever somebody meets
    once (always 0 breaks), and otherwise while the slack k is below ``exact_below``, the number
    of participants at the lowest floor (they cannot all use some of the slack). Without a rule
    the cap is the number of slots. None when no participant meets.
    """
    met = [p for p, c in counts.items() if c >= 1]
    if not met:
        return None
    d = prob.inst.options.max_break_spread
    if d is None:
        return prob.S, prob.P + prob.S + 1
    low = min(floor.get(p, 0) for p in met)
    if any(counts[p] == 1 for p in met):
        return low + d, prob.P + prob.S + 1
    return low + d, sum(1 for p in met if floor.get(p, 0) == low)


def applies(prob: Problem, held: list[int]) -> bool:
    """No interpreters and no per-participant maximum below its held meetings."""
    return not any(prob.pool_langs[m] for m in held)


class TargetModel:
    """x[m, s] for the held meetings plus the break structure; solved like a ``SlotModel``."""

    solve = SlotModel.solve

    def __init__(
        self, prob: Problem, held: list[int], floor: dict[int, int], slack: int, cap: int
    ) -> None:
        self.prob = prob
        self.model = md = cp_model.CpModel()
        self.hint_dtime = 0.0
        S = prob.S
        self.x: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
        per_slot: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in range(S)]
        for m in held:
            row = [(s, md.new_bool_var(f"x{m}_{s}")) for s in bits(prob.dom[m])]
            self.x[m] = row
            md.add_exactly_one(v for _, v in row)
            for s, v in row:
                per_slot[s].append((m, v))
        for s in range(S):
            free = []
            fixed: dict[int, list[cp_model.IntVar]] = {}
            for m, v in per_slot[s]:
                ft = prob.forced_table[m]
                if ft < 0 or prob.host_of_table[ft] < 0:
                    free.append(v)
                if ft >= 0 and prob.host_of_table[ft] < 0:
                    fixed.setdefault(ft, []).append(v)
            if len(free) > prob.n_free_tables:
                md.add(sum(free) <= prob.n_free_tables)
            for terms in fixed.values():
                if len(terms) > 1:
                    md.add_at_most_one(terms)
        for m in held:
            for q in prob.preds[m]:
                if q not in self.x:
                    continue
                for s, v in self.x[m]:
                    later = [w for t, w in self.x[q] if t >= s]
                    if later:
                        md.add(v + sum(later) <= 1)
        slack_vars = []
        for p in range(prob.P):
            terms: dict[int, list[cp_model.IntVar]] = {}
            for m in prob.inc[p]:
                for s, v in self.x.get(m, ()):
                    terms.setdefault(s, []).append(v)
            if not terms:
                continue
            ys: list[cp_model.IntVar | None] = []
            for s in range(S):
                if s not in terms:
                    ys.append(None)
                    continue
                y = md.new_bool_var(f"y{p}_{s}")
                md.add(sum(terms[s]) == y)
                ys.append(y)
            c = sum(1 for m in prob.inc[p] if self.x.get(m))
            if c < 2:
                continue
            lb = floor.get(p, 0)
            room = min(slack, cap - lb)
            if room < 0:
                md.add_bool_or([])  # p cannot keep under the cap: infeasible on purpose
                return
            extra: cp_model.IntVar | int = 0
            guard: list[cp_model.IntVar] = []
            if room > 0:
                extra = md.new_int_var(0, room, f"slack{p}")
                slack_vars.append(extra)
                used = md.new_bool_var(f"used{p}")  # p takes some of the slack
                md.add(extra >= 1).only_enforce_if(used)
                md.add(extra == 0).only_enforce_if(used.Not())
                guard = [used]
            if lb == 0:
                # One window [first, first + c − 1], both comparisons as booleans (an order
                # encoding of `first`): propagates both ways, unlike first/last arithmetic.
                first = md.new_int_var(0, S - c, f"first{p}")
                for s, y in enumerate(ys):
                    ge = md.new_bool_var(f"ge{p}_{s}")
                    le = md.new_bool_var(f"le{p}_{s}")
                    md.add(first <= s).only_enforce_if(ge)
                    md.add(first > s).only_enforce_if(ge.Not())
                    md.add(first >= s - c + 1).only_enforce_if(le)
                    md.add(first < s - c + 1).only_enforce_if(le.Not())
                    if y is None:
                        md.add_bool_or([*guard, ge.Not(), le.Not()])
                    else:
                        md.add_bool_or([*guard, y.Not(), ge])
                        md.add_bool_or([*guard, y.Not(), le])
                        md.add_bool_or([*guard, ge.Not(), le.Not(), y])
                if room == 0:
                    continue
            starts = []
            for s in range(S):
                cur, prev = ys[s], ys[s - 1] if s > 0 else None
                if cur is None:
                    continue
                if prev is None:
                    starts.append(cur)
                    continue
                st = md.new_bool_var(f"st{p}_{s}")
                md.add_implication(st, cur)
                md.add_implication(st, prev.Not())
                md.add_bool_or([st, cur.Not(), prev])
                starts.append(st)
            md.add(sum(starts) <= 1 + lb + extra)
        if slack_vars:
            md.add(sum(slack_vars) <= slack)
