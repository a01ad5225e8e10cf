"""Reading and validating the JSONL exchange format (shared/FORMATS.md, "Scoring").

Every problem raises `InputError` with one line naming the file, the line and the field, e.g.
`offers.jsonl line 17: trl must be 1..9, got 12`. The file is named by its base name, as in the
format's examples. Extra fields are ignored; JSON null counts as missing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from matchmaking.scoring.records import TRANSFER_MODES, NeedRecord, OfferRecord
from matchmaking.scoring.taxonomy import Taxonomy

_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2}$")


class InputError(ValueError):
    """Invalid input; str(error) is the one-line message for stderr."""


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )


class _Line:
    """Field checks for one JSON object; errors name the file, line and field."""

    def __init__(self, where: str, data: dict[str, Any], taxonomy: Taxonomy) -> None:
        self.where = where
        self.data = data
        self.taxonomy = taxonomy

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.where}: {message}")

    def value(self, name: str, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise self.fail(f"{name} is required")
        return value

    def string(self, name: str, required: bool = False) -> str | None:
        value = self.value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{name} must be a string, got {_show(value)}")
        if required and not value.strip():
            raise self.fail(f"{name} must not be empty")
        return value

    def text(self, name: str) -> str:
        return self.string(name) or ""

    def code(self, name: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.string(name)
        if value is None:
            return None
        if not pattern.match(value):
            raise self.fail(f"{name} must be {what}, got {_show(value)}")
        return value.upper()

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.value(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{name} must be a list of strings, got {_show(value)}")
        return tuple(value)

    def members(self, name: str, allowed: Callable[[str], bool], what: str) -> tuple[str, ...]:
        items = self.strings(name)
        for item in items:
            if not allowed(item):
                raise self.fail(f"{name}: unknown {what} {_show(item)}")
        return items

    def countries(self, name: str) -> tuple[str, ...]:
        items = self.strings(name)
        for item in items:
            if not _COUNTRY.match(item):
                raise self.fail(f"{name}: {_show(item)} is not an ISO 3166 alpha-2 code")
        return tuple(item.upper() for item in items)

    def trl(self, name: str) -> int | None:
        value = self.value(name)
        if value is None:
            return None
        # 8.0 is accepted as 8: spreadsheet exports write whole numbers that way.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{name} must be an integer, got {_show(value)}")
        if not 1 <= value <= 9:
            raise self.fail(f"{name} must be 1..9, got {value}")
        return value

    def amount_range(self, low: str, high: str) -> tuple[float | None, float | None]:
        values = []
        for name in (low, high):
            value = self.value(name)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                raise self.fail(f"{name} must be a non-negative number, got {_show(value)}")
            values.append(value)
        lo, hi = values
        if lo is not None and hi is not None and lo > hi:
            raise self.fail(f"{low} must not exceed {high}, got {_show(lo)} > {_show(hi)}")
        return (None if lo is None else float(lo)), (None if hi is None else float(hi))

    def common(self) -> dict[str, Any]:
        """Fields offers and needs share."""
        return {
            "id": self.string("id", required=True),
            "organization": self.string("organization", required=True),
            "title": self.string("title", required=True),
            "country": self.code("country", _COUNTRY, "an ISO 3166 alpha-2 code"),
            "language": (self.code("language", _LANGUAGE, "an ISO 639-1 code") or "").lower()
            or None,
            "description": self.text("description"),
            "title_en": self.text("title_en"),
            "summary_en": self.text("summary_en"),
            "keywords": self.strings("keywords"),
            "sectors": self.members("sectors", self.taxonomy.__contains__, "sector code"),
            "transfer_modes": self.members(
                "transfer_modes", TRANSFER_MODES.__contains__, "transfer mode"
            ),
            "currency": self.code("currency", _CURRENCY, "an ISO 4217 code"),
            "status": self.string("status"),
        }


def _offer(line: _Line) -> OfferRecord:
    price_min, price_max = line.amount_range("price_min", "price_max")
    return OfferRecord(
        **line.common(),
        summary=line.text("summary"),
        trl=line.trl("trl"),
        ip_status=line.string("ip_status"),
        price_min=price_min,
        price_max=price_max,
        target_countries=line.countries("target_countries"),
    )


def _need(line: _Line) -> NeedRecord:
    budget_min, budget_max = line.amount_range("budget_min", "budget_max")
    return NeedRecord(
        **line.common(),
        min_trl=line.trl("min_trl"),
        budget_min=budget_min,
        budget_max=budget_max,
        preferred_countries=line.countries("preferred_countries"),
    )


def _read(path: Path | str, parse: Callable[[_Line], Any], taxonomy: Taxonomy) -> list[Any]:
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from error
    records: list[Any] = []
    seen: dict[str, int] = {}
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        where = f"{name} line {number}"
        try:
            line = line_bytes.decode("utf-8").strip()
        except UnicodeDecodeError as error:
            raise InputError(f"{where}: not valid UTF-8") from error
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{where}: invalid JSON ({error.msg} at column {error.colno})"
            ) from None
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected a JSON object, got {_type_name(data)}")
        record = parse(_Line(where, data, taxonomy))
        if record.id in seen:
            raise InputError(f"{where}: id {_show(record.id)} duplicates line {seen[record.id]}")
        seen[record.id] = number
        records.append(record)
    return records


def read_offers(path: Path | str, taxonomy: Taxonomy) -> list[OfferRecord]:
    return _read(path, _offer, taxonomy)


def read_needs(path: Path | str, taxonomy: Taxonomy) -> list[NeedRecord]:
    return _read(path, _need, taxonomy)


def read_weights(path: Path | str) -> dict[str, float]:
    """A JSON object of component → weight; checked fully by `resolve_weights`."""
    name = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{name}: invalid JSON ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a JSON object of weights, got {_type_name(data)}")
    return data
