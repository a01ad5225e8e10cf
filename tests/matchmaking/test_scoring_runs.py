"""Full recomputes whose worker died or never came: taken over or replaced, never blocking
recomputes for good (the worker's path, in-process)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from matchmaking import scoring, services
from matchmaking.models import MatchScore, ScoringRun
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return OfferFactory(sectors=["ENV.WAT"]), NeedFactory(sectors=["ENV.WAT"])


def _run(**fields) -> ScoringRun:
    return ScoringRun.objects.create(
        kind=ScoringRun.Kind.FULL, algorithm_version=scoring.ALGORITHM_VERSION, **fields
    )


def test_a_new_delivery_of_the_task_takes_over_its_dead_execution(pair):
    run = _run()
    assert ScoringRun.claim(run.pk, task_id="task-1") == 1  # then its worker died
    done = services.scores_recompute(run_id=run.pk, task_id="task-1")
    assert (done.status, done.attempt) == ("succeeded", 2)
    assert list(MatchScore.objects.values_list("offer", "need")) == [(pair[0].pk, pair[1].pk)]


def test_another_message_for_a_run_whose_worker_is_alive_does_nothing(pair):
    run = _run()
    ScoringRun.claim(run.pk, task_id="task-1")
    assert services.scores_recompute(run_id=run.pk, task_id="task-2") is None
    run.refresh_from_db()
    assert (run.status, run.attempt) == ("running", 1)
    assert MatchScore.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "running", "heartbeat_at": timezone.now() - timedelta(minutes=3)},
        {"status": "queued"},
    ],
    ids=["worker-gone", "never-taken"],
)
def test_a_stale_full_run_no_longer_blocks_a_new_recompute(official, fields):
    stuck = _run(**fields)
    ScoringRun.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=1))
    fresh = services.scoring_run_start(user=official)
    stuck.refresh_from_db()
    assert fresh.pk != stuck.pk
    assert (stuck.status, stuck.error) == (
        "failed",
        # Written in the portal's language, as the worker writes it.
        gettext("The worker stopped answering: the run was abandoned."),
    )
