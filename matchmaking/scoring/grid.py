"""Scores of a block of needs × a set of offers, as a dense float32 grid.

This is the hot loop of a full run (about 20 passes over 400 M cells at 20,000 × 20,000), so it
works on precomputed, column-oriented offer data and adds each weighted component into one grid:

- text: frequent features (high offer document frequency) as a sparse-times-dense product,
  rare ones as a sparse product; together the exact cosine, much faster than one sparse product
  whose cost is dominated by words that occur everywhere;
- sector: sparse products of incidence matrices, added only where sectors meet;
- TRL, mode and country: one lookup in a per-need table over the offers' distinct
  (TRL, modes, country, target countries) combinations;
- budget: a few array operations.

The same function scores one record against an index (a 1-row or 1-column grid), so every
cell gets the same float32 operations in the same order: a pair scores identically in a full
run, in any chunking, and when rescored alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matchmaking.scoring.attributes import (
    MODE_TABLE,
    TRL_TABLE,
    NeedAttributes,
    OfferAttributes,
)
from matchmaking.scoring.defaults import COMPONENTS, NEUTRAL
from matchmaking.scoring.topk import SCALE

# Offers per column block of the dense text part: a block of ~600 features × 2048 offers stays in
# cache while every need of the chunk is multiplied into it.
DENSE_BLOCK = 2_048
# A feature goes to the dense part when at least this share of offers contain it: then one
# multiply-add per offer in a contiguous row beats scattered sparse accumulation.
DENSE_SHARE = 0.03
_W = {name: i for i, name in enumerate(COMPONENTS)}


@dataclass(frozen=True)
class TextSplit:
    """Partition of the vocabulary into dense (frequent) and sparse (rare) features."""

    dense_of: np.ndarray  # feature → column in the dense part, or -1

    @classmethod
    def from_offers(cls, offer_text: sparse.csr_matrix, share: float = DENSE_SHARE) -> TextSplit:
        n_offers, n_features = offer_text.shape
        df = np.bincount(offer_text.indices, minlength=n_features)
        dense = df >= max(share * n_offers, 1.0)
        dense_of = np.full(n_features, -1, dtype=np.int64)
        dense_of[dense] = np.arange(int(dense.sum()))
        return cls(dense_of)

    @property
    def n_dense(self) -> int:
        return int((self.dense_of >= 0).sum())

    def split(self, text: sparse.csr_matrix) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """(rows × dense features) and (rows × all features, dense ones removed)."""
        text = sparse.csr_matrix(text)
        column = self.dense_of[text.indices]
        is_dense = column >= 0
        row_of = np.repeat(np.arange(text.shape[0]), np.diff(text.indptr))
        dense = sparse.csr_matrix(
            (text.data[is_dense], (row_of[is_dense], column[is_dense])),
            shape=(text.shape[0], self.n_dense),
            dtype=np.float32,
        )
        rare = sparse.csr_matrix(
            (text.data[~is_dense], (row_of[~is_dense], text.indices[~is_dense])),
            shape=text.shape,
            dtype=np.float32,
        )
        return dense, rare


@dataclass(frozen=True)
class NeedBlock:
    """Rows of needs ready for `score_grid`; `rows` index into `attrs`."""

    text_dense: sparse.csr_matrix
    text_rare: sparse.csr_matrix
    leaf: sparse.csr_matrix
    top: sparse.csr_matrix
    has_sector: np.ndarray
    attrs: NeedAttributes
    rows: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)

    def slice(self, start: int, stop: int) -> NeedBlock:
        return NeedBlock(
            self.text_dense[start:stop],
            self.text_rare[start:stop],
            self.leaf[start:stop],
            self.top[start:stop],
            self.has_sector[start:stop],
            self.attrs,
            self.rows[start:stop],
        )


@dataclass(frozen=True)
class OfferGrid:
    """Offers in column form, with their distinct attribute combinations ("classes")."""

    n: int
    text_dense_t: list[np.ndarray]  # column blocks of (dense features × offers), C order
    text_rare_t: sparse.csr_matrix  # (features × offers)
    leaf_t: sparse.csr_matrix
    top_t: sparse.csr_matrix
    has_sector: np.ndarray
    class_of: np.ndarray  # offer → class
    class_trl: np.ndarray
    class_modes: np.ndarray
    class_country: np.ndarray
    class_targets: np.ndarray | None  # (classes × countries) target fit, None when no targets
    inv_price_lo: np.ndarray
    price_hi: np.ndarray
    price_unknown: np.ndarray  # column numbers of offers without a usable price

    @classmethod
    def build(
        cls,
        text: sparse.csr_matrix,
        leaf: sparse.csr_matrix,
        top: sparse.csr_matrix,
        has_sector: np.ndarray,
        attrs: OfferAttributes,
        split: TextSplit,
    ) -> OfferGrid:
        dense, rare = split.split(text)
        dense_t = dense.T.toarray()
        width = attrs.target_table.shape[1]
        if attrs.any_targets:
            target_row = _row_ids(attrs.target_table)
        else:
            target_row = np.zeros(len(attrs.trl), dtype=np.int64)
        combo = ((attrs.trl.astype(np.int64) * 256 + attrs.modes) * width + attrs.country) * (
            int(target_row.max(initial=0)) + 1
        ) + target_row.astype(np.int64)
        _, first, class_of = np.unique(combo, return_index=True, return_inverse=True)
        return cls(
            n=text.shape[0],
            text_dense_t=[
                np.ascontiguousarray(dense_t[:, start : start + DENSE_BLOCK])
                for start in range(0, max(text.shape[0], 1), DENSE_BLOCK)
            ],
            text_rare_t=rare.T.tocsr(),
            leaf_t=leaf.T.tocsr(),
            top_t=top.T.tocsr(),
            has_sector=has_sector,
            class_of=class_of.ravel(),
            class_trl=attrs.trl[first],
            class_modes=attrs.modes[first],
            class_country=attrs.country[first],
            class_targets=attrs.target_table[first] if attrs.any_targets else None,
            inv_price_lo=attrs.inv_price_lo,
            price_hi=attrs.price_hi,
            price_unknown=np.flatnonzero(~attrs.price_known),
        )


def _row_ids(table: np.ndarray) -> np.ndarray:
    """Same number for identical rows."""
    _, ids = np.unique(table, axis=0, return_inverse=True)
    return ids.ravel()


def _plus_sparse(grid: np.ndarray, values: sparse.csr_matrix) -> np.ndarray:
    """grid + values; the sparse array's dense addition adds each stored value to its cell."""
    return np.asarray(sparse.csr_array(values) + grid)


def score_grid(
    block: NeedBlock, offers: OfferGrid, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """10⁴ · weighted score of every (need in block, offer) cell, and the text cosine alone;
    both float32 (needs × offers)."""
    w = {name: np.float32(weights[i] * SCALE) for name, i in _W.items()}
    attrs, rows = block.attrs, block.rows

    # Text: dense part, plus rare part where it is non-zero, then weighted.
    grid = np.empty((len(block), offers.n), dtype=np.float32)
    start = 0
    for dense_t in offers.text_dense_t:
        stop = start + dense_t.shape[1]
        grid[:, start:stop] = block.text_dense @ dense_t
        start = stop
    text = _plus_sparse(grid, block.text_rare @ offers.text_rare_t)
    grid = text * w["text"]

    # Sector: 0.5 for a shared top-level sector plus 0.5 for a shared leaf.
    same_top = block.top @ offers.top_t
    same_leaf = block.leaf @ offers.leaf_t
    same_top.data[:] = 0.5
    same_leaf.data[:] = 0.5
    sector = (same_top + same_leaf).tocsr()
    sector.data *= w["sector"]
    grid = _plus_sparse(grid, sector)
    neutral = np.float32(w["sector"] * np.float32(NEUTRAL))
    grid[~block.has_sector, :] += neutral
    grid[np.ix_(block.has_sector, ~offers.has_sector)] += neutral

    # TRL, modes and country through the offers' attribute classes.
    table = TRL_TABLE[attrs.min_trl[rows]][:, offers.class_trl] * w["trl"]
    table += MODE_TABLE[attrs.modes[rows]][:, offers.class_modes] * w["mode"]
    country = attrs.pref_table[rows][:, offers.class_country]
    if offers.class_targets is not None:
        country *= offers.class_targets[:, attrs.country[rows]].T
    table += country * w["country"]
    grid += np.take(table, offers.class_of, axis=1)

    # Budget: min(budget_max / price_min, price_max / budget_min, 1), weighted inside the min.
    w_budget = w["budget"]
    if attrs.has_budget[rows].any():
        with np.errstate(invalid="ignore"):
            fit = (attrs.budget_hi[rows] * w_budget)[:, None] * offers.inv_price_lo[None, :]
            np.fmin(
                fit,
                (offers.price_hi * w_budget)[None, :] * attrs.inv_budget_lo[rows][:, None],
                out=fit,
            )
        np.fmin(fit, w_budget, out=fit)
        if len(offers.price_unknown):
            with_budget = np.flatnonzero(attrs.has_budget[rows])
            fit[np.ix_(with_budget, offers.price_unknown)] = np.float32(
                w_budget * np.float32(NEUTRAL)
            )
        grid += fit
    else:
        grid += w_budget
    return grid, text
