"""Seat the meetings of each slot at tables, once slots are decided.

Within a slot, tables are interchangeable except host tables (their host's meetings only) and
interpreter tables (seating a meeting that needs that language there spares the shared pool).
The slot model already guarantees a seating exists; here we find one: hosts and fixed tables
first, then a bipartite matching of the meetings that must use an interpreter table, then the
rest in table order.
"""

from __future__ import annotations

from collections.abc import Sequence

from events.scheduling.prepare import Problem


def _match(candidates: list[list[int]]) -> dict[int, int] | None:
    """Kuhn's augmenting paths: assign each demand row (a language seat) one distinct meeting.

    ``candidates[i]``: meetings that can fill seat i. Returns meeting → seat, or None.
    """
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for m in candidates[i]:
            if m in seen:
                continue
            seen.add(m)
            if m not in owner or augment(owner[m], seen):
                owner[m] = i
                return True
        return False

    for i in range(len(candidates)):
        if not augment(i, set()):
            return None
    return owner


def assign_tables(prob: Problem, slot_of: Sequence[int]) -> list[int]:
    """Table index for every held meeting (-1 for meetings not held)."""
    tables = prob.inst.tables
    table_of = [-1] * prob.M
    by_slot: list[list[int]] = [[] for _ in range(prob.S)]
    for m, s in enumerate(slot_of):
        if s >= 0:
            by_slot[s].append(m)
    free_table_ids = [t for t, h in enumerate(prob.host_of_table) if h < 0]
    for s, ms in enumerate(by_slot):
        taken = set()
        free_ms = []
        need: dict[str, int] = {}
        for m in ms:
            for lang in prob.pool_langs[m]:
                need[lang] = need.get(lang, 0) + 1
            ft = prob.forced_table[m]
            if ft >= 0:
                table_of[m] = ft
                taken.add(ft)
            else:
                free_ms.append(m)
        open_tables = [t for t in free_table_ids if t not in taken]
        by_lang: dict[str, list[int]] = {}
        for t in open_tables:
            lang = tables[t].interpreter
            if lang is not None:
                by_lang.setdefault(lang, []).append(t)
        seats: list[str] = []
        for lang in sorted(need):
            short = need[lang] - prob.pool.get(lang, 0)
            seats.extend([lang] * max(short, 0))
        chosen: dict[int, str] = {}
        if seats:
            candidates = [[m for m in free_ms if lang in prob.free_langs[m]] for lang in seats]
            owner = _match(candidates)
            if owner is None:
                raise RuntimeError(f"slot {prob.slot_ids[s]}: no seating meets the interpreters")
            chosen = {m: seats[i] for m, i in owner.items()}
        used: set[int] = set()
        # Meetings that must use an interpreter table, then other meetings that need a
        # language (they keep a pool interpreter free), then the rest.
        order = sorted(free_ms, key=lambda m: (m not in chosen, not prob.free_langs[m], m))
        for m in order:
            lang = chosen.get(m)
            pick = None
            if lang is not None:
                pick = next(t for t in by_lang[lang] if t not in used)
            else:
                for want in prob.free_langs[m]:
                    pick = next((t for t in by_lang.get(want, []) if t not in used), None)
                    if pick is not None:
                        break
                if pick is None:
                    pick = next((t for t in open_tables if t not in used and
                                 tables[t].interpreter is None), None)  # fmt: skip
                if pick is None:
                    pick = next(t for t in open_tables if t not in used)
            used.add(pick)
            table_of[m] = pick
    return table_of
