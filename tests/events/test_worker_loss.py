"""A scheduler run whose worker is killed (SIGKILL) in the middle still completes, exactly once,
and the event never shows a mix of the old and the new schedule.

How the worker is lost: the worker runs the prefork pool with one child (``tests.workers``), and
the test kills the child, as the out-of-memory killer would. The parent hands the message back
to Redis at once (``acks_late`` + ``reject_on_worker_lost``) and forks a new child, which gets
the same task again and takes the run over (``BackgroundRun.claim``). Killing the whole worker
instead would leave the message with Redis until its visibility timeout (40 minutes by default)
before another worker gets it: the same takeover, much later, so the child is what the test
kills.

Where it is killed: while replacing the schedule, the worst moment. The test holds a row lock
on one meeting of the old schedule from another connection, so the run's transaction waits in
its DELETE, after the solver ran and inside the one transaction that swaps the schedules; the
child is killed there. The killed transaction never commits, so the old schedule stays whole;
once the lock is released the new child's execution writes the new schedule whole.
"""

import pytest
from django.urls import reverse

from events.models import Event, Meeting, MeetingRequest, ScheduleRun
from tests.conftest import wait_for
from tests.events.conftest import set_status
from tests.factories import MeetingFactory, RegistrationFactory
from tests.workers import row_locked, waiting_for_locks

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _pairs(event):
    return sorted(
        tuple(sorted((m.registration_a_id, m.registration_b_id)))
        for m in Meeting.objects.filter(event=event)
    )


def test_schedule_run_completes_once_after_its_worker_is_killed_mid_replacement(
    client, event, slots, tables, reg_a, reg_b, reg_c, official, prefork_worker
):
    reg_d = RegistrationFactory(event=event)
    for requester, recipient, status in (
        (reg_a, reg_b, "accepted"),
        (reg_c, reg_a, "accepted"),
        (reg_d, reg_a, "pending"),
    ):
        MeetingRequest.objects.create(
            event=event, requester=requester, recipient=recipient, status=status
        )
    set_status(event, Event.Status.SCHEDULED)
    old = [
        MeetingFactory(
            event=event, slot=slots[0], table=tables[0], registration_a=reg_b, registration_b=reg_c
        ),
        MeetingFactory(
            event=event, slot=slots[1], table=tables[0], registration_a=reg_b, registration_b=reg_d
        ),
    ]
    old_pairs = _pairs(event)
    client.force_login(official)

    with row_locked(Meeting, old[0].pk):
        client.post(reverse("events:run_start", args=[event.pk]), {"time_limit": 5, "seed": 0})
        run = ScheduleRun.objects.get(event=event)

        def state():
            run.refresh_from_db()
            return (run.status, run.attempt, run.progress)

        # The first execution solved and now waits inside the replacement.
        assert wait_for(lambda: state() == ("running", 1, 85) and waiting_for_locks() == 1)
        killed = prefork_worker.kill_child()
        # The new child took the task over and reached the replacement too (it waits behind
        # the killed execution's transaction, which the database has not rolled back yet).
        assert wait_for(lambda: state() == ("running", 2, 85), timeout=40), prefork_worker.log()
        assert prefork_worker.child_pid() != killed
        assert _pairs(event) == old_pairs

    assert wait_for(lambda: state()[0] == "succeeded", timeout=40), prefork_worker.log()
    assert (run.attempt, run.counts["meetings"]) == (2, 3)
    assert _pairs(event) == sorted(
        tuple(sorted((reg_a.pk, other.pk))) for other in (reg_b, reg_c, reg_d)
    )
    assert set(Meeting.objects.filter(event=event).values_list("run_id", flat=True)) == {run.pk}
    event.refresh_from_db()
    assert event.status == Event.Status.SCHEDULED
