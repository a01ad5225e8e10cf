"""The two-level sector taxonomy and the sector component as a sparse product.

Rule: two records share a sector when their *effective leaves* intersect, where a leaf stands for
itself and a parent code stands for all of its leaves (a need naming only "AQU" is satisfied by an
offer in "AQU.FAR": 1.0). Otherwise, sharing a parent gives 0.5. A record without sectors gives
the neutral value, since nothing says the fields differ.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

from matchmaking.scoring.defaults import NEUTRAL

DEFAULT_SECTORS_CSV = Path(__file__).resolve().parent.parent / "data" / "sectors.csv"


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    parent: str | None
    name_vi: str
    name_en: str


class Taxonomy:
    """Sectors in file order, with each code's effective leaves and its top-level parent."""

    def __init__(self, sectors: Iterable[Sector]) -> None:
        self.sectors: dict[str, Sector] = {s.code: s for s in sectors}
        children: dict[str, list[str]] = {}
        for s in self.sectors.values():
            if s.parent:
                if s.parent not in self.sectors:
                    raise ValueError(f"sector {s.code}: unknown parent {s.parent}")
                children.setdefault(s.parent, []).append(s.code)
        self.order = {code: i for i, code in enumerate(self.sectors)}
        # A parent without children stands for itself, so it still matches itself exactly.
        leaves = [c for c in self.sectors if c not in children]
        self.leaf_column = {c: i for i, c in enumerate(leaves)}
        tops = [c for c, s in self.sectors.items() if not s.parent]
        self.top_column = {c: i for i, c in enumerate(tops)}
        self.effective_leaves: dict[str, tuple[str, ...]] = {
            c: tuple(children.get(c, [c])) for c in self.sectors
        }
        self.top_of: dict[str, str] = {
            c: (s.parent if s.parent else c) for c, s in self.sectors.items()
        }

    @classmethod
    def from_csv(cls, path: Path | str) -> Taxonomy:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return cls(
            Sector(
                code=row["code"].strip(),
                parent=(row.get("parent") or "").strip() or None,
                name_vi=row["name_vi"].strip(),
                name_en=row["name_en"].strip(),
            )
            for row in rows
        )

    def __contains__(self, code: object) -> bool:
        return code in self.sectors

    def incidence(
        self, sector_lists: Sequence[Sequence[str]]
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
        """Binary (records × leaves) and (records × top-level sectors) matrices, plus a mask of
        records that name at least one known sector. Unknown codes are ignored."""
        leaf_rows: list[int] = []
        leaf_cols: list[int] = []
        top_rows: list[int] = []
        top_cols: list[int] = []
        has = np.zeros(len(sector_lists), dtype=bool)
        for row, codes in enumerate(sector_lists):
            leaves: set[int] = set()
            tops: set[int] = set()
            for code in codes:
                if code not in self.sectors:
                    continue
                leaves.update(self.leaf_column[leaf] for leaf in self.effective_leaves[code])
                tops.add(self.top_column[self.top_of[code]])
            if leaves:
                has[row] = True
            leaf_rows.extend([row] * len(leaves))
            leaf_cols.extend(sorted(leaves))
            top_rows.extend([row] * len(tops))
            top_cols.extend(sorted(tops))
        shape_leaf = (len(sector_lists), len(self.leaf_column))
        shape_top = (len(sector_lists), len(self.top_column))
        leaf_m = sparse.csr_matrix(
            (np.ones(len(leaf_rows), np.float32), (leaf_rows, leaf_cols)), shape=shape_leaf
        )
        top_m = sparse.csr_matrix(
            (np.ones(len(top_rows), np.float32), (top_rows, top_cols)), shape=shape_top
        )
        return leaf_m, top_m, has

    def shared(
        self, offer_codes: Sequence[str], need_codes: Sequence[str]
    ) -> tuple[list[Sector], list[Sector]]:
        """The sectors to name in a reason: shared ones (the more specific code of each matching
        pair), else the shared top-level sectors. Both in taxonomy order."""
        exact: set[str] = set()
        offer_known = [c for c in offer_codes if c in self.sectors]
        need_known = [c for c in need_codes if c in self.sectors]
        for a in offer_known:
            for b in need_known:
                if set(self.effective_leaves[a]) & set(self.effective_leaves[b]):
                    # Name the narrower of the two: a leaf rather than its parent.
                    exact.add(a if self.sectors[a].parent else b)
        if exact:
            return sorted((self.sectors[c] for c in exact), key=self._key), []
        tops = {self.top_of[c] for c in offer_known} & {self.top_of[c] for c in need_known}
        return [], sorted((self.sectors[c] for c in tops), key=self._key)

    def _key(self, sector: Sector) -> int:
        return self.order[sector.code]


@cache
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the portal (matchmaking/data/sectors.csv)."""
    return Taxonomy.from_csv(DEFAULT_SECTORS_CSV)


def sector_pairs(
    need_leaf: sparse.csr_matrix,
    need_top: sparse.csr_matrix,
    need_has: np.ndarray,
    need_rows: np.ndarray,
    offer_leaf: sparse.csr_matrix,
    offer_top: sparse.csr_matrix,
    offer_has: np.ndarray,
    offer_rows: np.ndarray,
    neutral: float = NEUTRAL,
) -> np.ndarray:
    """The sector component of explicit pairs (same values as `sector_grid`)."""

    def overlap(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
        both = left[need_rows].multiply(right[offer_rows])
        return np.asarray(both.sum(axis=1)).ravel() > 0

    out = 0.5 * (
        overlap(need_leaf, offer_leaf).astype(np.float32)
        + overlap(need_top, offer_top).astype(np.float32)
    )
    out[~(need_has[need_rows] & offer_has[offer_rows])] = neutral
    return out.astype(np.float32)
