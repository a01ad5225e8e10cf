"""Public entry points: the full ranking and the rescoring of one record against an index.

A full run fits a `CorpusIndex`, scores chunks of needs against all offers (grid.py, chunks.py)
keeping only keys and text cosines of the top K both ways, then computes the components and the
best shared features of the kept pairs once (`_collect`). Reasons are built only when the
caller asks for a Match. Rescoring one record runs the same grid code one row (or column) wide,
so it gives exactly the full run's numbers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse

from matchmaking.scoring.attributes import (
    NeedAttributes,
    OfferAttributes,
    attribute_pairs,
    pack_needs,
    pack_offers,
)
from matchmaking.scoring.chunks import Plan, Progress, run_chunks
from matchmaking.scoring.defaults import COMPONENTS, resolve_weights
from matchmaking.scoring.grid import score_grid
from matchmaking.scoring.index import CorpusIndex, Side, make_side, need_block, offer_grid
from matchmaking.scoring.records import Match, NeedRecord, OfferRecord, is_published
from matchmaking.scoring.result import OneResult, RankResult, make_match
from matchmaking.scoring.taxonomy import Taxonomy, sector_pairs
from matchmaking.scoring.text import shared_features
from matchmaking.scoring.topk import SCALE, key_dtype, top_rows

DEFAULT_TOP_K = 50
# Cells (needs × offers) per chunk: 4 M float32 cells are 16 MB per array, small enough for the
# allocator to reuse memory between chunks instead of faulting in fresh pages each time.
CHUNK_CELLS = 4_000_000
# Shared features kept per pair; more than shown so that phrases can absorb their words.
FEATURES_PER_PAIR = 6


def quantise(scaled: np.ndarray, dtype: type[np.signedinteger]) -> np.ndarray:
    return np.rint(scaled, out=scaled).astype(dtype)


def rank(
    offers: Sequence[OfferRecord],
    needs: Sequence[NeedRecord],
    *,
    top_k: int = DEFAULT_TOP_K,
    weights: Mapping[str, float] | None = None,
    rates: Mapping[str, float] | None = None,
    taxonomy: Taxonomy | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> RankResult:
    """Fit an index on the published records and keep the top K per need and per offer.

    `weights` override DEFAULT_WEIGHTS by component name; `rates` are VND per currency unit;
    `progress(done, total)` is called after each chunk of needs. The fitted index is
    `result.index`, ready for `rank_one_offer` / `rank_one_need`. Raises ValueError on bad
    weights or duplicate ids.
    """
    resolve_weights(weights)  # fail before the expensive fit
    index = CorpusIndex.build(offers, needs, rates=rates, taxonomy=taxonomy)
    return rank_index(
        index,
        top_k=top_k,
        weights=weights,
        chunk_size=chunk_size,
        progress=progress,
        workers=workers,
    )


def rank_index(
    index: CorpusIndex,
    *,
    top_k: int = DEFAULT_TOP_K,
    weights: Mapping[str, float] | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> RankResult:
    """`rank` on an already built index.

    The result does not depend on `chunk_size` (needs per chunk; default: about 4 M cells) nor on
    `workers` (threads scoring chunks; default: up to 2).
    """
    w = resolve_weights(weights)
    offers, needs = index.offers, index.needs
    n_off, n_need = len(offers), len(needs)
    if top_k < 1:
        raise ValueError("top_k must be positive")
    chunk = chunk_size or max(64, CHUNK_CELLS // max(n_off, 1))
    k_need, k_off = min(top_k, n_off), min(top_k, n_need)
    kdt = key_dtype(max(n_off, n_need))
    plan = Plan(
        grid=index.offer_grid(),
        block=index.need_block(),
        weights=w,
        key_dtype=kdt,
        offer_tiebreak=(n_off - 1 - offers.id_rank).astype(kdt),
        need_tiebreak=(n_need - 1 - needs.id_rank).astype(kdt),
        same_org=_same_org_pairs(needs.org, offers.org),
        k_need=k_need,
        k_off=k_off,
    )
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    need_keys, need_cols, need_text, by_offer = run_chunks(plan, n_need, chunk, workers, progress)
    off_keys, off_rows, off_text = by_offer.result()
    return _collect(
        index, top_k, w, (need_keys, need_cols, need_text), (off_keys, off_rows, off_text)
    )


def _same_org_pairs(need_org: np.ndarray, offer_org: np.ndarray) -> sparse.csr_matrix:
    """(needs × offers) pattern of pairs from one organisation, which never match."""
    n_orgs = int(max(need_org.max(initial=-1), offer_org.max(initial=-1))) + 1

    def one_hot(org: np.ndarray) -> sparse.csr_matrix:
        ones = np.ones(len(org), dtype=np.float32)
        return sparse.csr_matrix((ones, (np.arange(len(org)), org)), shape=(len(org), n_orgs))

    return (one_hot(need_org) @ one_hot(offer_org).T).tocsr()


def pair_components(
    needs: Side,
    need_attrs: NeedAttributes,
    need_rows: np.ndarray,
    offers: Side,
    offer_attrs: OfferAttributes,
    offer_rows: np.ndarray,
    text: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Components (pairs × COMPONENTS, float32) and best shared feature ids of explicit pairs;
    `text` holds their cosines as computed by the grid."""
    features = shared_features(needs.terms, offers.terms, need_rows, offer_rows, FEATURES_PER_PAIR)
    out = np.empty((len(need_rows), len(COMPONENTS)), dtype=np.float32)
    out[:, COMPONENTS.index("sector")] = sector_pairs(
        needs.leaf,
        needs.top,
        needs.has_sector,
        need_rows,
        offers.leaf,
        offers.top,
        offers.has_sector,
        offer_rows,
    )
    # The product can round a hair above 1 for identical texts.
    out[:, COMPONENTS.index("text")] = np.minimum(text, 1.0)
    for name, values in attribute_pairs(need_attrs, need_rows, offer_attrs, offer_rows).items():
        out[:, COMPONENTS.index(name)] = values
    return out, features


def _collect(
    index: CorpusIndex,
    top_k: int,
    w: np.ndarray,
    by_need: tuple[np.ndarray, np.ndarray, np.ndarray],
    by_offer: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> RankResult:
    """Union of both directions as one pair table, with components and shared features.

    `by_need` is (keys, offer columns, text cosines) per need, `by_offer` (keys, need rows,
    text cosines) per offer.
    """
    n_off, n_need = len(index.offers), len(index.needs)
    need_keys, need_cols, need_text = by_need
    off_keys, off_rows, off_text = by_offer
    need_valid = need_keys >= 0
    off_valid = off_keys >= 0
    need_code = np.arange(n_need, dtype=np.int64)[:, None] * n_off + need_cols
    off_code = off_rows.astype(np.int64) * n_off + np.arange(n_off)[:, None]
    union = np.sort(np.concatenate([need_code[need_valid], off_code[off_valid]]))
    union = union[np.concatenate([[True], union[1:] != union[:-1]])] if len(union) else union
    pair_q = np.empty(len(union), dtype=np.int32)
    pair_text = np.empty(len(union), dtype=np.float32)
    need_top = np.full(need_keys.shape, -1, dtype=np.int64)
    offer_top = np.full(off_keys.shape, -1, dtype=np.int64)
    for code, keys, text, valid, top, n in (
        (need_code, need_keys, need_text, need_valid, need_top, n_off),
        (off_code, off_keys, off_text, off_valid, offer_top, n_need),
    ):
        where = np.searchsorted(union, code[valid])
        pair_q[where] = keys[valid] // n
        pair_text[where] = text[valid]
        top[valid] = where
    pair_need = union // max(n_off, 1)
    pair_offer = union % max(n_off, 1)
    components, features = pair_components(
        index.needs,
        index.need_attrs,
        pair_need,
        index.offers,
        index.offer_attrs,
        pair_offer,
        pair_text,
    )
    return RankResult(
        index=index,
        top_k=top_k,
        weights=dict(zip(COMPONENTS, (float(x) for x in w), strict=True)),
        pair_need=pair_need,
        pair_offer=pair_offer,
        pair_q=pair_q,
        pair_components=components,
        pair_features=features,
        need_top=need_top,
        offer_top=offer_top,
    )


def rank_one_need(
    need: NeedRecord,
    index: CorpusIndex,
    *,
    top_k: int = DEFAULT_TOP_K,
    weights: Mapping[str, float] | None = None,
) -> OneResult:
    """Score one (new or edited) need against every offer of `index`.

    Uses the index's vocabulary and IDF (from its last full fit), rates and taxonomy; a pair
    scores exactly as in a full run on that index. An unpublished need gets no matches.
    """
    return _rank_one(need, index, top_k=top_k, weights=weights, is_need=True)


def rank_one_offer(
    offer: OfferRecord,
    index: CorpusIndex,
    *,
    top_k: int = DEFAULT_TOP_K,
    weights: Mapping[str, float] | None = None,
) -> OneResult:
    """Score one (new or edited) offer against every need of `index` (see `rank_one_need`)."""
    return _rank_one(offer, index, top_k=top_k, weights=weights, is_need=False)


def _rank_one(
    record: OfferRecord | NeedRecord,
    index: CorpusIndex,
    *,
    top_k: int,
    weights: Mapping[str, float] | None,
    is_need: bool,
) -> OneResult:
    w = resolve_weights(weights)
    others: Side = index.offers if is_need else index.needs
    n = len(others)
    if not is_published(record) or n == 0:
        return OneResult(record.id, others.ids, np.full(n, np.nan), [])
    text = index.vectorise(record)
    single = make_side([record], text, index.taxonomy, {}, "record")
    single = replace(single, org=np.array([index.org_number(record.organization)]))
    split = index.text_split()
    if is_need:
        need_side, need_attrs = single, pack_needs([record], index.countries, index.rates)
        offer_side, offer_attrs = others, index.offer_attrs
        scaled, text_grid = score_grid(need_block(single, need_attrs, split), index.offer_grid(), w)
        scaled, text_grid = scaled[0], text_grid[0]
    else:
        need_side, need_attrs = others, index.need_attrs
        offer_side, offer_attrs = single, pack_offers([record], index.countries, index.rates)
        grid = offer_grid(single, offer_attrs, split)
        scaled, text_grid = score_grid(index.need_block(), grid, w)
        scaled, text_grid = scaled[:, 0].copy(), text_grid[:, 0].copy()
    kdt = key_dtype(n)
    q = quantise(scaled, kdt)
    excluded = others.org == single.org[0]
    keys = q * n + (n - 1 - others.id_rank).astype(kdt)
    np.putmask(keys, excluded, -1)
    cols, picked = top_rows(keys[None, :], min(top_k, n))

    def build(positions: list[int]) -> list[Match]:
        pos = np.array(positions, dtype=np.int64)
        zeros = np.zeros(len(pos), dtype=np.int64)
        nr, orows = (zeros, pos) if is_need else (pos, zeros)
        components, features = pair_components(
            need_side, need_attrs, nr, offer_side, offer_attrs, orows, text_grid[pos]
        )
        matches = []
        for i, p in enumerate(positions):
            other = others.records[p]
            offer, need = (other, record) if is_need else (record, other)
            matches.append(make_match(index, offer, need, q[p], components[i], features[i]))
        return matches

    def by_ids(ids: list[str]) -> list[Match]:
        positions = [others.position[i] for i in ids if i in others.position]
        return build([p for p in positions if not excluded[p]])

    kept = [int(c) for c, k in zip(cols[0], picked[0], strict=True) if k >= 0]
    scores = np.where(excluded, np.nan, q / SCALE)
    return OneResult(record.id, others.ids, scores, build(kept), by_ids)
