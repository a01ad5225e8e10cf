"""Human reasons for required meetings that the schedule could not hold.

The solver only knows *that* a meeting was left out; officials need to know *why*, in terms of
their data. We test the known causes from the most specific to the most general and give the
first that applies: the meeting's own allowed slots, a precedence cycle or chain, a session or
the whole event short of places, a participant with more required meetings than free slots, an
interpreter shortage, and at last what blocks it in the final schedule.
"""

from __future__ import annotations

from collections.abc import Sequence

from events.scheduling.prepare import Problem, bits, popcount


def _required_cycles(prob: Problem) -> dict[int, str]:
    """Required meetings on a cycle of `after` links between required meetings → the cycle."""
    req = [m for m in range(prob.M) if prob.required[m] and prob.dom[m]]
    is_req = set(req)
    preds = {m: [q for q in prob.preds[m] if q in is_req] for m in req}
    # Iterative Tarjan, so long chains do not hit the recursion limit.
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in req:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            if i < len(preds[v]):
                work.append((v, i + 1))
                w = preds[v][i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    comps.append(comp)
    out: dict[int, str] = {}
    for comp in comps:
        members = set(comp)
        for start in sorted(comp):
            # Shortest cycle through `start` inside the component (BFS over successor links).
            succs = {m: [n for n in members if m in preds[n]] for m in members}
            prev = {start: -1}
            queue = [start]
            found = None
            while queue and found is None:
                nxt = []
                for m in queue:
                    for n in sorted(succs[m]):
                        if n == start:
                            found = m
                            break
                        if n not in prev:
                            prev[n] = m
                            nxt.append(n)
                    if found is not None:
                        break
                queue = nxt
            path = []
            m = found
            while m != -1 and m is not None:
                path.append(m)
                m = prev[m]
            path.reverse()
            names = " → ".join(prob.meet_ids[m] for m in [*path, start])
            out[start] = f"precedence cycle: {names}"
    return out


def _chain_depth(prob: Problem) -> dict[int, int]:
    """Longest chain of required predecessors (acyclic part only).

    A depth-first search with an explicit stack: chains of thousands of meetings would
    overflow Python's recursion limit. A predecessor already on the current path (a cycle) is
    skipped, as the cycle has its own reason.
    """
    depth: dict[int, int] = {}
    req = {m for m in range(prob.M) if prob.required[m] and prob.dom[m]}
    for root in sorted(req):
        if root in depth:
            continue
        trail = {root}
        # (meeting, index of the next predecessor to look at, best depth so far)
        stack = [[root, 0, 0]]
        while stack:
            frame = stack[-1]
            m, i = frame[0], frame[1]
            preds = prob.preds[m]
            if i < len(preds):
                frame[1] = i + 1
                q = preds[i]
                if q not in req or q in trail:
                    continue
                if q in depth:
                    frame[2] = max(frame[2], depth[q] + 1)
                    continue
                trail.add(q)
                stack.append([q, 0, 0])
                continue
            stack.pop()
            trail.discard(m)
            depth[m] = frame[2]
            if stack:
                stack[-1][2] = max(stack[-1][2], frame[2] + 1)
    return depth


def explain(prob: Problem, slot_of: Sequence[int], *, timed_out: bool) -> dict[int, str]:
    """A reason for every required meeting with ``slot_of[m] == -1``."""
    missing = [m for m in range(prob.M) if prob.required[m] and slot_of[m] < 0]
    if not missing:
        return {}
    inst = prob.inst
    out: dict[int, str] = {}
    cycles = _required_cycles(prob)
    depth = _chain_depth(prob)
    full = (1 << prob.S) - 1
    req_dom = [m for m in range(prob.M) if prob.required[m] and prob.dom[m]]

    def places(mask: int) -> int:
        return popcount(mask) * prob.n_free_tables

    for m in missing:
        if m in prob.reasons:
            out[m] = prob.reasons[m]
            continue
        if m in cycles:
            out[m] = cycles[m]
            continue
        mid = prob.meet_ids[m]
        a, b = int(prob.a[m]), int(prob.b[m])
        pa, pb = prob.part_ids[a], prob.part_ids[b]
        dom = prob.dom[m]
        d = depth.get(m, 0)
        if d > bits(dom)[-1]:
            out[m] = (
                f"{mid} must follow a chain of {d} required meetings but its last allowed "
                f"slot is {prob.slot_ids[bits(dom)[-1]]}"
            )
            continue
        reason = None
        session = inst.meetings[m].session
        for label, mask in ([(session, prob.session_mask[session])] if session else []) + [
            (None, full)
        ]:
            group = [q for q in req_dom if prob.dom[q] & ~mask == 0 and prob.forced_table[q] < 0]
            if len(group) > places(mask):
                where = f"session {label}" if label else "the event"
                reason = (
                    f"{where} has {popcount(mask)} slots × {prob.n_free_tables} tables = "
                    f"{places(mask)} places but {len(group)} required meetings"
                )
                break
        if reason is None:
            for p, pid in ((a, pa), (b, pb)):
                mine = [q for q in prob.inc[p] if prob.required[q] and prob.dom[q]]
                limit = inst.participants[p].max_meetings
                if limit is not None and len(mine) > limit:
                    reason = f"{pid} has {len(mine)} required meetings but max_meetings {limit}"
                    break
                free = popcount(prob.avail[p])
                if len(mine) > free:
                    reason = f"{pid} has {len(mine)} required meetings but {free} free slots"
                    break
        if reason is None:
            for lang in prob.pool_langs[m]:
                group = [q for q in req_dom if lang in prob.pool_langs[q]]
                supply = prob.pool.get(lang, 0) + prob.free_lang_tables.get(lang, 0)
                union = 0
                for q in group:
                    union |= prob.dom[q]
                if len(group) > supply * popcount(union):
                    reason = (
                        f"{len(group)} required meetings need a {lang} interpreter but only "
                        f"{supply} per slot × {popcount(union)} slots are available"
                    )
                    break
        if reason is None:
            reason = _blocked(prob, m, slot_of, timed_out=timed_out)
        out[m] = reason
    return out


def _blocked(prob: Problem, m: int, slot_of: Sequence[int], *, timed_out: bool) -> str:
    a, b = int(prob.a[m]), int(prob.b[m])
    pa, pb = prob.part_ids[a], prob.part_ids[b]
    busy = [0] * prob.P
    for q, s in enumerate(slot_of):
        if s >= 0:
            busy[prob.a[q]] |= 1 << s
            busy[prob.b[q]] |= 1 << s
    dom = prob.dom[m]
    if dom & ~busy[a] == 0:
        what = f"every allowed slot of {pa} is taken by its other meetings"
    elif dom & ~busy[b] == 0:
        what = f"every allowed slot of {pb} is taken by its other meetings"
    elif dom & ~(busy[a] | busy[b]) == 0:
        what = f"{pa} and {pb} are never free at the same time once their other meetings are set"
    else:
        what = "no room left once the other required meetings are placed (tables, interpreters,"
        what += " precedences or the break-spread rule)"
    if timed_out:
        return f"not placed within the time limit: {what}"
    return what
