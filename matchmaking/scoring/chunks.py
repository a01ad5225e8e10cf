"""The chunked full run: score blocks of needs against all offers, keep top K both ways.

Each chunk yields its needs' top K (complete: a need lives in one chunk) and candidates for the
offers' top K: the cells beating the offer's current K-th best key, whose number falls quickly
as chunks pass. The main thread merges candidates in chunk order; with two workers the next
chunk is scored meanwhile (NumPy and SciPy's sparse-times-dense product release the GIL). Keys
are unique per row (see topk.py), so the result is the same for any chunking or worker count.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matchmaking.scoring.grid import NeedBlock, OfferGrid, score_grid
from matchmaking.scoring.topk import SCALE, top_rows

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Plan:
    """Everything a chunk needs, shared read-only between workers."""

    grid: OfferGrid
    block: NeedBlock
    weights: np.ndarray
    key_dtype: type[np.signedinteger]
    offer_tiebreak: np.ndarray  # n_offers − 1 − rank of the offer's id
    need_tiebreak: np.ndarray
    same_org: sparse.csr_matrix  # (needs × offers) pairs that must not match
    k_need: int
    k_off: int


@dataclass(frozen=True)
class ChunkResult:
    start: int
    stop: int
    need_cols: np.ndarray
    need_keys: np.ndarray
    need_text: np.ndarray  # text cosine of each kept pair, for showing the component
    cand_offer: np.ndarray
    cand_row: np.ndarray  # need row (global)
    cand_key: np.ndarray
    cand_text: np.ndarray


def score_chunk(plan: Plan, start: int, stop: int, thresholds: np.ndarray) -> ChunkResult:
    """Top K offers of needs [start, stop) and the offers' candidates among these needs."""
    n_off, n_need = len(plan.offer_tiebreak), len(plan.need_tiebreak)
    scaled, text = score_grid(plan.block.slice(start, stop), plan.grid, plan.weights)
    q = np.rint(scaled, out=scaled).astype(plan.key_dtype)
    del scaled
    clash = plan.same_org[start:stop].tocoo()
    clash_cells = clash.row.astype(np.int64) * n_off + clash.col

    keys = q * n_off
    keys += plan.offer_tiebreak
    keys.reshape(-1)[clash_cells] = -1
    need_cols, need_keys = top_rows(keys, plan.k_need)
    need_text = np.take_along_axis(text, need_cols, axis=1)

    keys = np.multiply(q, n_need, out=keys)
    del q
    keys += plan.need_tiebreak[start:stop, None]
    keys.reshape(-1)[clash_cells] = -1
    if (thresholds < 0).any():
        # Some offer has room left: take each offer's best K of the chunk.
        rows, picked = top_rows(np.ascontiguousarray(keys.T), plan.k_off)
        row, offer = rows.ravel(), np.repeat(np.arange(n_off), rows.shape[1])
        key = picked.ravel()
    else:
        row, offer = np.nonzero(keys > thresholds[None, :])
        key = keys[row, offer]
    return ChunkResult(
        start, stop, need_cols, need_keys, need_text, offer, row + start, key, text[row, offer]
    )


class OfferTopK:
    """Running top K needs of every offer.

    Stored flat, offer by offer and best first, under the sort code (offer << B) | (top − key)
    with B bits for a key: the codes are then ascending over the whole array, so a batch of
    candidates is merged with one `searchsorted` and one `insert`, without re-sorting what is kept.
    """

    def __init__(self, n_off: int, k: int, max_key: int) -> None:
        self.n_off, self.k = n_off, k
        self.bits = max(int(max_key).bit_length() + 1, 1)
        self.top = (1 << (self.bits - 1)) - 1  # ≥ max_key; key −1 (empty) codes as top + 1
        self.code = (np.repeat(np.arange(n_off, dtype=np.int64), k) << self.bits) | (self.top + 1)
        self.rows = np.full(n_off * k, -1, dtype=np.int32)
        self.text = np.zeros(n_off * k, dtype=np.float32)

    def _key(self, code: np.ndarray) -> np.ndarray:
        return self.top - (code & ((1 << self.bits) - 1))

    def thresholds(self) -> np.ndarray:
        """Key a need must beat to enter each offer's top K (−1 while there is room)."""
        if self.k == 0:
            return np.full(self.n_off, self.top, dtype=np.int64)
        return self._key(self.code[self.k - 1 :: self.k])

    def merge(self, offer: np.ndarray, row: np.ndarray, key: np.ndarray, text: np.ndarray) -> None:
        if len(offer) == 0 or self.k == 0:
            return
        code = (offer.astype(np.int64) << self.bits) | (self.top - key.astype(np.int64))
        order = np.argsort(code)
        where = np.searchsorted(self.code, code[order])
        merged = np.insert(self.code, where, code[order])
        rows = np.insert(self.rows, where, row[order].astype(np.int32))
        texts = np.insert(self.text, where, text[order])
        # Each offer's run is now K + (its candidates) long: keep the first K.
        run = self.k + np.bincount(offer, minlength=self.n_off)
        position = np.arange(len(merged)) - np.repeat(np.cumsum(run) - run, run)
        keep = position < self.k
        self.code, self.rows, self.text = merged[keep], rows[keep], texts[keep]

    def result(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Keys, need rows and text cosines, (offers × K), best first."""
        shape = (self.n_off, self.k)
        return (
            self._key(self.code).reshape(shape),
            self.rows.reshape(shape),
            self.text.reshape(shape),
        )


def run_chunks(
    plan: Plan, n_need: int, chunk: int, workers: int, progress: Progress | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, OfferTopK]:
    """Need-side keys, offer columns and text cosines (n_need × k_need), and the offers' top K."""
    need_keys = np.full((n_need, plan.k_need), -1, dtype=plan.key_dtype)
    need_cols = np.full((n_need, plan.k_need), -1, dtype=np.int32)
    need_text = np.zeros((n_need, plan.k_need), dtype=np.float32)
    offers = OfferTopK(len(plan.offer_tiebreak), plan.k_off, (SCALE + 1) * max(n_need, 1))
    starts = list(range(0, n_need if plan.grid.n else 0, chunk))
    # Candidates wait until there are enough to make a merge worth its pass over the K-lists;
    # meanwhile the thresholds are a little stale, which only admits a few more candidates.
    waiting: list[ChunkResult] = []
    batch = max(offers.n_off * offers.k // 4, 1)

    def flush() -> None:
        if waiting:
            offers.merge(
                *(np.concatenate([getattr(r, f) for r in waiting]) for f in _CANDIDATE_FIELDS)
            )
            waiting.clear()

    def collect(result: ChunkResult) -> None:
        need_cols[result.start : result.stop] = result.need_cols
        need_keys[result.start : result.stop] = result.need_keys
        need_text[result.start : result.stop] = result.need_text
        waiting.append(result)
        if sum(len(r.cand_offer) for r in waiting) >= batch:
            flush()
        if progress is not None:
            progress(result.stop, n_need)

    if workers <= 1:
        for start in starts:
            collect(score_chunk(plan, start, min(start + chunk, n_need), offers.thresholds()))
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending: deque[Future[ChunkResult]] = deque()
            for start in starts:
                if len(pending) >= workers:
                    collect(pending.popleft().result())
                stop = min(start + chunk, n_need)
                pending.append(pool.submit(score_chunk, plan, start, stop, offers.thresholds()))
            while pending:
                collect(pending.popleft().result())
    flush()
    if progress is not None and not starts:
        progress(n_need, n_need)
    return need_keys, need_cols, need_text, offers


_CANDIDATE_FIELDS = ("cand_offer", "cand_row", "cand_key", "cand_text")
