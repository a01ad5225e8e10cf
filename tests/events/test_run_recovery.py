"""Scheduler runs whose worker died, never came or was stopped: taken over or failed clearly,
never stuck, never written twice (the worker's path, in-process)."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from events import tasks
from events.models import Event, Meeting, MeetingRequest, ScheduleRun
from events.services import meeting_move, schedule_run_execute, schedule_run_start
from events.services import scheduling as scheduling_service
from tests.events.conftest import set_status
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(event, tables, reg_a, reg_b):
    MeetingRequest.objects.create(event=event, requester=reg_a, recipient=reg_b, status="accepted")
    return set_status(event, Event.Status.REGISTRATION_CLOSED)


def _pairs(event):
    return sorted(
        tuple(sorted(p))
        for p in Meeting.objects.filter(event=event).values_list(
            "registration_a_id", "registration_b_id"
        )
    )


def _age(run, **fields):
    """Make the run look as if it had been left this long ago."""
    ScheduleRun.objects.filter(pk=run.pk).update(**fields)
    run.refresh_from_db()
    return run


def test_a_new_delivery_of_the_task_takes_over_its_dead_execution_and_completes_once(
    closed, reg_a, reg_b, official
):
    run = schedule_run_start(event=closed, user=official)
    # The first execution claimed the run, then its worker died (no heartbeat age needed: the
    # broker only hands the same task out again once its worker is gone).
    assert ScheduleRun.claim(run.pk, task_id="task-1") == 1
    assert schedule_run_execute(run_id=run.pk, task_id="task-1") is not None
    run.refresh_from_db()
    assert (run.status, run.attempt, run.progress) == ("succeeded", 2, 100)
    assert _pairs(closed) == [(reg_a.pk, reg_b.pk)]
    meetings = list(Meeting.objects.values_list("pk", flat=True))
    assert schedule_run_execute(run_id=run.pk, task_id="task-1") is None
    assert list(Meeting.objects.values_list("pk", flat=True)) == meetings


def test_another_message_for_a_run_whose_worker_is_alive_does_nothing(closed, official):
    run = schedule_run_start(event=closed, user=official)
    assert ScheduleRun.claim(run.pk, task_id="task-1") == 1
    assert schedule_run_execute(run_id=run.pk, task_id="task-2") is None
    run.refresh_from_db()
    assert (run.status, run.attempt, run.task_id) == ("running", 1, "task-1")
    assert Meeting.objects.count() == 0


def test_a_run_whose_heartbeat_stopped_is_taken_over_by_any_execution(
    closed, reg_a, reg_b, official
):
    run = schedule_run_start(event=closed, user=official)
    ScheduleRun.claim(run.pk, task_id="task-1")
    _age(run, heartbeat_at=timezone.now() - timedelta(minutes=2))
    schedule_run_execute(run_id=run.pk, task_id="task-2")
    run.refresh_from_db()
    assert (run.status, run.attempt, run.task_id) == ("succeeded", 2, "task-2")
    assert _pairs(closed) == [(reg_a.pk, reg_b.pk)]


def test_a_run_that_kept_killing_its_worker_is_given_up_with_a_message(closed, official):
    run = schedule_run_start(event=closed, user=official)
    for attempt in (1, 2, 3):
        assert ScheduleRun.claim(run.pk, task_id="task-1") == attempt
    assert schedule_run_execute(run_id=run.pk, task_id="task-1") is None
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.error.startswith("The worker running it was lost 3 times")
    assert Meeting.objects.count() == 0


def test_a_run_cancelled_while_the_solver_works_writes_nothing(
    client, closed, slots, tables, reg_a, reg_b, reg_c, official, monkeypatch
):
    old = MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_b, registration_b=reg_c
    )
    run = schedule_run_start(event=closed, user=official)
    solve = scheduling_service.run_solver
    client.force_login(official)

    def official_cancels_meanwhile(*args, **kwargs):
        result = solve(*args, **kwargs)
        client.post(reverse("events:run_cancel", args=[closed.pk, run.pk]))
        return result

    monkeypatch.setattr(scheduling_service, "run_solver", official_cancels_meanwhile)
    assert schedule_run_execute(run_id=run.pk, task_id="task-1") is None
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "Cancelled by Cán bộ Sở.")
    assert list(Meeting.objects.values_list("pk", flat=True)) == [old.pk]


def test_official_cancels_a_stuck_run_from_the_schedule_page_and_can_start_again(
    client, closed, official
):
    run = _age(
        schedule_run_start(event=closed, user=official),
        status="running",
        started_at=timezone.now() - timedelta(minutes=5),
        heartbeat_at=timezone.now() - timedelta(minutes=4),
    )
    client.force_login(official)
    page = client.get(reverse("events:schedule", args=[closed.pk])).content.decode()
    assert "No sign of life from the worker since" in page
    assert reverse("events:run_cancel", args=[closed.pk, run.pk]) in page
    response = client.post(reverse("events:run_cancel", args=[closed.pk, run.pk]), follow=True)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "Cancelled by Cán bộ Sở.")
    assert "The run is cancelled; the schedule is as it was." in response.content.decode()
    again = client.post(reverse("events:run_cancel", args=[closed.pk, run.pk]), follow=True)
    assert "This run has already ended." in again.content.decode()
    assert schedule_run_start(event=closed, user=official).status == "queued"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"created_at": timezone.now() - timedelta(minutes=20)},
            "No worker took this run: the worker is not running or the message was lost.",
        ),
        (
            {
                "status": "running",
                "started_at": timezone.now() - timedelta(minutes=12),
                "heartbeat_at": timezone.now() - timedelta(minutes=11),
            },
            "The worker stopped answering while it ran the scheduler",
        ),
    ],
    ids=["queued-forever", "worker-gone"],
)
def test_stale_runs_block_neither_edits_nor_a_new_run_and_say_why_they_failed(
    closed, slots, tables, reg_a, reg_b, official, fields, reason
):
    meeting = MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b
    )
    set_status(closed, Event.Status.SCHEDULED)
    stuck = _age(schedule_run_start(event=closed, user=official), **fields)
    meeting_move(meeting=meeting, slot=slots[1], table=tables[0], official=official)
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    assert stuck.error.startswith(reason)
    assert schedule_run_start(event=closed, user=official).status == "queued"


def test_a_live_run_still_blocks_edits(closed, slots, tables, reg_a, reg_b, official):
    meeting = MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b
    )
    set_status(closed, Event.Status.SCHEDULED)
    run = schedule_run_start(event=closed, user=official)
    ScheduleRun.claim(run.pk, task_id="task-1")
    with pytest.raises(ValidationError, match="The scheduler is working on this event"):
        meeting_move(meeting=meeting, slot=slots[1], table=tables[0], official=official)


def test_an_unreachable_broker_fails_the_run_with_the_reason(
    client, closed, official, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(**kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.schedule_event, "delay", broker_down)
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:run_start", args=[closed.pk]), {"time_limit": 5, "seed": 0})
    run = ScheduleRun.objects.get()
    assert (run.status, run.error) == (
        "failed",
        "The worker could not be reached (Error 111 connecting to 127.0.0.1:6379. Connection "
        "refused.). Nothing was changed; start the scheduler again.",
    )
    assert schedule_run_start(event=closed, user=official).status == "queued"


def test_a_soft_time_limit_fails_the_run_and_keeps_the_schedule(
    closed, slots, tables, reg_b, reg_c, official, monkeypatch
):
    old = MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_b, registration_b=reg_c
    )
    run = schedule_run_start(event=closed, user=official)

    def worker_signals_the_soft_limit(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(scheduling_service, "run_solver", worker_signals_the_soft_limit)
    schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "The scheduler ran out of time.")
    assert list(Meeting.objects.values_list("pk", flat=True)) == [old.pk]
    closed.refresh_from_db()
    assert closed.status == Event.Status.REGISTRATION_CLOSED


def test_locked_meetings_changed_while_the_solver_works_fail_the_run_and_change_nothing(
    closed, slots, tables, reg_a, reg_b, reg_c, official, monkeypatch
):
    locked = MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_b, registration_b=reg_c,
        locked=True,
    )  # fmt: skip
    run = schedule_run_start(event=closed, user=official)
    solve = scheduling_service.run_solver

    def moved_in_the_admin_meanwhile(*args, **kwargs):
        result = solve(*args, **kwargs)
        Meeting.objects.filter(pk=locked.pk).update(slot=slots[2])
        return result

    monkeypatch.setattr(scheduling_service, "run_solver", moved_in_the_admin_meanwhile)
    schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == (
        "failed",
        "Locked meetings changed while the scheduler worked: nothing was changed; run it again.",
    )
    assert list(Meeting.objects.values_list("pk", "slot")) == [(locked.pk, slots[2].pk)]
