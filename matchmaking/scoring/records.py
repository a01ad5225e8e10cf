"""Plain records the scoring engine works on (no Django: the portal converts its rows to these)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

TRANSFER_MODES: tuple[str, ...] = (
    "licence",
    "equipment_supply",
    "turnkey",
    "joint_venture",
    "rnd_cooperation",
    "technical_assistance",
    "training",
    "other",
)
PUBLISHED = "published"


@dataclass(frozen=True, slots=True)
class OfferRecord:
    """A technology offer (supply). Amounts are in `currency` (missing currency means VND)."""

    id: str
    organization: str
    title: str
    country: str | None = None
    language: str | None = None
    summary: str = ""
    description: str = ""
    title_en: str = ""
    summary_en: str = ""
    keywords: Sequence[str] = ()
    sectors: Sequence[str] = ()
    trl: int | None = None
    transfer_modes: Sequence[str] = ()
    ip_status: str | None = None
    price_min: float | None = None
    price_max: float | None = None
    currency: str | None = None
    target_countries: Sequence[str] = ()
    status: str | None = None


@dataclass(frozen=True, slots=True)
class NeedRecord:
    """A technology need (demand). `description` is the problem statement."""

    id: str
    organization: str
    title: str
    country: str | None = None
    language: str | None = None
    description: str = ""
    title_en: str = ""
    summary_en: str = ""
    keywords: Sequence[str] = ()
    sectors: Sequence[str] = ()
    min_trl: int | None = None
    transfer_modes: Sequence[str] = ()
    budget_min: float | None = None
    budget_max: float | None = None
    currency: str | None = None
    preferred_countries: Sequence[str] = ()
    status: str | None = None


def is_published(record: OfferRecord | NeedRecord) -> bool:
    """A record without a status (the usual JSONL case) counts as published."""
    return record.status is None or record.status == PUBLISHED


@dataclass(frozen=True, slots=True)
class Reason:
    """One human reason for a match, in English and Vietnamese.

    `code` and `params` let another front end render its own wording; `en` and `vi` are ready
    to show.
    """

    code: str
    params: dict[str, Any]
    en: str
    vi: str


@dataclass(frozen=True, slots=True)
class Match:
    """One scored (offer, need) pair with its components in [0, 1] and its reasons."""

    offer_id: str
    need_id: str
    score: float
    components: dict[str, float]
    reasons: list[Reason] = field(default_factory=list)
