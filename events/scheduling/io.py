"""JSON ⇄ dataclasses for the scheduling exchange format (shared/FORMATS.md, "Scheduling").

Parsing validates everything the solver relies on and raises ``InstanceError`` with a message
that names the record and the field, e.g. ``meetings[3].b: unknown participant "p9"``. Indexes
are 0-based positions in the JSON arrays. Unknown fields are ignored, as the format requires.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from events.scheduling.model import Instance, Meeting, Options, Participant, Slot, Table
from events.scheduling.prepare import weight_scale


class InstanceError(ValueError):
    """The instance is malformed; the message names the record and field at fault."""


def load_instance(path: str) -> Instance:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise InstanceError(f"{path}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise InstanceError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise InstanceError(f"{path}: not UTF-8 text") from exc
    return parse_instance(data)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _opt_str(rec: Mapping[str, Any], key: str, where: str) -> str | None:
    value = rec.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{where}.{key}: must be a non-empty string or null, got {value!r}")
    return value


def _id(rec: Mapping[str, Any], where: str, seen: set[str]) -> str:
    value = rec.get("id")
    if value is None:
        raise InstanceError(f"{where}.id: missing")
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{where}.id: must be a non-empty string, got {value!r}")
    if value in seen:
        raise InstanceError(f'{where}.id: duplicate id "{value}"')
    seen.add(value)
    return value


def _records(data: Mapping[str, Any], key: str, *, required: bool) -> list[Any]:
    value = data.get(key)
    if value is None:
        if required:
            raise InstanceError(f"{key}: missing")
        return []
    if not isinstance(value, list):
        raise InstanceError(f"{key}: must be a list")
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            raise InstanceError(f"{key}[{i}]: must be an object")
    return value


def _parse_slots(data: Mapping[str, Any]) -> tuple[Slot, ...]:
    rows = _records(data, "slots", required=True)
    if not rows:
        raise InstanceError("slots: must not be empty")
    seen: set[str] = set()
    slots = []
    for i, rec in enumerate(rows):
        where = f"slots[{i}]"
        slots.append(
            Slot(
                id=_id(rec, where, seen),
                session=_opt_str(rec, "session", where),
                start=_opt_str(rec, "start", where),
                end=_opt_str(rec, "end", where),
            )
        )
    return tuple(slots)


def _parse_tables(data: Mapping[str, Any], participant_ids: set[str]) -> tuple[Table, ...]:
    value = data.get("tables")
    if value is None:
        raise InstanceError("tables: missing")
    if _is_int(value):
        if value < 0:
            raise InstanceError(f"tables: must be a list or a number ≥ 0, got {value}")
        return tuple(Table(id=f"T{k}") for k in range(1, value + 1))
    if not isinstance(value, list):
        raise InstanceError("tables: must be a list or a number")
    seen: set[str] = set()
    hosts: dict[str, str] = {}
    tables = []
    for i, rec in enumerate(value):
        where = f"tables[{i}]"
        if not isinstance(rec, dict):
            raise InstanceError(f"{where}: must be an object")
        table_id = _id(rec, where, seen)
        host = _opt_str(rec, "host", where)
        if host is not None:
            if host not in participant_ids:
                raise InstanceError(f'{where}.host: unknown participant "{host}"')
            if host in hosts:
                # One participant can sit at one table only: a second table would stay empty.
                raise InstanceError(f'{where}.host: "{host}" already hosts table "{hosts[host]}"')
            hosts[host] = table_id
        tables.append(
            Table(id=table_id, host=host, interpreter=_opt_str(rec, "interpreter", where))
        )
    return tuple(tables)


def _parse_interpreters(data: Mapping[str, Any]) -> dict[str, int]:
    value = data.get("interpreters")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InstanceError("interpreters: must be an object of language → count")
    out = {}
    for lang, count in value.items():
        if not _is_int(count) or count < 0:
            raise InstanceError(f"interpreters.{lang}: must be an integer ≥ 0, got {count!r}")
        out[lang] = count
    return out


def _parse_participants(data: Mapping[str, Any], slot_ids: set[str]) -> tuple[Participant, ...]:
    rows = _records(data, "participants", required=True)
    seen: set[str] = set()
    out = []
    for i, rec in enumerate(rows):
        where = f"participants[{i}]"
        pid = _id(rec, where, seen)
        unavailable = rec.get("unavailable") or []
        if not isinstance(unavailable, list):
            raise InstanceError(f"{where}.unavailable: must be a list of slot ids")
        for sid in unavailable:
            if not isinstance(sid, str) or sid not in slot_ids:
                raise InstanceError(f"{where}.unavailable: unknown slot {json.dumps(sid)}")
        max_meetings = rec.get("max_meetings")
        if max_meetings is not None and (not _is_int(max_meetings) or max_meetings < 0):
            raise InstanceError(
                f"{where}.max_meetings: must be an integer ≥ 0 or null, got {max_meetings!r}"
            )
        out.append(
            Participant(
                id=pid,
                unavailable=tuple(dict.fromkeys(unavailable)),
                max_meetings=max_meetings,
                interpreter=_opt_str(rec, "interpreter", where),
            )
        )
    return tuple(out)


def _parse_meetings(
    data: Mapping[str, Any],
    participant_ids: set[str],
    slot_ids: set[str],
    sessions: set[str],
    tables: tuple[Table, ...],
) -> tuple[Meeting, ...]:
    rows = _records(data, "meetings", required=True)
    table_host = {t.id: t.host for t in tables}
    host_table = {t.host: t.id for t in tables if t.host is not None}
    seen: set[str] = set()
    out = []
    for i, rec in enumerate(rows):
        where = f"meetings[{i}]"
        mid = _id(rec, where, seen)
        ends = []
        for key in ("a", "b"):
            pid = rec.get(key)
            if pid is None:
                raise InstanceError(f"{where}.{key}: missing")
            if not isinstance(pid, str) or pid not in participant_ids:
                raise InstanceError(f"{where}.{key}: unknown participant {json.dumps(pid)}")
            ends.append(pid)
        a, b = ends
        if a == b:
            raise InstanceError(f'{where}.b: a participant cannot meet itself ("{a}")')
        weight = rec.get("weight", 1.0)
        if weight is None:
            weight = 1.0
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise InstanceError(f"{where}.weight: must be a number, got {weight!r}")
        if not math.isfinite(weight) or weight < 0:
            raise InstanceError(f"{where}.weight: must be a finite number ≥ 0, got {weight!r}")
        required = rec.get("required", False)
        if required is None:
            required = False
        if not isinstance(required, bool):
            raise InstanceError(f"{where}.required: must be true or false, got {required!r}")
        session = _opt_str(rec, "session", where)
        if session is not None and session not in sessions:
            raise InstanceError(f'{where}.session: unknown session "{session}"')
        slot = _opt_str(rec, "slot", where)
        if slot is not None and slot not in slot_ids:
            raise InstanceError(f'{where}.slot: unknown slot "{slot}"')
        table = _opt_str(rec, "table", where)
        if table is not None:
            if table not in table_host:
                raise InstanceError(f'{where}.table: unknown table "{table}"')
            if slot is None:
                raise InstanceError(
                    f"{where}.table: a table can only be fixed together with a slot"
                )
            host = table_host[table]
            if host is not None and host not in (a, b):
                raise InstanceError(
                    f'{where}.table: "{table}" is the table of host "{host}", '
                    "who is not in this meeting"
                )
            for pid in (a, b):
                own = host_table.get(pid)
                if own is not None and own != table:
                    raise InstanceError(
                        f'{where}.table: "{pid}" hosts table "{own}", so meets only there'
                    )
        after = rec.get("after") or []
        if not isinstance(after, list):
            raise InstanceError(f"{where}.after: must be a list of meeting ids")
        out.append(
            Meeting(
                id=mid,
                a=a,
                b=b,
                weight=float(weight),
                required=required,
                session=session,
                slot=slot,
                table=table,
                after=tuple(dict.fromkeys(after)),
            )
        )
    if weight_scale([m.weight for m in out]) is None:
        heaviest = max(range(len(out)), key=lambda i: out[i].weight)
        raise InstanceError(
            f"meetings[{heaviest}].weight: too large ({out[heaviest].weight:g}): the weights "
            f"of the {len(out)} meetings add up to more than the solver can count exactly"
        )
    # `after` may point forward in the list, so it is checked once all ids are known.
    for i, m in enumerate(out):
        for dep in m.after:
            if not isinstance(dep, str) or dep not in seen:
                raise InstanceError(f"meetings[{i}].after: unknown meeting {json.dumps(dep)}")
            if dep == m.id:
                raise InstanceError(f'meetings[{i}].after: "{m.id}" cannot follow itself')
    return tuple(out)


def _parse_options(data: Mapping[str, Any]) -> Options:
    value = data.get("options")
    if value is None:
        return Options()
    if not isinstance(value, dict):
        raise InstanceError("options: must be an object")
    spread = value.get("max_break_spread")
    if spread is not None and (not _is_int(spread) or spread < 0):
        raise InstanceError(
            f"options.max_break_spread: must be an integer ≥ 0 or null, got {spread!r}"
        )
    return Options(max_break_spread=spread)


def parse_instance(data: Any) -> Instance:
    """Validate a decoded JSON instance and build the dataclasses."""
    if not isinstance(data, dict):
        raise InstanceError("instance: must be a JSON object")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise InstanceError(f"name: must be a string, got {name!r}")
    slots = _parse_slots(data)
    slot_ids = {s.id for s in slots}
    sessions = {s.session for s in slots if s.session is not None}
    participants = _parse_participants(data, slot_ids)
    participant_ids = {p.id for p in participants}
    tables = _parse_tables(data, participant_ids)
    meetings = _parse_meetings(data, participant_ids, slot_ids, sessions, tables)
    return Instance(
        name=name,
        slots=slots,
        tables=tables,
        interpreters=_parse_interpreters(data),
        participants=participants,
        meetings=meetings,
        options=_parse_options(data),
    )


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The JSON form of an instance (used by the .dzn converter and the generators)."""
    out: dict[str, Any] = {}
    if instance.name is not None:
        out["name"] = instance.name
    out["slots"] = [
        {
            k: v
            for k, v in (("id", s.id), ("session", s.session), ("start", s.start), ("end", s.end))
            if k in ("id", "session") or v is not None
        }
        for s in instance.slots
    ]
    out["tables"] = [
        {"id": t.id, "host": t.host, "interpreter": t.interpreter} for t in instance.tables
    ]
    out["interpreters"] = dict(instance.interpreters)
    out["participants"] = [
        {
            "id": p.id,
            "unavailable": list(p.unavailable),
            "max_meetings": p.max_meetings,
            "interpreter": p.interpreter,
        }
        for p in instance.participants
    ]
    out["meetings"] = [
        {
            "id": m.id,
            "a": m.a,
            "b": m.b,
            "weight": m.weight,
            "required": m.required,
            "session": m.session,
            "slot": m.slot,
            "table": m.table,
            "after": list(m.after),
        }
        for m in instance.meetings
    ]
    out["options"] = {"max_break_spread": instance.options.max_break_spread}
    return out
