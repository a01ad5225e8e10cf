"""Results kept as compact arrays; `Match` objects (with reasons) are built only when asked for.

A full run keeps up to K matches per need and K per offer: about 2 · 20,000 · 50 pairs at scale,
which as Python objects with reasons would take gigabytes, so pairs stay in NumPy arrays until the
caller iterates over them (the portal writes them in batches).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from matchmaking.scoring.defaults import COMPONENTS
from matchmaking.scoring.index import CorpusIndex
from matchmaking.scoring.reasons import build_reasons, reason_params, term_labels
from matchmaking.scoring.records import Match, NeedRecord, OfferRecord
from matchmaking.scoring.topk import SCALE


def make_match(
    index: CorpusIndex,
    offer: OfferRecord,
    need: NeedRecord,
    q: int,
    components: np.ndarray,
    feature_ids: Iterable[int],
) -> Match:
    """One Match: score q / 10⁴, components rounded to 4 decimals, reasons in both languages."""
    comps = {name: round(float(v), 4) for name, v in zip(COMPONENTS, components, strict=True)}
    terms = term_labels(feature_ids, index.feature_names(), index.spellings)
    return Match(
        offer_id=offer.id,
        need_id=need.id,
        score=int(q) / SCALE,
        components=comps,
        reasons=build_reasons(offer, need, comps, terms, index.taxonomy, index.rates),
    )


@dataclass(frozen=True, slots=True)
class PairRow:
    """A kept pair as stored by the portal: reasons as (code, params), worded on display."""

    offer_id: str
    need_id: str
    score: float
    components: dict[str, float]
    reasons: list[tuple[str, dict]]


@dataclass
class RankResult:
    """Top-K matches per need and per offer of one full run.

    `pair_*` arrays describe each kept (need, offer) pair once (the union of both directions),
    sorted by need row then offer row; `need_top` / `offer_top` list pair numbers best first,
    padded with -1.
    """

    index: CorpusIndex
    top_k: int
    weights: dict[str, float]
    pair_need: np.ndarray
    pair_offer: np.ndarray
    pair_q: np.ndarray
    pair_components: np.ndarray
    pair_features: np.ndarray
    need_top: np.ndarray
    offer_top: np.ndarray

    def __len__(self) -> int:
        """Number of distinct pairs kept (what the portal stores)."""
        return len(self.pair_q)

    def match(self, pair: int) -> Match:
        return make_match(
            self.index,
            self.index.offers.records[self.pair_offer[pair]],
            self.index.needs.records[self.pair_need[pair]],
            self.pair_q[pair],
            self.pair_components[pair],
            self.pair_features[pair],
        )

    def for_need(self, need_id: str) -> list[Match]:
        """The need's best offers, best first ([] for an unknown or unpublished need)."""
        row = self.index.needs.position.get(need_id)
        if row is None:
            return []
        return [self.match(p) for p in self.need_top[row] if p >= 0]

    def for_offer(self, offer_id: str) -> list[Match]:
        """The offer's best needs, best first ([] for an unknown or unpublished offer)."""
        row = self.index.offers.position.get(offer_id)
        if row is None:
            return []
        return [self.match(p) for p in self.offer_top[row] if p >= 0]

    def pairs(self) -> Iterator[Match]:
        """Every kept pair once, by need then offer (input order)."""
        for pair in range(len(self)):
            yield self.match(pair)

    def rows(
        self, start: int = 0, stop: int | None = None, batch: int = 10_000
    ) -> Iterator[PairRow]:
        """Kept pairs `start` to `stop` (all by default), like `pairs`, with reasons as (code,
        params) only: what a store of millions of pairs wants (no wording, components rounded
        in bulk). Ranges let several processes share the work."""
        index = self.index
        names, spellings = index.feature_names(), index.spellings
        offers, needs = index.offers.records, index.needs.records
        end = len(self) if stop is None else min(stop, len(self))
        # Pairs share their best features far more often than not (1.7 M pairs, 110,000
        # distinct feature lists at 20,000 × 20,000): label each list once.
        labels: dict[bytes, list[str]] = {}
        for lo in range(start, end, batch):
            hi = min(lo + batch, end)
            rounded = np.round(self.pair_components[lo:hi].astype(np.float64), 4).tolist()
            for i, pair in enumerate(range(lo, hi)):
                offer = offers[self.pair_offer[pair]]
                need = needs[self.pair_need[pair]]
                components = dict(zip(COMPONENTS, rounded[i], strict=True))
                features = self.pair_features[pair]
                key = features.tobytes()
                terms = labels.get(key)
                if terms is None:
                    terms = labels[key] = term_labels(features, names, spellings)
                yield PairRow(
                    offer.id,
                    need.id,
                    int(self.pair_q[pair]) / SCALE,
                    components,
                    reason_params(offer, need, components, terms, index.taxonomy, index.rates),
                )


@dataclass
class OneResult:
    """One record rescored against every counterpart in an index.

    `scores[i]` is the score against `counterpart_ids[i]` (NaN when the pair is excluded, e.g.
    same organisation), so the caller can tell which counterparts' stored top-K this record now
    enters; `matches_for` builds those Match objects.
    """

    record_id: str
    counterpart_ids: list[str]
    scores: np.ndarray
    matches: list[Match]
    _build: Callable[[list[str]], list[Match]] | None = field(default=None, repr=False)

    def matches_for(self, counterpart_ids: Iterable[str]) -> list[Match]:
        """Matches against the given counterparts (unknown or excluded ones are skipped)."""
        if self._build is None:
            return []
        return self._build(list(counterpart_ids))
