"""TRL, transfer-mode, budget and country components, vectorised.

Each record side is packed into small integer/float arrays once; a component is then a table
lookup or a few array operations (`grid.py` does the same over whole grids). Conventions: a need
without the requirement → 1.0 (nothing to miss); a requirement the other side does not document
→ NEUTRAL. Country = fit of the offer's country to the need's preferred countries × fit of the
need's country to the offer's target countries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matchmaking.scoring.defaults import NEUTRAL, TRL_STEP, to_base
from matchmaking.scoring.records import TRANSFER_MODES, NeedRecord, OfferRecord

MODE_BIT = {mode: 1 << i for i, mode in enumerate(TRANSFER_MODES)}


def _trl_table() -> np.ndarray:
    """[need_min, offer_trl] → fit, index 0 meaning "not given"."""
    table = np.ones((10, 10), dtype=np.float32)
    for need_min in range(1, 10):
        table[need_min, 0] = NEUTRAL
        for trl in range(1, need_min):
            table[need_min, trl] = max(0.0, 1.0 - TRL_STEP * (need_min - trl))
    return table


def _mode_table() -> np.ndarray:
    """[need_mask, offer_mask] → share of the wanted modes the offer provides."""
    masks = np.arange(256)
    bits = np.array([bin(m).count("1") for m in masks], dtype=np.float32)
    table = bits[masks[:, None] & masks[None, :]] / np.maximum(bits[:, None], 1)
    table[:, 0] = NEUTRAL
    table[0, :] = 1.0
    return table.astype(np.float32)


TRL_TABLE = _trl_table()
MODE_TABLE = _mode_table()


def mode_mask(modes: Sequence[str]) -> int:
    return sum(MODE_BIT.get(m, 0) for m in set(modes))


class CountryCodes:
    """Country code → column; column `other` = a known code outside the vocabulary, `missing`."""

    def __init__(self, codes: set[str]) -> None:
        self.column = {c: i for i, c in enumerate(sorted(codes))}
        self.other = len(self.column)
        self.missing = self.other + 1
        self.width = self.missing + 1

    def index(self, code: str | None) -> int:
        if not code:
            return self.missing
        return self.column.get(code.upper(), self.other)

    def membership_table(self, code_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Rows of fit values by counterpart country: 1 listed, 0 not listed, NEUTRAL when the
        counterpart's country is missing; an empty list constrains nothing (all 1)."""
        table = np.zeros((len(code_lists), self.width), dtype=np.float32)
        for row, codes in enumerate(code_lists):
            if not codes:
                table[row, :] = 1.0
                continue
            for code in codes:
                col = self.column.get(code.upper())
                if col is not None:
                    table[row, col] = 1.0
            table[row, self.missing] = NEUTRAL
        return table


@dataclass(frozen=True, slots=True)
class OfferAttributes:
    trl: np.ndarray  # int8, 0 = not given
    modes: np.ndarray  # uint8 bitmask, 0 = not given
    inv_price_lo: np.ndarray  # float32, 1 / lowest price in VND (inf: free), NaN = unknown
    price_hi: np.ndarray  # float32 VND, NaN = unknown
    price_known: np.ndarray  # bool
    country: np.ndarray  # int32 column in CountryCodes
    target_table: np.ndarray  # (offers × countries) fit of a need's country to target countries
    any_targets: bool


@dataclass(frozen=True, slots=True)
class NeedAttributes:
    min_trl: np.ndarray
    modes: np.ndarray
    budget_hi: np.ndarray  # float32 VND, inf when no maximum
    inv_budget_lo: np.ndarray  # float32, 1 / budget_lo in VND, inf when no minimum
    has_budget: np.ndarray  # bool
    country: np.ndarray
    pref_table: np.ndarray  # (needs × countries) fit of an offer's country to the preferences


def _range(lo: float, hi: float) -> tuple[float, float]:
    """A range with one end missing collapses to the given end (NaN, NaN when both missing)."""
    if np.isnan(lo):
        lo = hi
    if np.isnan(hi):
        hi = lo
    return lo, hi


def pack_offers(
    offers: Sequence[OfferRecord], countries: CountryCodes, rates: Mapping[str, float]
) -> OfferAttributes:
    n = len(offers)
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    for i, o in enumerate(offers):
        lo[i], hi[i] = _range(
            to_base(o.price_min, o.currency, rates), to_base(o.price_max, o.currency, rates)
        )
    with np.errstate(divide="ignore"):
        inv_lo = (1.0 / lo).astype(np.float32)
    targets = [list(o.target_countries) for o in offers]
    return OfferAttributes(
        trl=np.array([o.trl or 0 for o in offers], dtype=np.int8),
        modes=np.array([mode_mask(o.transfer_modes) for o in offers], dtype=np.uint8),
        inv_price_lo=inv_lo,
        price_hi=hi.astype(np.float32),
        price_known=~np.isnan(lo),
        country=np.array([countries.index(o.country) for o in offers], dtype=np.int32),
        target_table=countries.membership_table(targets),
        any_targets=any(targets),
    )


def pack_needs(
    needs: Sequence[NeedRecord], countries: CountryCodes, rates: Mapping[str, float]
) -> NeedAttributes:
    n = len(needs)
    budget_hi = np.full(n, np.inf)
    budget_lo = np.zeros(n)
    has_budget = np.zeros(n, dtype=bool)
    for i, need in enumerate(needs):
        b_lo = to_base(need.budget_min, need.currency, rates)
        b_hi = to_base(need.budget_max, need.currency, rates)
        if not np.isnan(b_lo):
            budget_lo[i] = b_lo
        if not np.isnan(b_hi):
            budget_hi[i] = b_hi
        has_budget[i] = not (np.isnan(b_lo) and np.isnan(b_hi))
    with np.errstate(divide="ignore"):
        inv_lo = (1.0 / budget_lo).astype(np.float32)
    return NeedAttributes(
        min_trl=np.array([need.min_trl or 0 for need in needs], dtype=np.int8),
        modes=np.array([mode_mask(need.transfer_modes) for need in needs], dtype=np.uint8),
        budget_hi=budget_hi.astype(np.float32),
        inv_budget_lo=inv_lo,
        has_budget=has_budget,
        country=np.array([countries.index(need.country) for need in needs], dtype=np.int32),
        pref_table=countries.membership_table([list(x.preferred_countries) for x in needs]),
    )


def _budget_fit(
    budget_hi: np.ndarray,
    inv_budget_lo: np.ndarray,
    inv_price_lo: np.ndarray,
    price_hi: np.ndarray,
) -> np.ndarray:
    """Overlapping ranges → 1; an offer above the budget → budget_max / price_min; below the
    budget → price_max / budget_min. Missing ends behave as 0 / infinity, so a need without a
    budget gets 1; NaN (unknown price) is fixed up by the caller."""
    with np.errstate(invalid="ignore"):
        fit = budget_hi * inv_price_lo
        np.fmin(fit, price_hi * inv_budget_lo, out=fit)
    np.fmin(fit, 1.0, out=fit)
    return fit


def attribute_pairs(
    need: NeedAttributes, need_rows: np.ndarray, offer: OfferAttributes, offer_cols: np.ndarray
) -> dict[str, np.ndarray]:
    """Components in [0, 1] of explicit (need, offer) pairs (for showing; `grid` scores)."""
    budget = _budget_fit(
        need.budget_hi[need_rows],
        need.inv_budget_lo[need_rows],
        offer.inv_price_lo[offer_cols],
        offer.price_hi[offer_cols],
    )
    unknown = ~offer.price_known[offer_cols]
    budget[unknown] = np.where(need.has_budget[need_rows[unknown]], NEUTRAL, 1.0)
    country = need.pref_table[need_rows, offer.country[offer_cols]]
    if offer.any_targets:
        country = country * offer.target_table[offer_cols, need.country[need_rows]]
    return {
        "trl": TRL_TABLE[need.min_trl[need_rows], offer.trl[offer_cols]],
        "mode": MODE_TABLE[need.modes[need_rows], offer.modes[offer_cols]],
        "budget": budget,
        "country": country.astype(np.float32),
    }
