"""Validate any schedule output (a dict in the FORMATS.md output shape) against its instance.

Every hard constraint is re-checked here from the instance itself, independently of the solver's
internal model, and the objective is recomputed; tests and benchmarks rely on it. The only thing
shared with the solver is the definition of who counts for ``min_meetings`` (participants with
at least one meeting that has an allowed slot, see ``prepare.fairness_set``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from events.scheduling.model import Instance
from events.scheduling.prepare import count_breaks, prepare

EPS = 1e-6


@dataclass(slots=True)
class CheckReport:
    ok: bool
    errors: list[str] = field(default_factory=list)
    objective: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "errors": self.errors, "objective": self.objective}


def check(instance: Instance, output: dict[str, Any]) -> CheckReport:
    errors: list[str] = []
    err = errors.append
    slots = {s.id: i for i, s in enumerate(instance.slots)}
    slot_session = {s.id: s.session for s in instance.slots}
    tables = {t.id: t for t in instance.tables}
    host_table = {t.host: t.id for t in instance.tables if t.host is not None}
    parts = {p.id: p for p in instance.participants}
    meetings = {m.id: m for m in instance.meetings}

    status = output.get("status")
    if status not in ("optimal", "feasible", "infeasible"):
        err(f"status: unknown value {status!r}")
    rows = output.get("meetings")
    if not isinstance(rows, list):
        return CheckReport(ok=False, errors=[*errors, "meetings: must be a list"])

    held: dict[str, tuple[str, str]] = {}  # meeting id → (slot, table)
    for i, row in enumerate(rows):
        where = f"meetings[{i}]"
        if not isinstance(row, dict):
            err(f"{where}: must be an object")
            continue
        mid, slot, table = row.get("id"), row.get("slot"), row.get("table")
        m = meetings.get(mid)
        if m is None:
            err(f"{where}.id: unknown meeting {mid!r}")
            continue
        if mid in held:
            err(f"{where}.id: meeting {mid} is scheduled twice")
            continue
        if {row.get("a"), row.get("b")} != {m.a, m.b}:
            err(f"{where}: {mid} is between {m.a} and {m.b}, not {row.get('a')}/{row.get('b')}")
        if slot not in slots:
            err(f"{where}.slot: unknown slot {slot!r}")
            continue
        if table not in tables:
            err(f"{where}.table: unknown table {table!r}")
            continue
        held[mid] = (slot, table)

    # Per-meeting rules.
    for mid, (slot, table) in held.items():
        m = meetings[mid]
        for pid in (m.a, m.b):
            if slot in parts[pid].unavailable:
                err(f"{mid}: {pid} is unavailable in slot {slot}")
        if m.session is not None and slot_session[slot] != m.session:
            err(f"{mid}: slot {slot} is not in session {m.session}")
        if m.slot is not None and slot != m.slot:
            err(f"{mid}: fixed to slot {m.slot} but scheduled in {slot}")
        if m.table is not None and table != m.table:
            err(f"{mid}: fixed to table {m.table} but seated at {table}")
        host = tables[table].host
        if host is not None and host not in (m.a, m.b):
            err(f"{mid}: seated at {table}, the table of host {host}, who is not in it")
        for pid in (m.a, m.b):
            own = host_table.get(pid)
            if own is not None and table != own:
                err(f"{mid}: {pid} hosts table {own} but meets at {table}")
        for dep in m.after:
            if dep in held and slots[held[dep][0]] >= slots[slot]:
                err(f"{mid}: must come after {dep} but is in slot {slot}, {dep} in {held[dep][0]}")

    # Per-slot rules: participants, tables, interpreters.
    by_slot: dict[str, list[str]] = defaultdict(list)
    for mid, (slot, _) in held.items():
        by_slot[slot].append(mid)
    lang_of = {p.id: p.interpreter for p in instance.participants}
    for slot, mids in by_slot.items():
        seen_p: dict[str, str] = {}
        seen_t: dict[str, str] = {}
        need: dict[str, int] = defaultdict(int)
        for mid in mids:
            m = meetings[mid]
            for pid in (m.a, m.b):
                if pid in seen_p:
                    err(f"slot {slot}: {pid} is in both {seen_p[pid]} and {mid}")
                seen_p[pid] = mid
            table = held[mid][1]
            if table in seen_t:
                err(f"slot {slot}: table {table} has both {seen_t[table]} and {mid}")
            seen_t[table] = mid
            for lang in sorted({lang_of[m.a], lang_of[m.b]} - {None}):
                if tables[table].interpreter != lang:
                    need[lang] += 1
        for lang, n in need.items():
            have = instance.interpreters.get(lang, 0)
            if n > have:
                err(f"slot {slot}: {n} meetings need a {lang} interpreter from the pool of {have}")

    # Per-participant rules.
    count: dict[str, int] = defaultdict(int)
    days: dict[str, list[int]] = defaultdict(list)
    for mid, (slot, _) in held.items():
        m = meetings[mid]
        for pid in (m.a, m.b):
            count[pid] += 1
            days[pid].append(slots[slot])
    for pid, n in count.items():
        limit = parts[pid].max_meetings
        if limit is not None and n > limit:
            err(f"{pid}: {n} meetings but max_meetings {limit}")
    pairs: dict[frozenset[str], list[str]] = defaultdict(list)
    for mid in held:
        m = meetings[mid]
        pairs[frozenset((m.a, m.b))].append(mid)
    for group in pairs.values():
        if len(group) > 1 and not all(meetings[mid].required for mid in group):
            err(f"pair {'/'.join(sorted(pairs_key(meetings, group)))} meets more than once: "
                f"{', '.join(sorted(group))}")  # fmt: skip
    breaks = {pid: count_breaks(sorted(d)) for pid, d in days.items()}
    spread = instance.options.max_break_spread
    if spread is not None and breaks:
        hi = max(breaks, key=lambda p: (breaks[p], p))
        lo = min(breaks, key=lambda p: (breaks[p], p))
        if breaks[hi] - breaks[lo] > spread:
            err(f"break spread: {hi} has {breaks[hi]} breaks, {lo} has {breaks[lo]}, "
                f"more than max_break_spread {spread} apart")  # fmt: skip

    # Required meetings, status and the unscheduled list.
    missing = [m.id for m in instance.meetings if m.required and m.id not in held]
    listed = {}
    for i, row in enumerate(output.get("unscheduled") or []):
        if not isinstance(row, dict) or row.get("id") not in meetings:
            err(f"unscheduled[{i}]: unknown meeting")
            continue
        if row["id"] in held:
            err(f"unscheduled[{i}]: {row['id']} is listed but scheduled")
        if not isinstance(row.get("reason"), str) or not row["reason"]:
            err(f"unscheduled[{i}]: {row['id']} has no reason")
        listed[row["id"]] = row.get("reason")
    for mid in missing:
        if mid not in listed:
            err(f"{mid}: required but neither scheduled nor listed as unscheduled")
    if missing and status != "infeasible":
        err(f"status: {status} but {len(missing)} required meetings are not scheduled")
    if not missing and status == "infeasible":
        err("status: infeasible but every required meeting is scheduled")

    # Objective.
    fairness = prepare(instance).fairness_set
    part_ids = [p.id for p in instance.participants]
    objective = {
        "required": sum(1 for mid in held if meetings[mid].required),
        "weight": round(math.fsum(meetings[mid].weight for mid in held), 6),
        "min_meetings": min((count[part_ids[p]] for p in fairness), default=0),
        "breaks": sum(breaks.values()),
    }
    claimed = output.get("objective") or {}
    for key, value in objective.items():
        got = claimed.get(key)
        if not isinstance(got, int | float) or abs(got - value) > EPS:
            err(f"objective.{key}: output says {got!r}, the schedule gives {value!r}")
    # FORMATS.md: bound, gap and seconds are always in the output (a bound's value may be
    # null where none was computed).
    bound = output.get("bound")
    if not isinstance(bound, dict):
        err(f"bound: missing or not an object, got {bound!r}")
        bound = {}
    for key in ("weight", "breaks") if output.get("bound") is bound else ():
        value = bound.get(key, "missing")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            err(f"bound.{key}: must be a number or null, got {value!r}")
    gap_value = output.get("gap")
    if isinstance(gap_value, bool) or not isinstance(gap_value, int | float):
        err(f"gap: missing or not a number, got {gap_value!r}")
    seconds = output.get("seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        err(f"seconds: missing or not a number ≥ 0, got {seconds!r}")
    if isinstance(bound.get("weight"), int | float) and bound["weight"] < objective["weight"] - EPS:
        err(f"bound.weight {bound['weight']} is below the schedule's weight {objective['weight']}")
    if isinstance(bound.get("breaks"), int) and bound["breaks"] > objective["breaks"]:
        err(f"bound.breaks {bound['breaks']} is above the schedule's breaks {objective['breaks']}")
    gap = output.get("gap")
    if isinstance(bound.get("weight"), int | float) and isinstance(gap, int | float):
        expect = (
            0.0
            if bound["weight"] <= 0
            else (bound["weight"] - objective["weight"]) / bound["weight"]
        )
        if abs(gap - expect) > 1e-5:
            err(f"gap: output says {gap}, bound and weight give {expect:.6f}")
    return CheckReport(ok=not errors, errors=errors, objective=objective)


def pairs_key(meetings: dict[str, Any], group: list[str]) -> set[str]:
    m = meetings[group[0]]
    return {m.a, m.b}
