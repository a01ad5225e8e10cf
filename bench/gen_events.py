"""Seeded generator of realistic weighted B2B events in the scheduling JSON format.

What makes them realistic (and hard in the right places): offering/seeking/both roles with the
meetings mostly across roles; popularity skew (a few organisations are asked by many);
availability holes (late arrivals, early departures, single busy slots); per-participant
maximums; weights from the request kind (mutual ≫ one-sided ≫ suggestion, scaled by the match
score); a share of required meetings (accepted and locked), some with a fixed slot; hosts with
their own table; participants needing a Korean or Japanese interpreter, a small pool and a few
interpreter tables; meetings restricted to a session; a few "after" links.

    python -m bench.gen_events NAME > NAME.json     (NAME from SCALES)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Scale:
    participants: int
    meetings: int
    slots: int
    tables: int  # free tables (hosts get their own on top)
    hosts: int = 0
    hosted_buyers: bool = False
    seed: int = 1


SCALES: dict[str, Scale] = {
    "event-600": Scale(150, 600, 12, 40, hosts=6),
    "event-1k-t200": Scale(1000, 13_000, 20, 200, hosts=20),
    "event-1k-t300": Scale(1000, 13_000, 20, 300, hosts=20),
    "event-3k": Scale(3000, 15_000, 24, 200, hosts=30),
    "hosted-15k": Scale(15_000, 86_000, 30, 200, hosts=3000, hosted_buyers=True),
}


def generate(scale: Scale, name: str) -> dict[str, Any]:
    rng = np.random.default_rng(scale.seed)
    P, S = scale.participants, scale.slots
    slot_ids = [str(k) for k in range(1, S + 1)]
    half = S // 2
    slots = [
        {"id": sid, "session": "morning" if k < half else "afternoon"}
        for k, sid in enumerate(slot_ids)
    ]

    if scale.hosted_buyers:
        # Hosted-buyer format: buyers sit at their own tables, suppliers visit them.
        role = np.where(np.arange(P) < scale.hosts, 1, 0)  # 1 = buyer (seeking), 0 = supplier
    else:
        role = rng.choice([0, 1, 2], size=P, p=[0.4, 0.4, 0.2])  # offering, seeking, both
    popularity = rng.pareto(1.6, size=P) + 1.0

    participants = []
    for i in range(P):
        unavailable: list[int] = []
        r = rng.random()
        if r < 0.15:
            unavailable = list(range(int(rng.integers(1, 4))))  # arrives late
        elif r < 0.30:
            unavailable = list(range(S - int(rng.integers(1, 4)), S))  # leaves early
        elif r < 0.40:
            unavailable = sorted({int(x) for x in rng.integers(0, S, size=2)})
        if scale.hosted_buyers and i < scale.hosts:
            max_m = None
        else:
            max_m = int(rng.integers(max(3, S // 3), S + 1)) if rng.random() < 0.7 else None
        lang = None
        u = rng.random()
        if u < 0.04:
            lang = "ko"
        elif u < 0.06:
            lang = "ja"
        participants.append(
            {
                "id": f"p{i + 1}",
                "unavailable": [slot_ids[k] for k in unavailable],
                "max_meetings": max_m,
                "interpreter": lang,
            }
        )

    # Candidate pairs: mostly across roles, chosen by popularity.
    offering = np.flatnonzero((role == 0) | (role == 2))
    seeking = np.flatnonzero((role == 1) | (role == 2))
    w_off = popularity[offering] / popularity[offering].sum()
    w_seek = popularity[seeking] / popularity[seeking].sum()
    pairs: dict[tuple[int, int], None] = {}
    target = scale.meetings
    while len(pairs) < target:
        n = (target - len(pairs)) * 2
        aa = rng.choice(offering, size=n, p=w_off)
        bb = rng.choice(seeking, size=n, p=w_seek)
        for a, b in zip(aa.tolist(), bb.tolist(), strict=True):
            if a == b:
                continue
            key = (a, b) if a < b else (b, a)
            if key not in pairs:
                pairs[key] = None
                if len(pairs) == target:
                    break
    pair_list = list(pairs)
    rng.shuffle(pair_list)

    host_ids = list(range(scale.hosts))
    host_set = set(host_ids)
    meetings = []
    kinds = rng.choice([0, 1, 2], size=target, p=[0.15, 0.45, 0.40])  # mutual, one-sided, sugg.
    scores = rng.beta(2.0, 3.0, size=target)
    avail = [set(range(S)) - {slot_ids.index(x) for x in p["unavailable"]} for p in participants]
    # Accepted (required) meetings never exceed half of what a participant can attend.
    req_room = [
        min(len(avail[i]), p["max_meetings"] if p["max_meetings"] is not None else S) // 2
        for i, p in enumerate(participants)
    ]
    fixed_at: set[tuple[int, int]] = set()  # (participant, slot) taken by a locked meeting
    for j, (a, b) in enumerate(pair_list):
        if a in host_set and b in host_set:
            continue  # two hosts never meet (each meets only at its own table)
        kind = int(kinds[j])
        score = float(scores[j])
        weight = (100.0, 10.0 + round(10 * score, 1), round(10 * score, 2))[kind]
        required = kind == 0 and rng.random() < 0.2 and req_room[a] > 0 and req_room[b] > 0
        if required:
            req_room[a] -= 1
            req_room[b] -= 1
        session = None
        if not required and rng.random() < 0.08:
            session = "morning" if rng.random() < 0.5 else "afternoon"
        slot = None
        common = sorted(
            s for s in avail[a] & avail[b] if (a, s) not in fixed_at and (b, s) not in fixed_at
        )
        if required and common and rng.random() < 0.1:
            k = int(rng.choice(common))
            fixed_at.update({(a, k), (b, k)})
            slot = slot_ids[k]
        meetings.append(
            {
                "id": f"m{j + 1}",
                "a": f"p{a + 1}",
                "b": f"p{b + 1}",
                "weight": weight,
                "required": bool(required),
                "session": session,
                "slot": slot,
                "table": None,
                "after": [],
            }
        )
    # A few follow-up meetings: same participant, must come after the first one.
    by_part: dict[str, list[int]] = {}
    for k, m in enumerate(meetings):
        by_part.setdefault(m["a"], []).append(k)
    for ks in list(by_part.values())[: max(1, len(meetings) // 400)]:
        if len(ks) >= 2 and meetings[ks[1]]["slot"] is None:
            meetings[ks[1]]["after"] = [meetings[ks[0]]["id"]]

    tables = [{"id": f"H{h + 1}", "host": f"p{h + 1}", "interpreter": None} for h in host_ids]
    n_lang_tables = 2 if scale.tables >= 10 else 0
    for t in range(scale.tables):
        lang = "ko" if t < n_lang_tables else None
        tables.append({"id": f"T{t + 1}", "host": None, "interpreter": lang})
    pool = max(1, P // 250)
    return {
        "name": name,
        "slots": slots,
        "tables": tables,
        "interpreters": {"ko": pool, "ja": max(1, pool // 2)},
        "participants": participants,
        "meetings": meetings,
        "options": {},
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in SCALES:
        print(f"usage: python -m bench.gen_events {{{','.join(SCALES)}}}", file=sys.stderr)
        return 2
    json.dump(generate(SCALES[args[0]], args[0]), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
