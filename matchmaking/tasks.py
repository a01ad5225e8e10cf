"""Scoring in the worker: thin tasks around matchmaking.services.scores (see STYLE.md)."""

from celery import shared_task
from django.db import OperationalError

from core.background import RETRY, time_limits
from matchmaking import services

# One record's rescoring: idempotent (it replaces that record's pairs), so retrying a lost
# database connection is safe.
RESCORE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 5,
    "retry_kwargs": {"max_retries": 5},
    "soft_time_limit": 120,
    "time_limit": 180,
}


@shared_task(name="matchmaking.rescore_offer", **RESCORE)
def rescore_offer(*, offer_id: int) -> int:
    return services.scores_rescore_offer(offer_id=offer_id)


@shared_task(name="matchmaking.rescore_need", **RESCORE)
def rescore_need(*, need_id: int) -> int:
    return services.scores_rescore_need(need_id=need_id)


@shared_task(
    bind=True,
    name="matchmaking.recompute_scores",
    acks_late=True,
    reject_on_worker_lost=True,
    **RETRY,
    **time_limits(soft=1500, hard=1800),
)
def recompute_scores(self, *, run_id: int) -> int | None:
    """A full recompute. A new delivery of this task (its worker died) takes the run over; any
    other duplicate does nothing (``BackgroundRun.claim``)."""
    run = services.scores_recompute(run_id=run_id, task_id=self.request.id or "")
    return run.pairs_kept if run else None
