"""Match scores: full recomputes and single-record rescoring, written so readers never see a
half-written set.

A full recompute scores everything in memory first, then replaces every stored score in one
transaction: until it commits readers keep the previous set, and a crash rolls it back. Single
records are rescored against the process's fitted index (``matchmaking.corpus``): the record's
own top K is stored, plus every pair that now beats the K-th best stored score of the
counterpart (its ``score_floor``). Between full recomputes a list may therefore hold a few more
than K pairs; the next full recompute trims them.
"""

from __future__ import annotations

import logging
import math
import time

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.background import TRANSIENT_ERRORS, RunNotHeld, heartbeat
from matchmaking import corpus, scoring
from matchmaking.models import (
    MatchScore,
    PublicationStatus,
    ScoringRun,
    TechnologyNeed,
    TechnologyOffer,
)
from matchmaking.scoring.defaults import resolve_weights
from matchmaking.services import score_store

logger = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 1.0


def current_weights() -> dict[str, float]:
    """Weights of the last full run (so single rescoring stays comparable), else the settings."""
    last = (
        ScoringRun.objects.filter(kind=ScoringRun.Kind.FULL, status=ScoringRun.Status.SUCCEEDED)
        .order_by("-finished_at")
        .values_list("weights", flat=True)
        .first()
    )
    return last or dict(getattr(settings, "MATCHMAKING_WEIGHTS", None) or scoring.DEFAULT_WEIGHTS)


def _compact(match: scoring.Match) -> scoring.PairRow:
    # Code and parameters only: the portal words each reason in the reader's language.
    return scoring.PairRow(
        match.offer_id,
        match.need_id,
        match.score,
        match.components,
        [(r.code, r.params) for r in match.reasons],
    )


def _kth(scores: list[float], k: int) -> float:
    return sorted(scores, reverse=True)[k - 1] if len(scores) >= k else 0.0


# --- Full recompute ----------------------------------------------------------------------------


def scoring_run_start(*, user, weights: dict | None = None) -> ScoringRun:
    """An official asks for a full recompute; the worker runs it after this transaction commits.

    While a full run is queued or running, asking again returns that run instead of a second.
    """
    if not user.is_official:
        raise PermissionDenied(_("Only officials can recompute the match scores."))
    from matchmaking import tasks

    with transaction.atomic():
        full = ScoringRun.objects.select_for_update().filter(kind=ScoringRun.Kind.FULL)
        # A run whose worker is gone (or never came) must not block recomputes for good.
        full.filter(ScoringRun.stale_q()).update(
            status=ScoringRun.Status.FAILED,
            error=_("The worker stopped answering: the run was abandoned."),
            finished_at=timezone.now(),
        )
        active = full.filter(
            status__in=[ScoringRun.Status.QUEUED, ScoringRun.Status.RUNNING]
        ).first()
        if active:
            return active
        merged = dict(current_weights())
        merged.update(weights or {})
        resolve_weights(merged)  # refuse nonsense before queueing
        run = ScoringRun.objects.create(
            kind=ScoringRun.Kind.FULL,
            algorithm_version=scoring.ALGORITHM_VERSION,
            weights=merged,
            top_k=settings.MATCHMAKING_TOP_K,
            requested_by=user,
        )
        transaction.on_commit(lambda: tasks.recompute_scores.delay(run_id=run.pk))
    return run


class _Progress:
    """Writes done/total on the run at most once a second (also the run's heartbeat)."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY_SECONDS or done == total:
            self.last = now
            ScoringRun.objects.filter(pk=self.run_id).update(
                done=min(done, total), total=total, heartbeat_at=timezone.now()
            )


def scores_recompute(*, run_id: int, task_id: str = "") -> ScoringRun | None:
    """Score every published offer against every published need and swap the stored set.

    Returns None when another execution holds the run (``BackgroundRun.claim``). A transient
    error (database out of reach) is raised for the task to retry; the retry takes the run
    over. Side effects: progress on the run row; on success every MatchScore is replaced and
    the score floors are updated; the fitted index is kept in this process for single-record
    rescoring.
    """
    attempt = ScoringRun.claim(run_id, task_id=task_id)
    if not attempt:
        return None
    run = ScoringRun.objects.get(pk=run_id)
    try:
        with heartbeat(ScoringRun, pk=run_id, attempt=attempt):
            _recompute(run)
    except RunNotHeld:
        logger.info("Full scoring run %s was taken over or cancelled: results dropped", run_id)
        return None
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        ScoringRun.objects.filter(pk=run_id, attempt=attempt).update(
            status=ScoringRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        logger.exception("Full scoring run %s failed", run_id)
        raise
    run.refresh_from_db()
    return run


def _recompute(run: ScoringRun) -> None:
    watermark = corpus.current_watermark()
    offers, needs = corpus.load_offers(), corpus.load_needs()
    ScoringRun.objects.filter(pk=run.pk).update(
        stage=ScoringRun.Stage.SCORING, total=len(needs), done=0, heartbeat_at=timezone.now()
    )
    result = scoring.rank(
        offers,
        needs,
        top_k=run.top_k,
        weights=run.weights,
        rates=corpus.rates(),
        taxonomy=corpus.taxonomy(),
        progress=_Progress(run.pk),
        workers=1,
    )
    ScoringRun.objects.filter(pk=run.pk).update(
        stage=ScoringRun.Stage.SAVING, done=len(needs), heartbeat_at=timezone.now()
    )
    need_floor, offer_floor = _floors(result, run.top_k)
    with transaction.atomic():
        score_store.replace_all(result, run)
        _store_floors(TechnologyNeed, need_floor)
        _store_floors(TechnologyOffer, offer_floor)
        if not ScoringRun.finish(
            run.pk,
            attempt=run.attempt,
            status=ScoringRun.Status.SUCCEEDED,
            stage=ScoringRun.Stage.DONE,
            pairs_kept=len(result),
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        ):
            raise RunNotHeld
    corpus.remember(result.index, watermark)


def _floors(result: scoring.RankResult, k: int) -> tuple[dict[int, float], dict[int, float]]:
    """The K-th best stored score of every record (0 with fewer than K pairs stored)."""
    q = result.pair_q.astype(np.float64) / 10_000

    def per(rows: np.ndarray, ids: list[str]) -> dict[int, float]:
        floors = {int(i): 0.0 for i in ids}
        order = np.lexsort((-q, rows))
        sorted_rows = rows[order]
        starts = np.searchsorted(sorted_rows, np.arange(len(ids)))
        counts = np.bincount(rows, minlength=len(ids))
        for row, (start, count) in enumerate(zip(starts, counts, strict=True)):
            if count >= k:
                floors[int(ids[row])] = float(q[order[start + k - 1]])
        return floors

    return (
        per(result.pair_need, result.index.needs.ids),
        per(result.pair_offer, result.index.offers.ids),
    )


def _store_floors(model, floors: dict[int, float]) -> None:
    """``floors`` holds every record of the run (0 for fewer than K pairs); the others are not
    published and have no scores. Only floors that change are written: rewriting all 40,000
    rows on every run left as many dead rows in the offers and needs tables each time."""
    model.objects.exclude(status=PublicationStatus.PUBLISHED).exclude(score_floor=0).update(
        score_floor=0
    )
    score_store.update_floors(model, floors)


# --- One record ----------------------------------------------------------------------------------


def scores_rescore_offer(*, offer_id: int) -> int:
    """Rescore one offer after it was saved; returns the number of pairs stored for it."""
    return _rescore(TechnologyOffer, offer_id)


def scores_rescore_need(*, need_id: int) -> int:
    """Rescore one need after it was saved; returns the number of pairs stored for it."""
    return _rescore(TechnologyNeed, need_id)


def _rescore(model, record_id: int) -> int:
    is_offer = model is TechnologyOffer
    own_field, other_model = ("offer", TechnologyNeed) if is_offer else ("need", TechnologyOffer)
    other_field = "need" if is_offer else "offer"
    status = model.objects.filter(pk=record_id).values_list("status", flat=True).first()
    if status != PublicationStatus.PUBLISHED:
        # Gone, archived or back to draft: it must not be recommended any more.
        with transaction.atomic():
            MatchScore.objects.filter(**{f"{own_field}_id": record_id}).delete()
            model.objects.filter(pk=record_id).update(score_floor=0)
        return 0
    index = corpus.current_index()
    loaded = (corpus.load_offers if is_offer else corpus.load_needs)([record_id])
    if not loaded:
        return 0
    rank_one = scoring.rank_one_offer if is_offer else scoring.rank_one_need
    top_k = settings.MATCHMAKING_TOP_K
    result = rank_one(loaded[0], index, top_k=top_k, weights=current_weights())

    def counterpart(match: scoring.Match) -> int:
        return int(match.need_id if is_offer else match.offer_id)

    own = {counterpart(m) for m in result.matches}
    # The index may lag behind the database: keep only counterparts still published.
    alive = set(
        other_model.objects.filter(pk__in=own, status=PublicationStatus.PUBLISHED).values_list(
            "id", flat=True
        )
    )
    best = float(np.nanmax(result.scores)) if np.isfinite(result.scores).any() else 0.0
    # Only counterparts whose floor this record can beat matter: a few, not all of them.
    floors = dict(
        other_model.objects.filter(
            status=PublicationStatus.PUBLISHED, score_floor__lt=best
        ).values_list("id", "score_floor")
    )
    entering = [
        other
        for other, score in zip(result.counterpart_ids, result.scores, strict=True)
        if not math.isnan(score)
        and int(other) in floors
        and int(other) not in own
        and score > floors[int(other)]
    ]
    matches = [m for m in result.matches if counterpart(m) in alive] + result.matches_for(entering)

    run = ScoringRun.objects.create(
        kind=ScoringRun.Kind.OFFER if is_offer else ScoringRun.Kind.NEED,
        status=ScoringRun.Status.SUCCEEDED,
        stage=ScoringRun.Stage.DONE,
        algorithm_version=scoring.ALGORITHM_VERSION,
        weights=current_weights(),
        top_k=top_k,
        total=1,
        done=1,
        pairs_kept=len(matches),
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    with transaction.atomic():
        MatchScore.objects.filter(**{f"{own_field}_id": record_id}).delete()
        score_store.insert((_compact(m) for m in matches), run)
        model.objects.filter(pk=record_id).update(
            score_floor=_kth([m.score for m in result.matches], top_k)
        )
        _refresh_floors(other_model, other_field, [int(c) for c in entering], top_k)
    return len(matches)


def _refresh_floors(model, field: str, ids: list[int], k: int) -> None:
    """Recompute the floors of the records whose lists this rescoring just lengthened."""
    scores: dict[int, list[float]] = {}
    for start in range(0, len(ids), 900):
        rows = MatchScore.objects.filter(**{f"{field}_id__in": ids[start : start + 900]})
        for pk, score in rows.values_list(f"{field}_id", "score"):
            scores.setdefault(pk, []).append(score)
    score_store.update_floors(model, {pk: _kth(values, k) for pk, values in scores.items()})
