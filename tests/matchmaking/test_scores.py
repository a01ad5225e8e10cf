"""Match scores in the database: full recomputes, single-record rescoring, atomic swaps."""

import pytest
from django.core.management import call_command

from matchmaking import scoring, services
from matchmaking.models import (
    MatchScore,
    PublicationStatus,
    ScoringRun,
    TechnologyNeed,
    TechnologyOffer,
)
from matchmaking.services import score_store
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """A shrimp-pond wastewater need, and three offers of different fit."""
    need = NeedFactory(
        title="Xử lý nước thải ao nuôi tôm",
        description="Khu nuôi tôm cần xử lý nước thải đạt quy chuẩn trước khi xả ra sông.",
        title_en="Shrimp-pond wastewater treatment",
        sectors=["ENV.WAT"],
        min_trl=6,
    )
    water = OfferFactory(
        title="Shrimp-farm wastewater treatment with biofilters",
        summary="Treats shrimp-pond effluent to national standards and recycles water.",
        sectors=["ENV.WAT"],
        trl=8,
    )
    feed = OfferFactory(
        title="Probiotic shrimp feed for shrimp ponds",
        summary="Shrimp feed for shrimp farming in shrimp ponds.",
        sectors=["AQU.FEE"],
        trl=7,
    )
    solar = OfferFactory(title="Rooftop solar", summary="Panels for factories", sectors=["ENE.SOL"])
    return need, water, feed, solar


def _full_run() -> ScoringRun:
    run = ScoringRun.objects.create(
        kind=ScoringRun.Kind.FULL, algorithm_version=scoring.ALGORITHM_VERSION
    )
    return services.scores_recompute(run_id=run.pk)


def _ranking(need) -> list[str]:
    return list(
        MatchScore.objects.filter(need=need)
        .order_by("-score")
        .values_list("offer__title", flat=True)
    )


def test_full_recompute_ranks_the_wastewater_offer_first_with_reasons(corpus):
    need, water, feed, solar = corpus
    run = _full_run()
    assert run.status == "succeeded"
    assert _ranking(need) == [water.title, feed.title, solar.title]
    best = MatchScore.objects.get(need=need, offer=water)
    assert best.reasons[0] == {"code": "sector_same", "params": {"sectors": ["ENV.WAT"]}}
    assert (best.algorithm_version, best.run) == (scoring.ALGORITHM_VERSION, run)
    assert set(best.components) == {"sector", "text", "trl", "mode", "budget", "country"}


def test_same_organization_is_never_matched(corpus):
    need, *_ = corpus
    own = OfferFactory(organization=need.organization, title=need.title_en, sectors=["ENV.WAT"])
    _full_run()
    assert not MatchScore.objects.filter(offer=own, need=need).exists()


def test_running_the_same_full_run_twice_does_nothing_the_second_time(corpus):
    run = _full_run()
    before = list(MatchScore.objects.values_list("id", "score"))
    assert services.scores_recompute(run_id=run.pk) is None
    assert list(MatchScore.objects.values_list("id", "score")) == before


def test_interrupted_full_recompute_leaves_the_previous_scores(corpus, monkeypatch):
    monkeypatch.setattr(score_store, "WRITE_BATCH", 1)
    assert len(corpus) == 4
    _full_run()
    before = sorted(MatchScore.objects.values_list("offer_id", "need_id", "score"))
    seen = []

    def crash_half_way(result, **kwargs):
        for row in original(result, **kwargs):
            seen.append(row)
            if len(seen) == 2:
                raise RuntimeError("worker lost")
            yield row

    original = scoring.RankResult.rows
    # The pure result is replaced, not the database: the rows written before the crash are
    # really inserted, then rolled back with the transaction.
    monkeypatch.setattr(scoring.RankResult, "rows", crash_half_way)
    run = ScoringRun.objects.create(
        kind=ScoringRun.Kind.FULL, algorithm_version=scoring.ALGORITHM_VERSION
    )
    with pytest.raises(RuntimeError):
        services.scores_recompute(run_id=run.pk)
    assert sorted(MatchScore.objects.values_list("offer_id", "need_id", "score")) == before
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "RuntimeError: worker lost")


def test_single_offer_rescoring_gives_the_full_run_score(corpus):
    need, water, *_ = corpus
    _full_run()
    full = MatchScore.objects.get(need=need, offer=water).score
    MatchScore.objects.filter(offer=water).delete()
    assert services.scores_rescore_offer(offer_id=water.pk) == 1
    assert MatchScore.objects.get(need=need, offer=water).score == full


def test_editing_an_offer_text_changes_its_score_after_rescoring(
    corpus, member, django_capture_on_commit_callbacks
):
    need, water, feed, _ = corpus
    _full_run()
    before = MatchScore.objects.get(need=need, offer=water).score
    water.organization.memberships.create(user=member)
    water.title, water.summary = "Rooftop solar panels", "Photovoltaic panels for roofs."
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_save(offer=water, user=member, sectors=["ENE.SOL"], transfer_modes=[])
    after = MatchScore.objects.get(need=need, offer=water).score
    assert after < before
    assert _ranking(need)[0] == feed.title


def test_publishing_a_need_scores_it_after_commit(
    corpus, member, django_capture_on_commit_callbacks
):
    _, water, *_ = corpus
    _full_run()
    org = member.memberships.get().organization
    org.verified = True
    org.save()
    need = NeedFactory(
        organization=org,
        title="Cần công nghệ xử lý nước thải",
        sectors=["ENV.WAT"],
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    assert not MatchScore.objects.filter(need=need).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.need_publish(need=need, user=member)
    assert _ranking(need)[0] == water.title


def test_archiving_an_offer_removes_it_from_every_list(corpus, member):
    _, water, *_ = corpus
    _full_run()
    water.organization.memberships.create(user=member)
    services.record_archive(record=water, user=member)
    assert not MatchScore.objects.filter(offer=water).exists()


def test_rescore_command_recomputes_everything(corpus, capsys):
    call_command("rescore", "--all")
    need, water, *_ = corpus
    assert _ranking(need)[0] == water.title
    assert ScoringRun.objects.get(kind="full").status == "succeeded"


def test_only_the_top_k_per_need_and_per_offer_are_kept(settings):
    settings.MATCHMAKING_TOP_K = 2
    needs = [NeedFactory(sectors=["AQU.FAR"], title=f"Nuôi tôm {i}") for i in range(5)]
    offers = [OfferFactory(sectors=["AQU.FAR"], title=f"Shrimp RAS {i}") for i in range(5)]
    run = ScoringRun.objects.create(
        kind=ScoringRun.Kind.FULL, algorithm_version=scoring.ALGORITHM_VERSION, top_k=2
    )
    services.scores_recompute(run_id=run.pk)
    stored = {(m.need_id, m.offer_id): m.score for m in MatchScore.objects.all()}
    # Every stored pair is among the 2 best of its need or of its offer, and each need and each
    # offer has its 2 best pairs stored: at most 2 x 5 + 2 x 5 pairs of the 25.
    for need in needs:
        mine = sorted((s, o) for (n, o), s in stored.items() if n == need.pk)
        assert len(mine) >= 2
    for offer in offers:
        assert len([1 for (n, o) in stored if o == offer.pk]) >= 2
    assert len(stored) <= 20


def test_each_records_floor_is_its_kth_best_stored_score(settings):
    """The floors let one record's rescoring find whose lists it enters: each must be the K-th
    best stored score of its record (0 with fewer than K), computed here from the rows."""
    settings.MATCHMAKING_TOP_K = 2
    for i in range(4):
        NeedFactory(sectors=["AQU.FAR"], title=f"Nuôi tôm tuần hoàn {i}", min_trl=i + 4)
        OfferFactory(sectors=["AQU.FAR"], title=f"Shrimp RAS {i}", trl=9 - i)
    NeedFactory(sectors=["ENE.SOL"], title="Điện mặt trời áp mái")
    # Archived since its last scores: it has none now, so no floor either.
    archived = NeedFactory(sectors=["AQU.FAR"], status=PublicationStatus.ARCHIVED)
    TechnologyNeed.objects.filter(pk=archived.pk).update(score_floor=0.7)
    run = ScoringRun.objects.create(
        kind=ScoringRun.Kind.FULL, algorithm_version=scoring.ALGORITHM_VERSION, top_k=2
    )
    services.scores_recompute(run_id=run.pk)

    def kth(scores: list[float]) -> float:
        return sorted(scores, reverse=True)[1] if len(scores) >= 2 else 0.0

    rows = list(MatchScore.objects.values_list("need_id", "offer_id", "score"))
    for model, column in ((TechnologyNeed, 0), (TechnologyOffer, 1)):
        floors = dict(model.objects.values_list("pk", "score_floor"))
        expected = {pk: kth([r[2] for r in rows if r[column] == pk]) for pk in floors}
        assert floors == pytest.approx(expected)
    assert any(floors.values())  # not all zero: the test would not see a lost update
    assert TechnologyNeed.objects.get(pk=archived.pk).score_floor == 0
