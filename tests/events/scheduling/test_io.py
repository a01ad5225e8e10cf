"""Parsing and validation of the JSON instance."""

from __future__ import annotations

from typing import Any

import pytest

from events.scheduling.io import InstanceError, parse_instance
from events.scheduling.model import Table


def _data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slots": [{"id": "1", "session": "am"}, {"id": "2", "session": "am"}],
        "tables": 2,
        "participants": [{"id": "p1"}, {"id": "p2"}],
        "meetings": [{"id": "m1", "a": "p1", "b": "p2"}],
    }
    data.update(extra)
    return data


def test_parse_tables_number_means_interchangeable_tables() -> None:
    assert parse_instance(_data()).tables == (Table("T1"), Table("T2"))


def test_parse_defaults_weight_one_optional_no_constraints() -> None:
    m = parse_instance(_data()).meetings[0]
    assert (m.weight, m.required, m.session, m.slot, m.table, m.after) == (
        1.0, False, None, None, None, (),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"meetings": [{"id": "m1", "a": "p1", "b": "p9"}]},
         'meetings[0].b: unknown participant "p9"'),
        ({"meetings": [{"id": "m1", "a": "p1", "b": "p1"}]},
         'meetings[0].b: a participant cannot meet itself ("p1")'),
        ({"meetings": [{"id": "m1", "a": "p1", "b": "p2", "weight": -1}]},
         "meetings[0].weight: must be a finite number ≥ 0, got -1"),
        ({"meetings": [{"id": "m1", "a": "p1", "b": "p2", "after": ["m7"]}]},
         'meetings[0].after: unknown meeting "m7"'),
        ({"meetings": [{"id": "m1", "a": "p1", "b": "p2", "session": "pm"}]},
         'meetings[0].session: unknown session "pm"'),
        ({"meetings": [{"id": "m1", "a": "p1", "b": "p2", "table": "T1"}]},
         "meetings[0].table: a table can only be fixed together with a slot"),
        ({"participants": [{"id": "p1", "unavailable": ["9"]}, {"id": "p2"}]},
         'participants[0].unavailable: unknown slot "9"'),
        ({"participants": [{"id": "p1"}, {"id": "p1"}]}, 'participants[1].id: duplicate id "p1"'),
        ({"tables": [{"id": "H", "host": "p1"}, {"id": "G", "host": "p1"}]},
         'tables[1].host: "p1" already hosts table "H"'),
        ({"interpreters": {"ko": -1}}, "interpreters.ko: must be an integer ≥ 0, got -1"),
        ({"options": {"max_break_spread": "2"}},
         "options.max_break_spread: must be an integer ≥ 0 or null, got '2'"),
        ({"slots": []}, "slots: must not be empty"),
    ],
)  # fmt: skip
def test_parse_rejects_bad_field_naming_record_and_field(change: dict, message: str) -> None:
    with pytest.raises(InstanceError) as info:
        parse_instance(_data(**change))
    assert str(info.value) == message


def test_parse_refuses_weights_too_large_to_add_up_exactly() -> None:
    data = _data(
        participants=[{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
        meetings=[
            {"id": "m1", "a": "p1", "b": "p2", "weight": 1e15},
            {"id": "m2", "a": "p2", "b": "p3", "weight": 3e15},
            {"id": "m3", "a": "p1", "b": "p3", "weight": 0.1234567},
        ],
    )
    with pytest.raises(InstanceError, match=r"^meetings\[1\]\.weight: too large \(3e\+15\)"):
        parse_instance(data)


def test_large_weights_are_kept_with_fewer_decimals() -> None:
    from events.scheduling.solver import solve

    data = _data(
        participants=[{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
        meetings=[
            {"id": "m1", "a": "p1", "b": "p2", "weight": 1e13},
            {"id": "m2", "a": "p2", "b": "p3", "weight": 3e13},
            {"id": "m3", "a": "p1", "b": "p3", "weight": 0.1234567},
        ],
    )
    result = solve(parse_instance(data), time_limit=5)
    assert (result.status, result.objective.weight) == ("optimal", 4e13)
