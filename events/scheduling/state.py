"""A mutable partial schedule with O(1)-ish feasibility tests, used by the heuristics.

Only slots are decided here; tables are assigned afterwards (``tables.py``). The per-slot
interpreter test is exact: see ``interpreter_ok``.
"""

from __future__ import annotations

from itertools import combinations, pairwise

from events.scheduling.prepare import Problem


def hall_subsets(langs: list[str], meeting_langs: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Language sets whose interpreter-table use must be covered by distinct meetings.

    A meeting can sit at one table only, so it can save at most one of its languages. Hall's
    theorem says ``z`` (meetings per language seated at that language's tables) is achievable
    iff for every language set Λ, Σ_{L∈Λ} z_L ≤ #meetings needing some L in Λ. Sets spanning
    two unconnected groups of languages (no meeting needs both) are implied by their parts, so
    only the subsets of each connected group are returned.
    """
    parent = {lang: lang for lang in langs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ls in meeting_langs:
        inside = [lang for lang in ls if lang in parent]
        for x, y in pairwise(inside):
            parent[find(x)] = find(y)
    groups: dict[str, list[str]] = {}
    for lang in langs:
        groups.setdefault(find(lang), []).append(lang)
    out: list[tuple[str, ...]] = []
    for group in groups.values():
        members = sorted(group)[:12]  # 4,095 subsets at most; real events have a handful
        for k in range(1, len(members) + 1):
            out.extend(combinations(members, k))
    return out


def interpreter_ok(
    pool_need: dict[str, int],
    free_sets: dict[tuple[str, ...], int],
    pool: dict[str, int],
    lang_tables: dict[str, int],
) -> bool:
    """Whether a slot's meetings can get their interpreters.

    ``pool_need[L]``: meetings in the slot needing L (wherever seated); ``free_sets[langs]``: how
    many of them may sit at any free table, by language set; ``lang_tables[L]``: free tables with
    an L interpreter still open in the slot. Meetings seated at an L table use its interpreter
    instead of the pool.
    """
    short = {}
    for lang, n in pool_need.items():
        extra = n - pool.get(lang, 0)
        if extra > 0:
            if extra > lang_tables.get(lang, 0):
                return False
            short[lang] = extra
    if not short:
        return True
    langs = sorted(short)
    sets = [ls for ls, c in free_sets.items() if c]
    for subset in hall_subsets(langs, sets):
        need = sum(short[lang] for lang in subset)
        have = sum(c for ls, c in free_sets.items() if c and any(lang in ls for lang in subset))
        if need > have:
            return False
    return True


def mask_breaks(mask: int) -> int:
    """Breaks of a day given as a bitmask of busy slots: its blocks of busy slots minus one."""
    if not mask:
        return 0
    return (mask & ~(mask << 1)).bit_count() - 1


def spread_excess(prob: Problem, state: State) -> int:
    """How far the schedule is over the break-spread rule (0 when it holds or there is none)."""
    d = prob.inst.options.max_break_spread
    if d is None:
        return 0
    counts = [mask_breaks(state.busy[p]) for p in range(prob.P) if state.busy[p]]
    if not counts:
        return 0
    return max(0, max(counts) - min(counts) - d)


class State:
    """Which slot each meeting is in (-1 = not scheduled) plus the derived occupancy."""

    @classmethod
    def from_slots(cls, prob: Problem, slot_of: list[int]) -> State:
        state = cls(prob)
        for m, s in enumerate(slot_of):
            if s >= 0:
                state.place(m, s)
        return state

    def __init__(self, prob: Problem) -> None:
        self.prob = prob
        S = prob.S
        self.slot_of = [-1] * prob.M
        self.busy = [0] * prob.P
        self.count = [0] * prob.P
        self.load = [0] * S  # meetings at free (non-host) tables
        self.table_used: set[tuple[int, int]] = set()  # (slot, table) of input-fixed tables
        self.pool_need: list[dict[str, int]] = [{} for _ in range(S)]
        self.free_sets: list[dict[tuple[str, ...], int]] = [{} for _ in range(S)]
        self.lang_tables: list[dict[str, int]] = [dict(prob.free_lang_tables) for _ in range(S)]
        self.pair_held: dict[tuple[int, int], list[int]] = {}
        self.succs: list[list[int]] = [[] for _ in range(prob.M)]
        for m, ps in enumerate(prob.preds):
            for q in ps:
                self.succs[q].append(m)
        self.n_required = 0
        self.wsum = 0  # scaled weight of the held meetings
        self.occ: dict[tuple[int, int], int] = {}  # (participant, slot) → meeting
        self.members: list[set[int]] = [set() for _ in range(S)]  # meetings held per slot
        self.wanted: list[int] = []  # the selection relaxation's target set, when known

    def pair(self, m: int) -> tuple[int, int]:
        a, b = int(self.prob.a[m]), int(self.prob.b[m])
        return (a, b) if a < b else (b, a)

    def _lang_effect(self, m: int) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
        prob = self.prob
        fixed_lang = None
        ft = prob.forced_table[m]
        if ft >= 0 and prob.host_of_table[ft] < 0:
            fixed_lang = prob.inst.tables[ft].interpreter
        return prob.pool_langs[m], prob.free_langs[m], fixed_lang

    def slot_ok(self, m: int, s: int) -> bool:
        """Every hard constraint except per-participant caps and pair-once (see ``can_place``)."""
        prob = self.prob
        if not (prob.dom[m] >> s) & 1:
            return False
        a, b = int(prob.a[m]), int(prob.b[m])
        if (self.busy[a] | self.busy[b]) >> s & 1:
            return False
        ft = prob.forced_table[m]
        is_free = ft < 0 or prob.host_of_table[ft] < 0
        if is_free and self.load[s] >= prob.n_free_tables:
            return False
        if ft >= 0 and prob.host_of_table[ft] < 0 and (s, ft) in self.table_used:
            return False
        for q in prob.preds[m]:
            if self.slot_of[q] >= s:
                return False
        for q in self.succs[m]:
            if self.slot_of[q] >= 0 and self.slot_of[q] <= s:
                return False
        pool_langs, free_langs, fixed_lang = self._lang_effect(m)
        if pool_langs or fixed_lang:
            need = dict(self.pool_need[s])
            for lang in pool_langs:
                need[lang] = need.get(lang, 0) + 1
            sets = self.free_sets[s]
            if free_langs:
                sets = dict(sets)
                sets[free_langs] = sets.get(free_langs, 0) + 1
            tables = self.lang_tables[s]
            if fixed_lang:
                tables = dict(tables)
                tables[fixed_lang] -= 1
            if not interpreter_ok(need, sets, prob.pool, tables):
                return False
        return True

    def can_place(self, m: int, s: int) -> bool:
        a, b = int(self.prob.a[m]), int(self.prob.b[m])
        if self.count[a] >= self.prob.cap[a] or self.count[b] >= self.prob.cap[b]:
            return False
        held = self.pair_held.get(self.pair(m))
        if held and (not self.prob.required[m] or not all(self.prob.required[q] for q in held)):
            # A pair meets once; only meetings the organiser requires may repeat a pair.
            return False
        return self.slot_ok(m, s)

    def place(self, m: int, s: int) -> None:
        prob = self.prob
        a, b = int(prob.a[m]), int(prob.b[m])
        self.slot_of[m] = s
        self.busy[a] |= 1 << s
        self.busy[b] |= 1 << s
        self.occ[(a, s)] = m
        self.occ[(b, s)] = m
        self.members[s].add(m)
        self.count[a] += 1
        self.count[b] += 1
        self.pair_held.setdefault(self.pair(m), []).append(m)
        ft = prob.forced_table[m]
        if ft < 0 or prob.host_of_table[ft] < 0:
            self.load[s] += 1
        if ft >= 0 and prob.host_of_table[ft] < 0:
            self.table_used.add((s, ft))
        pool_langs, free_langs, fixed_lang = self._lang_effect(m)
        for lang in pool_langs:
            self.pool_need[s][lang] = self.pool_need[s].get(lang, 0) + 1
        if free_langs:
            self.free_sets[s][free_langs] = self.free_sets[s].get(free_langs, 0) + 1
        if fixed_lang:
            self.lang_tables[s][fixed_lang] -= 1
        if prob.required[m]:
            self.n_required += 1
        self.wsum += prob.wint[m]

    def remove(self, m: int) -> None:
        prob = self.prob
        s = self.slot_of[m]
        a, b = int(prob.a[m]), int(prob.b[m])
        self.slot_of[m] = -1
        self.busy[a] &= ~(1 << s)
        self.busy[b] &= ~(1 << s)
        del self.occ[(a, s)]
        del self.occ[(b, s)]
        self.members[s].discard(m)
        self.count[a] -= 1
        self.count[b] -= 1
        held = self.pair_held[self.pair(m)]
        held.remove(m)
        if not held:
            del self.pair_held[self.pair(m)]
        ft = prob.forced_table[m]
        if ft < 0 or prob.host_of_table[ft] < 0:
            self.load[s] -= 1
        if ft >= 0 and prob.host_of_table[ft] < 0:
            self.table_used.discard((s, ft))
        pool_langs, free_langs, fixed_lang = self._lang_effect(m)
        for lang in pool_langs:
            self.pool_need[s][lang] -= 1
        if free_langs:
            self.free_sets[s][free_langs] -= 1
        if fixed_lang:
            self.lang_tables[s][fixed_lang] += 1
        if prob.required[m]:
            self.n_required -= 1
        self.wsum -= prob.wint[m]

    def breaks_of(self, p: int) -> int:
        return mask_breaks(self.busy[p])

    def occupant(self, p: int, s: int) -> int:
        """The meeting participant ``p`` has in slot ``s`` (must be busy there)."""
        return self.occ[(p, s)]
