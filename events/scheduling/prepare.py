"""Index an instance into compact arrays the solver stages share.

Slots, participants, tables and meetings become integer indexes; a meeting's allowed slots
(availability of both sides, its session, its fixed slot, interpreter supply) become a bitmask
``dom[m]`` (bit s = slot s). Meetings whose mask is empty get a human reason here, before any
search.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from events.scheduling.model import Instance

# Weights are floats; CP-SAT wants integers. We scale by the smallest power of ten that makes
# every weight integral, and stop at 10**6 (then weights are rounded to 6 decimals).
MAX_WEIGHT_DECIMALS = 6
# CP-SAT adds the scaled weights in 64-bit integers and returns objective values as doubles, and
# the combined "required meetings first, then weight" objective multiplies the total by the
# number of meetings: (total + 1) × (meetings + 1) must stay below 2**53 to be exact. Large
# weights therefore get fewer decimals; weights too large even in whole units are refused.
EXACT_INT_LIMIT = 2**53


def weight_scale(weights: list[float]) -> int | None:
    """The power of ten weights are multiplied by, or None when they are too large to use."""
    fits = None
    for k in range(MAX_WEIGHT_DECIMALS + 1):
        total = sum(round(w * 10**k) for w in weights)
        if (total + 1) * (len(weights) + 1) < EXACT_INT_LIMIT:
            fits = k
        else:
            break
    if fits is None:
        return None
    for k in range(fits + 1):
        scale = 10**k
        if all(
            abs(w * scale - round(w * scale)) <= 1e-9 * max(1.0, abs(w * scale)) for w in weights
        ):
            return scale
    return 10**fits


def popcount(mask: int) -> int:
    return mask.bit_count()


def bits(mask: int) -> list[int]:
    """Indexes of the set bits, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


@dataclass(slots=True)
class Problem:
    """The instance as arrays. ``M`` meetings, ``P`` participants, ``S`` slots."""

    inst: Instance
    S: int
    P: int
    M: int
    slot_ids: list[str]
    part_ids: list[str]
    meet_ids: list[str]
    table_ids: list[str]
    slot_index: dict[str, int]
    part_index: dict[str, int]
    meet_index: dict[str, int]
    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    wint: list[int]
    scale: int
    required: np.ndarray
    dom: list[int]
    avail: list[int]
    cap: list[int]
    inc: list[list[int]]
    host_of_table: list[int]
    host_table: list[int]
    # Table a meeting is bound to: its host's table, or the table fixed in the input; -1 = free.
    forced_table: list[int]
    n_free_tables: int
    # Interpreter languages each meeting takes from the shared pool, and (for meetings that may
    # sit at any free table) the languages it could instead find at an interpreter table.
    pool_langs: list[tuple[str, ...]]
    free_langs: list[tuple[str, ...]]
    pool: dict[str, int]
    free_lang_tables: dict[str, int]
    preds: list[list[int]]
    pair_groups: list[list[int]]
    session_mask: dict[str, int]
    reasons: dict[int, str] = field(default_factory=dict)
    fairness_set: list[int] = field(default_factory=list)

    @property
    def uses_lang_tables(self) -> bool:
        return any(self.free_lang_tables.get(lang, 0) for ls in self.free_langs for lang in ls)


def prepare(inst: Instance) -> Problem:
    S = len(inst.slots)
    slot_index = {s.id: i for i, s in enumerate(inst.slots)}
    part_index = {p.id: i for i, p in enumerate(inst.participants)}
    meet_index = {m.id: i for i, m in enumerate(inst.meetings)}
    table_index = {t.id: i for i, t in enumerate(inst.tables)}
    P, M = len(inst.participants), len(inst.meetings)
    full = (1 << S) - 1

    session_mask: dict[str, int] = {}
    for i, s in enumerate(inst.slots):
        if s.session is not None:
            session_mask[s.session] = session_mask.get(s.session, 0) | (1 << i)

    avail = []
    cap = []
    for p in inst.participants:
        mask = full
        for sid in p.unavailable:
            mask &= ~(1 << slot_index[sid])
        avail.append(mask)
        limit = popcount(mask)
        if p.max_meetings is not None:
            limit = min(limit, p.max_meetings)
        cap.append(limit)

    host_of_table = [part_index[t.host] if t.host is not None else -1 for t in inst.tables]
    host_table = [-1] * P
    for ti, h in enumerate(host_of_table):
        if h >= 0:
            host_table[h] = ti
    free_tables = [ti for ti, h in enumerate(host_of_table) if h < 0]
    free_lang_tables: dict[str, int] = {}
    for ti in free_tables:
        lang = inst.tables[ti].interpreter
        if lang is not None:
            free_lang_tables[lang] = free_lang_tables.get(lang, 0) + 1
    pool = dict(inst.interpreters)

    a = np.empty(M, dtype=np.int32)
    b = np.empty(M, dtype=np.int32)
    weight = np.empty(M, dtype=np.float64)
    required = np.zeros(M, dtype=bool)
    inc: list[list[int]] = [[] for _ in range(P)]
    forced_table = [-1] * M
    pool_langs: list[tuple[str, ...]] = []
    free_langs: list[tuple[str, ...]] = []
    dom = [0] * M
    reasons: dict[int, str] = {}
    part_lang = [p.interpreter for p in inst.participants]
    pair_first: dict[tuple[int, int], list[int]] = {}

    for mi, m in enumerate(inst.meetings):
        ai, bi = part_index[m.a], part_index[m.b]
        a[mi], b[mi] = ai, bi
        weight[mi] = m.weight
        required[mi] = m.required
        inc[ai].append(mi)
        inc[bi].append(mi)
        pair_first.setdefault((min(ai, bi), max(ai, bi)), []).append(mi)
        langs = tuple(sorted({lang for lang in (part_lang[ai], part_lang[bi]) if lang}))
        if m.table is not None:
            forced_table[mi] = table_index[m.table]
        elif host_table[ai] >= 0 and host_table[bi] < 0:
            forced_table[mi] = host_table[ai]
        elif host_table[bi] >= 0 and host_table[ai] < 0:
            forced_table[mi] = host_table[bi]
        if forced_table[mi] >= 0:
            table_lang = inst.tables[forced_table[mi]].interpreter
            pool_langs.append(tuple(lang for lang in langs if lang != table_lang))
            free_langs.append(())
        else:
            pool_langs.append(langs)
            free_langs.append(langs)

        mask = avail[ai] & avail[bi]
        if m.session is not None:
            mask &= session_mask[m.session]
        if m.slot is not None:
            mask &= 1 << slot_index[m.slot]
        dom[mi] = mask
        reason = _empty_domain_reason(
            inst,
            mi,
            ai,
            bi,
            host_table,
            len(free_tables),
            forced_table[mi],
            pool_langs[mi],
            free_lang_tables,
            pool,
            avail,
            session_mask,
            slot_index,
        )
        if reason is not None:
            dom[mi] = 0
            reasons[mi] = reason

    preds = [[meet_index[d] for d in m.after] for m in inst.meetings]
    pair_groups = [g for g in pair_first.values() if len(g) > 1]
    wlist = [float(w) for w in weight]
    scale = weight_scale(wlist)
    if scale is None:
        # io.parse_instance refuses such weights with a message; a hand-built Instance lands here.
        raise ValueError("meeting weights are too large to add up exactly")
    wint = [round(w * scale) for w in wlist]
    fairness_set = sorted({int(x) for mi in range(M) if dom[mi] for x in (a[mi], b[mi])})

    return Problem(
        inst=inst, S=S, P=P, M=M,
        slot_ids=[s.id for s in inst.slots],
        part_ids=[p.id for p in inst.participants],
        meet_ids=[m.id for m in inst.meetings],
        table_ids=[t.id for t in inst.tables],
        slot_index=slot_index, part_index=part_index, meet_index=meet_index,
        a=a, b=b, weight=weight, wint=wint, scale=scale, required=required, dom=dom,
        avail=avail, cap=cap, inc=inc, host_of_table=host_of_table, host_table=host_table,
        forced_table=forced_table, n_free_tables=len(free_tables),
        pool_langs=pool_langs, free_langs=free_langs, pool=pool,
        free_lang_tables=free_lang_tables, preds=preds, pair_groups=pair_groups,
        session_mask=session_mask, reasons=reasons, fairness_set=fairness_set,
    )  # fmt: skip


def _empty_domain_reason(
    inst: Instance,
    mi: int,
    ai: int,
    bi: int,
    host_table: list[int],
    n_free_tables: int,
    forced_table: int,
    pool_langs: tuple[str, ...],
    free_lang_tables: dict[str, int],
    pool: dict[str, int],
    avail: list[int],
    session_mask: dict[str, int],
    slot_index: dict[str, int],
) -> str | None:
    """Why meeting ``mi`` can never be placed, or None when some slot is allowed."""
    m = inst.meetings[mi]
    pa, pb = m.a, m.b
    if host_table[ai] >= 0 and host_table[bi] >= 0 and m.table is None:
        return f"{pa} and {pb} both host their own tables, and a host meets only at its own"
    if forced_table < 0 and n_free_tables == 0:
        return "no table is free for meetings outside the hosts' own tables"
    for lang in pool_langs:
        if pool.get(lang, 0) == 0 and (forced_table >= 0 or free_lang_tables.get(lang, 0) == 0):
            return f"no {lang} interpreter is available"
    scope = "" if m.session is None else f" in session {m.session}"
    within = session_mask[m.session] if m.session is not None else (1 << len(inst.slots)) - 1
    if m.slot is not None:
        s = slot_index[m.slot]
        bit = 1 << s
        if not within & bit:
            return f"fixed slot {m.slot} is not in session {m.session}"
        for pid, pi in ((pa, ai), (pb, bi)):
            if not avail[pi] & bit:
                return f"{pid} is unavailable in its fixed slot {m.slot}"
        return None
    for pid, pi in ((pa, ai), (pb, bi)):
        if not avail[pi] & within:
            return f"{pid} has no free slot{scope}"
    if not avail[ai] & avail[bi] & within:
        return f"{pa} has no free slot in common with {pb}{scope}"
    return None


def count_breaks(slots: list[int]) -> int:
    """Breaks in one participant's day: gaps between consecutive meetings (sorted slot indexes)."""
    return sum(1 for x, y in itertools.pairwise(slots) if y - x > 1)


def fmt_weight(value: float) -> float:
    """Weights are reported rounded to the scaling precision, so sums print cleanly."""
    out = round(value, MAX_WEIGHT_DECIMALS)
    return 0.0 if out == 0 else out


def is_close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6)
