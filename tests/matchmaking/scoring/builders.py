"""Small record builders for the scoring tests (plain data, no database)."""

from __future__ import annotations

from typing import Any

from matchmaking.scoring import Match, NeedRecord, OfferRecord, RankResult


def offer(id: str, title: str = "", **fields: Any) -> OfferRecord:
    """An offer of its own organisation; the default title is the id, shared with nothing."""
    fields.setdefault("organization", f"org-{id}")
    return OfferRecord(id=id, title=title or id, **fields)


def need(id: str, title: str = "", **fields: Any) -> NeedRecord:
    fields.setdefault("organization", f"org-{id}")
    return NeedRecord(id=id, title=title or id, **fields)


def offer_ids(matches: list[Match]) -> list[str]:
    return [m.offer_id for m in matches]


def need_ids(matches: list[Match]) -> list[str]:
    return [m.need_id for m in matches]


def component(result: RankResult, need_id: str, name: str) -> dict[str, float]:
    """Offer id → one component, for the matches of a need."""
    return {m.offer_id: m.components[name] for m in result.for_need(need_id)}
