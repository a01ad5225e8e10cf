"""A full rescoring whose worker is killed (SIGKILL) in the middle still completes, exactly once,
and readers see either the old scores or the new ones, whole.

As in ``tests/events/test_worker_loss.py``: the worker runs the prefork pool with one child and
the test kills the child (the parent hands the task back to Redis at once and its new child
takes the run over); a row lock held on one old score from another connection stops the run
inside the transaction that swaps the stored scores, where the child is killed.
"""

import pytest
from django.urls import reverse

from matchmaking.models import MatchScore, ScoringRun
from tests.conftest import wait_for
from tests.factories import NeedFactory, OfferFactory
from tests.workers import row_locked, waiting_for_locks

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _scores():
    return sorted(MatchScore.objects.values_list("offer_id", "need_id", "algorithm_version"))


def test_full_rescoring_completes_once_after_its_worker_is_killed_mid_swap(
    client, official, prefork_worker
):
    offers = [OfferFactory(sectors=["AQU.FAR"]), OfferFactory(sectors=["ENV.WAT"])]
    needs = [NeedFactory(sectors=["AQU.FAR"]), NeedFactory(sectors=["ENV.WAT"])]
    old = [
        MatchScore.objects.create(offer=o, need=n, score=0.01, algorithm_version="old")
        for o, n in ((offers[0], needs[1]), (offers[1], needs[0]))
    ]
    old_scores = _scores()
    client.force_login(official)

    with row_locked(MatchScore, old[0].pk):
        client.post(reverse("matchmaking:recompute"))
        run = ScoringRun.objects.get(kind="full")

        def state():
            run.refresh_from_db()
            return (run.status, run.attempt, run.stage)

        assert wait_for(lambda: state() == ("running", 1, "saving") and waiting_for_locks() == 1)
        killed = prefork_worker.kill_child()
        assert wait_for(lambda: state() == ("running", 2, "saving"), timeout=40), (
            prefork_worker.log()
        )
        assert prefork_worker.child_pid() != killed
        assert _scores() == old_scores

    assert wait_for(lambda: state()[0] == "succeeded", timeout=40), prefork_worker.log()
    new = list(MatchScore.objects.values_list("offer_id", "need_id", "run_id"))
    pairs = [(o, n) for o, n, _run in new]
    assert run.attempt == 2
    assert {r for _o, _n, r in new} == {run.pk}
    assert len(pairs) == len(set(pairs)) == run.pairs_kept
    assert (offers[0].pk, needs[0].pk) in pairs and (offers[1].pk, needs[1].pk) in pairs
