import math
import pickle

import numpy as np
import pytest

from matchmaking.scoring import (
    ALGORITHM_VERSION,
    COMPONENTS,
    CorpusIndex,
    rank,
    rank_index,
    rank_one_need,
    rank_one_offer,
)
from tests.matchmaking.scoring.builders import need, need_ids, offer, offer_ids

SHRIMP = "Hệ thống nuôi tôm tuần hoàn"


def test_algorithm_version_is_exported():
    assert isinstance(ALGORITHM_VERSION, str)
    assert ALGORITHM_VERSION != ""


def test_rank_never_matches_records_of_the_same_organization():
    offers = [offer("O1", SHRIMP, organization="acme"), offer("O2", SHRIMP)]
    needs = [need("N1", SHRIMP, organization="acme"), need("N2", SHRIMP)]
    result = rank(offers, needs)
    assert offer_ids(result.for_need("N1")) == ["O2"]
    assert need_ids(result.for_offer("O1")) == ["N2"]
    one = rank_one_need(needs[0], result.index)
    assert offer_ids(one.matches) == ["O2"]
    assert math.isnan(one.scores[0])
    assert one.matches_for(["O1", "O2"]) == one.matches


def test_rank_keeps_only_published_records():
    offers = [
        offer("O1", SHRIMP, status="draft"),
        offer("O2", SHRIMP, status="published"),
        offer("O3", SHRIMP),
    ]
    needs = [need("N1", SHRIMP), need("N2", SHRIMP, status="archived")]
    result = rank(offers, needs)
    assert offer_ids(result.for_need("N1")) == ["O2", "O3"]
    assert result.for_need("N2") == []
    assert result.for_offer("O1") == []
    assert need_ids(result.for_offer("O2")) == ["N1"]
    assert rank_one_offer(offers[0], result.index).matches == []


def test_rank_breaks_ties_by_id():
    offers = [offer(i, "Máy sấy nông sản") for i in ("O9", "O10", "O2")]
    result = rank(offers, [need("N1", "Máy sấy nông sản")])
    assert offer_ids(result.for_need("N1")) == ["O10", "O2", "O9"]
    assert len({m.score for m in result.for_need("N1")}) == 1


def test_rank_keeps_top_k_per_need_and_per_offer():
    offers = [offer(f"O{i}", SHRIMP, trl=i) for i in range(1, 10)]
    needs = [need(f"N{i}", SHRIMP, min_trl=i) for i in range(1, 10)]
    result = rank(offers, needs, top_k=2)
    assert offer_ids(result.for_need("N5")) == ["O5", "O6"]
    assert need_ids(result.for_offer("O5")) == ["N1", "N2"]
    per_need = {(m.offer_id, m.need_id) for n in needs for m in result.for_need(n.id)}
    per_offer = {(m.offer_id, m.need_id) for o in offers for m in result.for_offer(o.id)}
    assert {(m.offer_id, m.need_id) for m in result.pairs()} == per_need | per_offer
    assert len(result) == len(per_need | per_offer)


def test_rank_score_is_the_weighted_mean_of_components():
    offers = [offer("O1", trl=5, sectors=["AQU.FAR"], country="KR")]
    needs = [need("N1", min_trl=6, sectors=["AQU.FEE"], preferred_countries=["JP"])]
    weights = {"sector": 2, "text": 1, "trl": 1, "mode": 0, "budget": 0, "country": 0}
    result = rank(offers, needs, weights=weights)
    match = result.for_need("N1")[0]
    assert match.components == {
        "sector": 0.5,
        "text": 0.0,
        "trl": 0.75,
        "mode": 1.0,
        "budget": 1.0,
        "country": 0.0,
    }
    assert match.score == (2 * 0.5 + 0.0 + 0.75) / 4
    assert result.weights == {
        "sector": 0.5,
        "text": 0.25,
        "trl": 0.25,
        "mode": 0.0,
        "budget": 0.0,
        "country": 0.0,
    }
    assert list(match.components) == list(COMPONENTS)


def test_rank_rejects_unknown_or_negative_weights():
    with pytest.raises(ValueError, match='unknown weight "price"'):
        rank([offer("O1")], [need("N1")], weights={"price": 1})
    with pytest.raises(ValueError, match='weight "text" must be a non-negative number'):
        rank([offer("O1")], [need("N1")], weights={"text": -1})


def test_rank_rejects_duplicate_ids():
    with pytest.raises(ValueError, match="duplicate offer id 'O1'"):
        rank([offer("O1"), offer("O1")], [need("N1")])


def test_rank_reports_progress_per_chunk():
    calls = []
    rank(
        [offer("O1")],
        [need(f"N{i}") for i in range(5)],
        chunk_size=2,
        workers=1,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_rank_with_no_offers_gives_empty_matches():
    calls = []
    result = rank([], [need("N1")], progress=lambda d, t: calls.append((d, t)))
    assert result.for_need("N1") == []
    assert calls == [(1, 1)]


def _corpus() -> tuple[list, list]:
    from bench.scoring_core import generate

    return generate(60, 50, seed=3)


def test_rank_one_need_equals_the_full_run():
    offers, needs = _corpus()
    result = rank(offers, needs, top_k=5)
    for n in needs:
        assert rank_one_need(n, result.index, top_k=5).matches == result.for_need(n.id)


def test_rank_one_offer_equals_the_full_run():
    offers, needs = _corpus()
    result = rank(offers, needs, top_k=5)
    for o in offers:
        assert rank_one_offer(o, result.index, top_k=5).matches == result.for_offer(o.id)


def test_rank_one_scores_every_counterpart_and_builds_chosen_matches():
    offers, needs = _corpus()
    result = rank(offers, needs, top_k=3)
    one = rank_one_need(needs[0], result.index, top_k=3)
    assert one.counterpart_ids == [o.id for o in offers]
    best = [o.id for o in offers if o.id in set(offer_ids(one.matches))]
    assert sorted(np.argsort(-np.nan_to_num(one.scores, nan=-1), kind="stable")[:3]) == sorted(
        one.counterpart_ids.index(i) for i in best
    )
    chosen = one.matches_for([offers[7].id, "unknown"])
    assert offer_ids(chosen) == [offers[7].id]
    assert chosen[0].score == one.scores[7]


def test_rank_one_need_new_record_uses_the_fitted_vocabulary():
    result = rank([offer("O1", "Máy sấy nông sản"), offer("O2", SHRIMP)], [need("N1", "nông sản")])
    fresh = need("N9", "Nuôi tôm, chống bão", language="vi")  # "bão" is new to the index
    matches = rank_one_need(fresh, result.index).matches
    assert offer_ids(matches) == ["O2", "O1"]
    assert [r.en for r in matches[0].reasons] == ["shared terms: nuôi tôm"]


def test_index_with_offer_adds_replaces_and_removes():
    index = CorpusIndex.build([offer("O1", "Máy sấy nông sản")], [need("N1", SHRIMP)])
    index = index.with_offer(offer("O2", SHRIMP))
    assert offer_ids(rank_one_need(need("N1", SHRIMP), index).matches) == ["O2", "O1"]
    index = index.with_offer(offer("O2", "Thiết bị y tế"))
    first = rank_one_need(need("N1", SHRIMP), index).matches[0]
    assert first.components["text"] == 0.0
    index = index.with_offer(offer("O1", "Máy sấy", status="archived"))
    assert offer_ids(rank_one_need(need("N1", SHRIMP), index).matches) == ["O2"]
    assert rank_index(index.without_offer("O2")).for_need("N1") == []


def test_index_survives_pickling():
    offers, needs = _corpus()
    result = rank(offers, needs, top_k=4)
    copy = pickle.loads(pickle.dumps(result.index))
    assert rank_one_need(needs[3], copy, top_k=4).matches == result.for_need(needs[3].id)


def test_index_with_need_adds_and_removes_for_offer_rescoring():
    index = CorpusIndex.build([offer("O1", SHRIMP)], [need("N1", "Máy sấy nông sản")])
    index = index.with_need(need("N2", SHRIMP))
    assert need_ids(rank_one_offer(offer("O1", SHRIMP), index).matches) == ["N2", "N1"]
    index = index.without_need("N2")
    assert need_ids(rank_one_offer(offer("O1", SHRIMP), index).matches) == ["N1"]


def test_rank_with_only_stop_words_has_zero_text():
    result = rank([offer("O1", "và của các", language="vi")], [need("N1", "của", language="vi")])
    assert [(m.offer_id, m.components["text"], m.reasons) for m in result.for_need("N1")] == [
        ("O1", 0.0, [])
    ]


def test_compact_rows_carry_the_same_pairs_and_reasons_as_matches():
    from matchmaking.scoring import rank
    from tests.matchmaking.scoring.builders import need, offer

    offers = [
        offer("o1", sectors=["AQU.FAR"], title="Recirculating shrimp farming", trl=8),
        offer("o2", sectors=["ENE.SOL"], title="Rooftop solar panels", trl=7),
    ]
    needs = [need("n1", sectors=["AQU.FAR"], title="Shrimp farming system", min_trl=6)]
    result = rank(offers, needs, top_k=5)
    matches = list(result.pairs())
    rows = list(result.rows())
    assert [(r.offer_id, r.need_id, r.score, r.components) for r in rows] == [
        (m.offer_id, m.need_id, m.score, m.components) for m in matches
    ]
    assert [r.reasons for r in rows] == [[(x.code, x.params) for x in m.reasons] for m in matches]
