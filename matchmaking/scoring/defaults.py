"""Weights, neutral values and the default exchange-rate table."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

# Bump whenever a formula, a default weight or the text analysis changes: the portal stores it with
# every score, so scores of different versions are never compared as if they were alike.
ALGORITHM_VERSION = "1.0.0"

COMPONENTS: tuple[str, ...] = ("sector", "text", "trl", "mode", "budget", "country")

# Text and sector carry most of the signal; the attribute fits separate otherwise similar offers.
DEFAULT_WEIGHTS: dict[str, float] = {
    "sector": 0.30,
    "text": 0.40,
    "trl": 0.10,
    "mode": 0.08,
    "budget": 0.06,
    "country": 0.06,
}

# The need states a requirement but the offer does not say (or a record has no sector): we cannot
# tell, so the pair sits halfway between a fit and a miss. A need without a requirement is
# satisfied by every offer (1.0).
NEUTRAL = 0.5

# TRL fit loses this much per level the offer lies below the need's minimum (4 levels below → 0).
TRL_STEP = 0.25

# Indicative VND per unit (2025). The portal passes the table from its settings instead.
DEFAULT_RATES: dict[str, float] = {
    "VND": 1.0,
    "USD": 26_000.0,
    "EUR": 30_000.0,
    "GBP": 35_000.0,
    "JPY": 178.0,
    "KRW": 18.8,
    "TWD": 870.0,
    "CNY": 3_620.0,
    "SGD": 20_300.0,
    "CAD": 19_000.0,
    "AUD": 17_000.0,
    "ILS": 7_700.0,
    "THB": 800.0,
}
BASE_CURRENCY = "VND"


def resolve_weights(weights: Mapping[str, float] | None) -> np.ndarray:
    """Defaults overridden by `weights`, normalised to sum 1, in COMPONENTS order.

    Raises ValueError on an unknown component, a negative or non-finite weight, or all zero.
    """
    merged = dict(DEFAULT_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in DEFAULT_WEIGHTS:
            raise ValueError(f'unknown weight "{name}" (known: {", ".join(COMPONENTS)})')
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ValueError(f'weight "{name}" must be a non-negative number, got {value!r}')
        merged[name] = float(value)
    vector = np.array([merged[c] for c in COMPONENTS], dtype=np.float64)
    total = vector.sum()
    if total <= 0:
        raise ValueError("at least one weight must be positive")
    return vector / total


def to_base(amount: float | None, currency: str | None, rates: Mapping[str, float]) -> float:
    """Amount in VND; NaN when missing or when the currency has no rate (treated as unknown)."""
    if amount is None:
        return float("nan")
    rate = rates.get((currency or BASE_CURRENCY).upper())
    if rate is None:
        return float("nan")
    return float(amount) * float(rate)
