"""Pure scoring engine for technology offers × needs (no Django; see README.md beside this file)."""

from matchmaking.scoring.defaults import (
    ALGORITHM_VERSION,
    COMPONENTS,
    DEFAULT_RATES,
    DEFAULT_WEIGHTS,
    NEUTRAL,
)
from matchmaking.scoring.engine import (
    DEFAULT_TOP_K,
    rank,
    rank_index,
    rank_one_need,
    rank_one_offer,
)
from matchmaking.scoring.index import CorpusIndex
from matchmaking.scoring.records import (
    TRANSFER_MODES,
    Match,
    NeedRecord,
    OfferRecord,
    Reason,
)
from matchmaking.scoring.result import OneResult, PairRow, RankResult
from matchmaking.scoring.taxonomy import Sector, Taxonomy, default_taxonomy

__all__ = [
    "ALGORITHM_VERSION",
    "COMPONENTS",
    "DEFAULT_RATES",
    "DEFAULT_TOP_K",
    "DEFAULT_WEIGHTS",
    "NEUTRAL",
    "TRANSFER_MODES",
    "CorpusIndex",
    "Match",
    "NeedRecord",
    "OfferRecord",
    "OneResult",
    "PairRow",
    "RankResult",
    "Reason",
    "Sector",
    "Taxonomy",
    "default_taxonomy",
    "rank",
    "rank_index",
    "rank_one_need",
    "rank_one_offer",
]
