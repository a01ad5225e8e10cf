"""A fitted corpus: vocabulary and IDF, record matrices and packed attributes, reusable.

A full run builds one `CorpusIndex` and scores every pair from it. The portal keeps that index
(pickle it) so that one saved record can be rescored in milliseconds: the record is vectorised
with the existing vocabulary and IDF of the last full fit (new words are ignored until the next
full run), and `with_offer` / `with_need` / `without_*` give the updated index to keep.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from scipy import sparse

from matchmaking.scoring.attributes import (
    CountryCodes,
    NeedAttributes,
    OfferAttributes,
    pack_needs,
    pack_offers,
)
from matchmaking.scoring.defaults import DEFAULT_RATES
from matchmaking.scoring.grid import DENSE_SHARE, NeedBlock, OfferGrid, TextSplit
from matchmaking.scoring.records import NeedRecord, OfferRecord, is_published
from matchmaking.scoring.taxonomy import Taxonomy, default_taxonomy
from matchmaking.scoring.text import Analyzer, fit_text, strongest_features, transform_text

R = TypeVar("R", OfferRecord, NeedRecord)
# Features per record among which shared terms are looked for.
TERMS_PER_RECORD = 40


@dataclass(frozen=True)
class Side(Generic[R]):
    """One side (offers or needs) of the corpus, rows in input order."""

    records: list[R]
    position: dict[str, int]
    id_rank: np.ndarray  # int64: rank of each row's id in sorted id order (ties → smaller id first)
    org: np.ndarray  # int64 organisation number (same number = same organisation)
    text: sparse.csr_matrix  # L2-normalised TF-IDF rows
    terms: sparse.csr_matrix  # the strongest entries of `text`, to find shared terms
    leaf: sparse.csr_matrix
    top: sparse.csr_matrix
    has_sector: np.ndarray

    def __len__(self) -> int:
        return len(self.records)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.records]


def _id_rank(records: Sequence[OfferRecord | NeedRecord]) -> np.ndarray:
    ids = np.array([r.id for r in records], dtype=object)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
    return rank


def _positions(records: Sequence[OfferRecord | NeedRecord], side: str) -> dict[str, int]:
    position: dict[str, int] = {}
    for i, r in enumerate(records):
        if r.id in position:
            raise ValueError(f"duplicate {side} id {r.id!r}")
        position[r.id] = i
    return position


class CorpusIndex:
    """Everything needed to score offers against needs; see the module docstring."""

    def __init__(
        self,
        *,
        analyzer: Analyzer,
        vectorizer: object,
        spellings: dict[str, str],
        taxonomy: Taxonomy,
        rates: Mapping[str, float],
        countries: CountryCodes,
        orgs: dict[str, int],
        offers: Side[OfferRecord],
        needs: Side[NeedRecord],
        offer_attrs: OfferAttributes,
        need_attrs: NeedAttributes,
        dense_share: float = DENSE_SHARE,
    ) -> None:
        self.analyzer = analyzer
        self.vectorizer = vectorizer
        self.spellings = spellings
        self.taxonomy = taxonomy
        self.rates = dict(rates)
        self.countries = countries
        self.orgs = orgs
        self.offers = offers
        self.needs = needs
        self.offer_attrs = offer_attrs
        self.need_attrs = need_attrs
        self.dense_share = dense_share
        self._feature_names: list[str] | None = None
        self._split: TextSplit | None = None
        self._offer_grid: OfferGrid | None = None
        self._need_block: NeedBlock | None = None

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_feature_names"] = None
        return state

    @classmethod
    def build(
        cls,
        offers: Sequence[OfferRecord],
        needs: Sequence[NeedRecord],
        *,
        rates: Mapping[str, float] | None = None,
        taxonomy: Taxonomy | None = None,
        dense_share: float = DENSE_SHARE,
    ) -> CorpusIndex:
        """Fit on the published records of both sides (unpublished ones are left out entirely).

        `dense_share` only tunes speed (see grid.py). Raises ValueError on a duplicate id within
        a side.
        """
        taxonomy = taxonomy or default_taxonomy()
        rates = DEFAULT_RATES if rates is None else rates
        pub_offers = [o for o in offers if is_published(o)]
        pub_needs = [n for n in needs if is_published(n)]
        _positions(pub_offers, "offer")
        _positions(pub_needs, "need")
        analyzer = Analyzer()
        vectorizer, matrix, spellings = fit_text(analyzer, [*pub_offers, *pub_needs])
        countries = CountryCodes(
            {c.upper() for o in pub_offers for c in [o.country, *o.target_countries] if c}
            | {c.upper() for n in pub_needs for c in [n.country, *n.preferred_countries] if c}
        )
        orgs: dict[str, int] = {}
        split = len(pub_offers)
        return cls(
            analyzer=analyzer,
            vectorizer=vectorizer,
            spellings=spellings,
            taxonomy=taxonomy,
            rates=rates,
            countries=countries,
            orgs=orgs,
            offers=make_side(pub_offers, matrix[:split], taxonomy, orgs, "offer"),
            needs=make_side(pub_needs, matrix[split:], taxonomy, orgs, "need"),
            offer_attrs=pack_offers(pub_offers, countries, rates),
            need_attrs=pack_needs(pub_needs, countries, rates),
            dense_share=dense_share,
        )

    @property
    def n_features(self) -> int:
        return self.offers.text.shape[1]

    def org_number(self, organization: str) -> int:
        """The organisation's number, or -1 for an organisation the index has not seen."""
        return self.orgs.get(organization, -1)

    def vectorise(self, record: OfferRecord | NeedRecord) -> sparse.csr_matrix:
        return transform_text(self.vectorizer, self.analyzer, [record])  # type: ignore[arg-type]

    def feature_names(self) -> list[str]:
        if self._feature_names is None:
            names = [""] * self.n_features
            vocabulary = getattr(self.vectorizer, "vocabulary_", {})
            for term, column in vocabulary.items():
                names[column] = term
            self._feature_names = names
        return self._feature_names

    def text_split(self) -> TextSplit:
        """Dense/sparse feature partition, fixed at the first use (it only affects speed)."""
        if self._split is None:
            self._split = TextSplit.from_offers(self.offers.text, self.dense_share)
        return self._split

    def offer_grid(self) -> OfferGrid:
        if self._offer_grid is None:
            self._offer_grid = offer_grid(self.offers, self.offer_attrs, self.text_split())
        return self._offer_grid

    def need_block(self) -> NeedBlock:
        if self._need_block is None:
            self._need_block = need_block(self.needs, self.need_attrs, self.text_split())
        return self._need_block

    # Incremental updates: each returns a new index and leaves this one untouched.

    def with_offer(self, offer: OfferRecord) -> CorpusIndex:
        """This index with `offer` added or replaced (removed when it is not published)."""
        return self._updated("offer", offer.id, offer if is_published(offer) else None)

    def with_need(self, need: NeedRecord) -> CorpusIndex:
        """This index with `need` added or replaced (removed when it is not published)."""
        return self._updated("need", need.id, need if is_published(need) else None)

    def without_offer(self, offer_id: str) -> CorpusIndex:
        return self._updated("offer", offer_id, None)

    def without_need(self, need_id: str) -> CorpusIndex:
        return self._updated("need", need_id, None)

    def _updated(
        self, kind: str, record_id: str, record: OfferRecord | NeedRecord | None
    ) -> CorpusIndex:
        side: Side = self.offers if kind == "offer" else self.needs
        records = list(side.records)
        pos = side.position.get(record_id)
        text, terms = side.text, side.terms
        if record is None:
            if pos is None:
                return self
            del records[pos]
            keep = np.ones(len(side), dtype=bool)
            keep[pos] = False
            text, terms = text[keep], terms[keep]
        else:
            row = self.vectorise(record)
            row_terms = strongest_features(row, TERMS_PER_RECORD)
            if pos is None:
                records.append(record)
                text = sparse.vstack([text, row], format="csr")
                terms = sparse.vstack([terms, row_terms], format="csr")
            else:
                records[pos] = record
                text = sparse.vstack([text[:pos], row, text[pos + 1 :]], format="csr")
                terms = sparse.vstack([terms[:pos], row_terms, terms[pos + 1 :]], format="csr")
        orgs = dict(self.orgs)
        new_side = make_side(records, text, self.taxonomy, orgs, kind, terms=terms)
        new = CorpusIndex.__new__(CorpusIndex)
        new.__dict__.update(self.__dict__)
        new.orgs = orgs
        new._feature_names = self._feature_names
        if kind == "offer":
            new.offers = new_side
            new.offer_attrs = pack_offers(records, self.countries, self.rates)
            new._offer_grid = None
        else:
            new.needs = new_side
            new.need_attrs = pack_needs(records, self.countries, self.rates)
            new._need_block = None
        return new


def make_side(
    records: list,
    text: sparse.csr_matrix,
    taxonomy: Taxonomy,
    orgs: dict[str, int],
    kind: str,
    terms: sparse.csr_matrix | None = None,
) -> Side:
    """A side from records and their TF-IDF rows; `terms` (their strongest features) is derived
    unless given. New organisations are numbered into `orgs`."""
    text = sparse.csr_matrix(text, dtype=np.float32)
    leaf, top, has = taxonomy.incidence([r.sectors for r in records])
    org = np.array([orgs.setdefault(r.organization, len(orgs)) for r in records], dtype=np.int64)
    return Side(
        records=records,
        position=_positions(records, kind),
        id_rank=_id_rank(records),
        org=org,
        text=text,
        terms=strongest_features(text, TERMS_PER_RECORD) if terms is None else terms,
        leaf=leaf,
        top=top,
        has_sector=has,
    )


def offer_grid(side: Side, attrs: OfferAttributes, split: TextSplit) -> OfferGrid:
    return OfferGrid.build(side.text, side.leaf, side.top, side.has_sector, attrs, split)


def need_block(side: Side, attrs: NeedAttributes, split: TextSplit) -> NeedBlock:
    dense, rare = split.split(side.text)
    return NeedBlock(dense, rare, side.leaf, side.top, side.has_sector, attrs, np.arange(len(side)))
