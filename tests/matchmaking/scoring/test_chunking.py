"""Properties of the vectorised engine on random corpora: chunking, workers and the dense/sparse
text split never change a result; rescoring one record agrees with the full run; scores agree
with a plain per-pair implementation of the documented formulas."""

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaking.scoring import (
    COMPONENTS,
    DEFAULT_RATES,
    DEFAULT_WEIGHTS,
    CorpusIndex,
    NeedRecord,
    OfferRecord,
    default_taxonomy,
    rank_index,
    rank_one_need,
    rank_one_offer,
)
from matchmaking.scoring.chunks import OfferTopK

WORDS = """nuôi tôm cá nước thải xử lý ao bùn solar panel shrimp feed pond robot hàn điện mặt trời
nuoi tom nuoc thai wastewater treatment sensor IoT""".split()  # noqa: SIM905
SECTORS = ["AQU", "AQU.FAR", "AQU.FEE", "ENV.WAT", "ENE.SOL", "MFG.ROB", "ICT.IOT"]
MODES = ["licence", "turnkey", "training", "joint_venture"]
CURRENCIES = [None, "VND", "USD", "EUR", "XYZ"]
COUNTRIES = [None, "VN", "KR", "JP", "TW"]
ARRAYS = (
    "pair_need",
    "pair_offer",
    "pair_q",
    "pair_components",
    "pair_features",
    "need_top",
    "offer_top",
)


def _text(rng: random.Random, most: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most)))


def _amounts(rng: random.Random, scale: float) -> tuple[float | None, float | None]:
    low = rng.choice([None, rng.uniform(0, scale)])
    high = rng.choice([None, (low or 0) + rng.uniform(0, scale)])
    return low, high


def _corpus(seed: int, n_off: int, n_need: int) -> tuple[list, list]:
    rng = random.Random(seed)
    common = {
        "language": lambda: rng.choice([None, "vi", "en"]),
        "sectors": lambda: rng.sample(SECTORS, rng.randint(0, 2)),
        "transfer_modes": lambda: rng.sample(MODES, rng.randint(0, 2)),
        "currency": lambda: rng.choice(CURRENCIES),
        "country": lambda: rng.choice(COUNTRIES),
        "status": lambda: rng.choice([None, None, None, "published", "draft"]),
        "organization": lambda: f"org{rng.randint(0, 6)}",
    }
    offers = []
    for i in range(n_off):
        low, high = _amounts(rng, 200_000)
        offers.append(
            OfferRecord(
                id=f"O{i}",
                title=_text(rng, 4),
                summary=_text(rng, 8),
                title_en=_text(rng, 3),
                keywords=[_text(rng, 2)],
                trl=rng.choice([None, *range(1, 10)]),
                price_min=low,
                price_max=high,
                target_countries=rng.sample(["VN", "TH"], rng.randint(0, 1)),
                **{k: make() for k, make in common.items()},
            )
        )
    needs = []
    for i in range(n_need):
        low, high = _amounts(rng, 5e9)
        needs.append(
            NeedRecord(
                id=f"N{i}",
                title=_text(rng, 4),
                description=_text(rng, 8),
                summary_en=_text(rng, 3),
                min_trl=rng.choice([None, *range(1, 10)]),
                budget_min=low,
                budget_max=high,
                preferred_countries=rng.sample(["KR", "JP", "TW"], rng.randint(0, 2)),
                **{k: make() for k, make in common.items()},
            )
        )
    return offers, needs


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_off=st.integers(0, 25),
    n_need=st.integers(0, 25),
    top_k=st.integers(1, 8),
    chunk=st.integers(1, 30),
    workers=st.sampled_from([1, 2]),
    dense_share=st.sampled_from([0.0, 0.2, 2.0]),
)
def test_rank_chunked_equals_unchunked(seed, n_off, n_need, top_k, chunk, workers, dense_share):
    offers, needs = _corpus(seed, n_off, n_need)
    index = CorpusIndex.build(offers, needs, dense_share=dense_share)
    whole = rank_index(index, top_k=top_k, chunk_size=10**6, workers=1)
    chunked = rank_index(index, top_k=top_k, chunk_size=chunk, workers=workers)
    for name in ARRAYS:
        assert np.array_equal(getattr(whole, name), getattr(chunked, name)), name
    assert list(whole.pairs()) == list(chunked.pairs())


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_off=st.integers(1, 20),
    n_need=st.integers(1, 20),
    top_k=st.integers(1, 6),
)
def test_rank_one_record_equals_full_run(seed, n_off, n_need, top_k):
    offers, needs = _corpus(seed, n_off, n_need)
    index = CorpusIndex.build(offers, needs)
    result = rank_index(index, top_k=top_k, chunk_size=3)
    for n in needs:
        assert rank_one_need(n, index, top_k=top_k).matches == result.for_need(n.id)
    for o in offers:
        assert rank_one_offer(o, index, top_k=top_k).matches == result.for_offer(o.id)


def _reference(offer: OfferRecord, need: NeedRecord, index: CorpusIndex) -> float:
    """The documented formulas, pair by pair, in float64."""
    taxonomy = default_taxonomy()

    def vnd(amount, currency):
        rate = DEFAULT_RATES.get(currency or "VND")
        return None if amount is None or rate is None else amount * rate

    text = float(
        index.offers.text[index.offers.position[offer.id]]
        .multiply(index.needs.text[index.needs.position[need.id]])
        .sum()
    )
    if not offer.sectors or not need.sectors:
        sector = 0.5
    else:
        leaves = [
            {x for c in r.sectors for x in taxonomy.effective_leaves[c]} for r in (offer, need)
        ]
        tops = [{taxonomy.top_of[c] for c in r.sectors} for r in (offer, need)]
        sector = 1.0 if leaves[0] & leaves[1] else 0.5 if tops[0] & tops[1] else 0.0
    if need.min_trl is None:
        trl = 1.0
    elif offer.trl is None:
        trl = 0.5
    else:
        trl = max(0.0, 1.0 - 0.25 * max(0, need.min_trl - offer.trl))
    if not need.transfer_modes:
        mode = 1.0
    elif not offer.transfer_modes:
        mode = 0.5
    else:
        wanted = set(need.transfer_modes)
        mode = len(wanted & set(offer.transfer_modes)) / len(wanted)
    b_lo, b_hi = vnd(need.budget_min, need.currency), vnd(need.budget_max, need.currency)
    p_lo, p_hi = vnd(offer.price_min, offer.currency), vnd(offer.price_max, offer.currency)
    p_lo, p_hi = (p_lo if p_lo is not None else p_hi), (p_hi if p_hi is not None else p_lo)
    if b_lo is None and b_hi is None:
        budget = 1.0
    elif p_lo is None:
        budget = 0.5
    else:
        above = b_hi / p_lo if b_hi is not None and p_lo > b_hi else 1.0
        below = p_hi / b_lo if b_lo is not None and p_hi < b_lo else 1.0
        budget = min(above, below)
    prefs, targets = set(need.preferred_countries), set(offer.target_countries)
    pref = 1.0 if not prefs else 0.5 if offer.country is None else float(offer.country in prefs)
    target = 1.0 if not targets else 0.5 if need.country is None else float(need.country in targets)
    values = {
        "sector": sector,
        "text": text,
        "trl": trl,
        "mode": mode,
        "budget": budget,
        "country": pref * target,
    }
    return sum(DEFAULT_WEIGHTS[c] * values[c] for c in COMPONENTS) / sum(DEFAULT_WEIGHTS.values())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_rank_scores_agree_with_per_pair_formulas(seed):
    offers, needs = _corpus(seed, 15, 15)
    index = CorpusIndex.build(offers, needs)
    for n in index.needs.records:
        one = rank_one_need(n, index)
        for o, score in zip(index.offers.records, one.scores, strict=True):
            if o.organization == n.organization:
                assert np.isnan(score)
            else:
                assert abs(score - _reference(o, n, index)) <= 1.5e-4, (o, n)


def test_offer_topk_merge_keeps_the_best_k_with_keys_over_31_bits():
    big = 2**40
    kept = OfferTopK(n_off=3, k=2, max_key=big)
    kept.merge(
        np.array([0, 0, 2, 0]),
        np.array([5, 6, 8, 7]),
        np.array([big, 3, 9, big - 1]),
        np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32),
    )
    keys, rows, text = kept.result()
    assert keys.tolist() == [[big, big - 1], [-1, -1], [9, -1]]
    assert rows.tolist() == [[5, 7], [-1, -1], [8, -1]]
    assert text.tolist() == [[np.float32(0.1), np.float32(0.4)], [0.0, 0.0], [np.float32(0.3), 0.0]]
    assert kept.thresholds().tolist() == [big - 1, -1, -1]
    kept.merge(np.array([0]), np.array([9]), np.array([big - 2]), np.array([0.5], np.float32))
    assert kept.result()[1].tolist()[0] == [5, 7]
