"""Read the Girona B2B MiniZinc data files (``.dzn``) into the scheduling JSON format.

Fields (see shared/benchmarks/b2b-girona/README.md): ``nBusiness``, ``nMeetings``, ``nTables``,
``nTotalSlots``, ``nMorningSlots``; ``requested`` rows ``p1, p2, session`` (1 morning, 2
afternoon, 3 either); ``forbidden`` per participant, its 1-based forbidden slots (0 = padding);
``fixed`` slot per meeting (0 = free); ``precedences`` per meeting, the 1-based meetings that must
come before it (0 = padding); ``meetingsxBusiness`` and ``nMeetingsBusiness`` repeat what
``requested`` says and are only cross-checked.

Every requested meeting is required (weight 1) and ``options.max_break_spread`` is 2, the
fairness rule of the published results.

    python -m bench.dzn FILE.dzn > FILE.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

GIRONA_SPREAD = 2
_ASSIGN = re.compile(r"(\w+)\s*=\s*(.*?);", re.S)


class DznError(ValueError):
    pass


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("%", 1)[0] for line in text.splitlines())


def parse_dzn(text: str) -> dict[str, Any]:
    """The assignments of a .dzn file: ints, 1-D int arrays, 2-D arrays (``[| .. |]``) as lists
    of rows, and arrays of sets as lists of lists."""
    out: dict[str, Any] = {}
    for name, raw in _ASSIGN.findall(_strip_comments(text)):
        value = raw.strip()
        if re.fullmatch(r"-?\d+", value):
            out[name] = int(value)
        elif value.startswith("[|"):
            body = value[2:].rstrip("]").rstrip().rstrip("|")
            rows = [r for r in body.split("|") if r.strip()]
            out[name] = [[int(x) for x in r.replace(",", " ").split()] for r in rows]
        elif value.startswith("[") and "{" in value:
            out[name] = [
                [int(x) for x in s.replace(",", " ").split()]
                for s in re.findall(r"\{(.*?)\}", value, re.S)
            ]
        elif value.startswith("["):
            out[name] = [int(x) for x in value[1:-1].replace(",", " ").split()]
        else:
            raise DznError(f"{name}: cannot read value {value[:40]!r}")
    return out


def _get(data: dict[str, Any], key: str) -> Any:
    if key not in data:
        raise DznError(f"{key}: missing")
    return data[key]


def dzn_to_instance(text: str, name: str | None = None) -> dict[str, Any]:
    data = parse_dzn(text)
    n_business = _get(data, "nBusiness")
    n_meetings = _get(data, "nMeetings")
    n_tables = _get(data, "nTables")
    n_slots = _get(data, "nTotalSlots")
    n_morning = _get(data, "nMorningSlots")
    requested = _get(data, "requested")
    if len(requested) != n_meetings:
        raise DznError(f"requested: {len(requested)} rows but nMeetings = {n_meetings}")
    forbidden = data.get("forbidden", [[] for _ in range(n_business)])
    fixed = data.get("fixed", [0] * n_meetings)
    precedences = data.get("precedences", [[] for _ in range(n_meetings)])
    for key, rows, n in (
        ("forbidden", forbidden, n_business),
        ("fixed", fixed, n_meetings),
        ("precedences", precedences, n_meetings),
    ):
        if len(rows) != n:
            raise DznError(f"{key}: {len(rows)} entries, expected {n}")

    def slot_id(k: int) -> str:
        return str(k)

    slots = [
        {"id": slot_id(k), "session": "morning" if k <= n_morning else "afternoon"}
        for k in range(1, n_slots + 1)
    ]
    session_of = {1: "morning", 2: "afternoon", 3: None}
    participants = []
    for i in range(n_business):
        banned = sorted({k for k in forbidden[i] if k != 0})
        for k in banned:
            if not 1 <= k <= n_slots:
                raise DznError(f"forbidden[{i + 1}]: slot {k} out of 1..{n_slots}")
        participants.append(
            {"id": f"b{i + 1}", "unavailable": [slot_id(k) for k in banned], "interpreter": None}
        )
    meetings = []
    for j, row in enumerate(requested):
        if len(row) != 3:
            raise DznError(f"requested[{j + 1}]: expected 3 values, got {row}")
        p1, p2, sess = row
        if sess not in session_of:
            raise DznError(f"requested[{j + 1}]: session must be 1, 2 or 3, got {sess}")
        for p in (p1, p2):
            if not 1 <= p <= n_business:
                raise DznError(f"requested[{j + 1}]: participant {p} out of 1..{n_business}")
        slot = fixed[j]
        if slot and not 1 <= slot <= n_slots:
            raise DznError(f"fixed[{j + 1}]: slot {slot} out of 1..{n_slots}")
        after = sorted({k for k in precedences[j] if k != 0})
        for k in after:
            if not 1 <= k <= n_meetings:
                raise DznError(f"precedences[{j + 1}]: meeting {k} out of 1..{n_meetings}")
        meetings.append(
            {
                "id": f"m{j + 1}",
                "a": f"b{p1}",
                "b": f"b{p2}",
                "weight": 1.0,
                "required": True,
                "session": session_of[sess],
                "slot": slot_id(slot) if slot else None,
                "table": None,
                "after": [f"m{k}" for k in after],
            }
        )
    _cross_check(data, requested, n_business)
    return {
        "name": name,
        "slots": slots,
        "tables": n_tables,
        "interpreters": {},
        "participants": participants,
        "meetings": meetings,
        "options": {"max_break_spread": GIRONA_SPREAD},
    }


def _cross_check(data: dict[str, Any], requested: list[list[int]], n_business: int) -> None:
    """``nMeetingsBusiness`` must agree with ``requested`` (catches a misread file)."""
    counts = data.get("nMeetingsBusiness")
    if counts is None:
        return
    mine = [0] * n_business
    for p1, p2, _ in requested:
        mine[p1 - 1] += 1
        mine[p2 - 1] += 1
    if counts != mine:
        bad = next(i for i in range(n_business) if counts[i] != mine[i])
        raise DznError(
            f"nMeetingsBusiness[{bad + 1}] = {counts[bad]} but requested gives {mine[bad]}"
        )


def load_dzn(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    name = path.name.removesuffix(".dzn").removesuffix(".original")
    return dzn_to_instance(path.read_text(encoding="utf-8"), name=name)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m bench.dzn FILE.dzn", file=sys.stderr)
        return 2
    try:
        instance = load_dzn(args[0])
    except (OSError, DznError) as exc:
        print(f"{args[0]}: {exc}", file=sys.stderr)
        return 2
    json.dump(instance, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
