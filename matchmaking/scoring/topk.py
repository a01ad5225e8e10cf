"""Deterministic top-K selection on integer keys.

A key packs the score rounded to 4 decimals and the tie-break: key = q · n + (n − 1 − id_rank),
with q = round(score · 10⁴) and id_rank the counterpart's rank in id order. Keys in a row are
then distinct, the larger key is the better match, equal rounded scores go to the smaller id, and
`np.argpartition` gives the same set whatever the chunking. Excluded pairs get key −1.
"""

from __future__ import annotations

import numpy as np

SCALE = 10_000  # scores are kept and reported to 4 decimals


def key_dtype(n_counterparts: int) -> type[np.signedinteger]:
    return np.int32 if (SCALE + 1) * max(n_counterparts, 1) < 2**31 else np.int64


def top_rows(keys: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and keys of the k largest keys of each row, best first."""
    n = keys.shape[1]
    if k <= 0 or n == 0:
        empty = np.empty((keys.shape[0], 0), dtype=np.int64)
        return empty, empty.astype(keys.dtype)
    if k < n:
        cols = np.argpartition(keys, n - k, axis=1)[:, n - k :]
    else:
        cols = np.broadcast_to(np.arange(n), keys.shape).copy()
    picked = np.take_along_axis(keys, cols, axis=1)
    order = np.argsort(picked, axis=1)[:, ::-1]
    return np.take_along_axis(cols, order, axis=1), np.take_along_axis(picked, order, axis=1)
