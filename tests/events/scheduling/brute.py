"""Brute force for tiny instances: every (slot, table) choice for every meeting.

Independent of the solver: it reads the dataclasses and applies the FORMATS.md rules directly,
so agreeing with it means something. Only usable for a handful of meetings.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from events.scheduling.model import Instance
from events.scheduling.prepare import count_breaks, prepare


def _valid(inst: Instance, choice: dict[str, tuple[int, int]]) -> bool:
    meetings = {m.id: m for m in inst.meetings}
    parts = {p.id: p for p in inst.participants}
    host_table = {t.host: k for k, t in enumerate(inst.tables) if t.host is not None}
    used_p: set[tuple[str, int]] = set()
    used_t: set[tuple[int, int]] = set()
    need: dict[tuple[int, str], int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    pairs: dict[frozenset[str], list[str]] = defaultdict(list)
    for mid, (s, t) in choice.items():
        m = meetings[mid]
        slot = inst.slots[s]
        table = inst.tables[t]
        if m.session is not None and slot.session != m.session:
            return False
        if m.slot is not None and slot.id != m.slot:
            return False
        if m.table is not None and table.id != m.table:
            return False
        if table.host is not None and table.host not in (m.a, m.b):
            return False
        for pid in (m.a, m.b):
            if slot.id in parts[pid].unavailable or (pid, s) in used_p:
                return False
            if pid in host_table and host_table[pid] != t:
                return False
            used_p.add((pid, s))
            count[pid] += 1
        if (s, t) in used_t:
            return False
        used_t.add((s, t))
        for lang in {parts[m.a].interpreter, parts[m.b].interpreter} - {None}:
            if table.interpreter != lang:
                need[(s, lang)] += 1
        for dep in m.after:
            if dep in choice and choice[dep][0] >= s:
                return False
        pairs[frozenset((m.a, m.b))].append(mid)
    for (_, lang), n in need.items():
        if n > inst.interpreters.get(lang, 0):
            return False
    for pid, n in count.items():
        limit = parts[pid].max_meetings
        if limit is not None and n > limit:
            return False
    for group in pairs.values():
        if len(group) > 1 and not all(meetings[mid].required for mid in group):
            return False
    if inst.options.max_break_spread is not None:
        b = _breaks(inst, choice)
        if b and max(b.values()) - min(b.values()) > inst.options.max_break_spread:
            return False
    return True


def _breaks(inst: Instance, choice: dict[str, tuple[int, int]]) -> dict[str, int]:
    meetings = {m.id: m for m in inst.meetings}
    days: dict[str, list[int]] = defaultdict(list)
    for mid, (s, _) in choice.items():
        m = meetings[mid]
        days[m.a].append(s)
        days[m.b].append(s)
    return {pid: count_breaks(sorted(d)) for pid, d in days.items()}


def best_objective(inst: Instance) -> tuple[int, float, int, int] | None:
    """The lexicographic optimum (required, weight, min_meetings, breaks), or None."""
    fairness = [inst.participants[p].id for p in prepare(inst).fairness_set]
    options = [None] + [(s, t) for s in range(len(inst.slots)) for t in range(len(inst.tables))]
    best_key = None
    best = None
    for combo in itertools.product(options, repeat=len(inst.meetings)):
        choice = {m.id: c for m, c in zip(inst.meetings, combo, strict=True) if c is not None}
        if not _valid(inst, choice):
            continue
        req = sum(1 for m in inst.meetings if m.required and m.id in choice)
        weight = round(sum(m.weight for m in inst.meetings if m.id in choice), 6)
        count: dict[str, int] = defaultdict(int)
        for mid in choice:
            m = next(x for x in inst.meetings if x.id == mid)
            count[m.a] += 1
            count[m.b] += 1
        min_c = min((count[p] for p in fairness), default=0)
        breaks = sum(_breaks(inst, choice).values())
        key = (req, weight, min_c, -breaks)
        if best_key is None or key > best_key:
            best_key, best = key, (req, weight, min_c, breaks)
    return best


def all_required_placeable(inst: Instance) -> bool:
    best = best_objective(inst)
    return best is not None and best[0] == sum(1 for m in inst.meetings if m.required)
