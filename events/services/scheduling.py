"""Scheduler runs: an official starts one, the worker executes it, the schedule is replaced.

A run goes queued → running → succeeded or failed. The worker claims it with a conditional
UPDATE (queued → running), so a second delivery of the same task does nothing. (Not
``BackgroundRun.claim``, which takes over runs whose heartbeat went stale: the solver sends no
heartbeat while it works. A run left "running" by a lost worker is failed when the next run of
the event is started, once it is older than the task's hard time limit.) The meetings
are replaced in one transaction that keeps locked meetings; the event row is locked meanwhile,
so officials' edits and the replacement never interleave.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from events.instance import ACCEPTED, LOCKED, REQUESTED, SUGGESTED, BuiltInstance, build_instance
from events.models import Event, Meeting, Registration, ScheduleRun
from events.services.requests import requests_expire_due
from events.services.setup import event_transition, require_official

logger = logging.getLogger(__name__)
Run = ScheduleRun.Status
ACTIVE_RUN = (Run.QUEUED, Run.RUNNING)
DEFAULT_TIME_LIMIT = 30
MAX_TIME_LIMIT = 300
# The worker's limits: the solver's own limit plus room to read and write the database.
TASK_SOFT_TIME_LIMIT = MAX_TIME_LIMIT + 300
TASK_TIME_LIMIT = TASK_SOFT_TIME_LIMIT + 60


def run_solver(data: dict, *, time_limit: float, seed: int) -> tuple[dict, list[str]]:
    """Call the pure scheduler (``events.scheduling``) on a FORMATS.md instance.

    Returns the output JSON object and the solver's notes. Goes through the package's JSON
    parser, exactly as ``python -m events.scheduling solve`` does, and through its independent
    checker before anything is written (a wrong schedule fails the run instead).
    """
    from events.scheduling.check import check
    from events.scheduling.io import parse_instance
    from events.scheduling.solver import solve

    instance = parse_instance(data)
    result = solve(instance, time_limit=time_limit, seed=seed)
    output = result.to_dict(instance)
    report = check(instance, output)
    if not report.ok:
        raise RuntimeError("the scheduler's output breaks the rules: " + "; ".join(report.errors))
    return output, list(result.log)


def _stale_before():
    """A run still "running" after the worker's hard time limit has died with its worker."""
    return timezone.now() - timedelta(seconds=TASK_TIME_LIMIT + 60)


@transaction.atomic
def schedule_run_start(
    *, event: Event, user, time_limit: int = DEFAULT_TIME_LIMIT, seed: int = 0
) -> ScheduleRun:
    """Queue a scheduler run for the event (registration closed, or already scheduled).

    Refused while another run of the event is queued or running. Locked meetings are kept by
    the run; the others are replaced.
    Side effects: requests past their deadline expire; the worker task is enqueued after commit.
    """
    from events import tasks

    require_official(user)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.can_schedule:
        raise ValidationError(
            _("The scheduler runs once registration is closed, until the schedule is published.")
        )
    if not event.slots.exists() or not event.tables.exists():
        raise ValidationError(_("The event needs sessions (slots) and tables first."))
    ScheduleRun.objects.filter(
        event=event, status=Run.RUNNING, started_at__lt=_stale_before()
    ).update(status=Run.FAILED, error="worker lost", finished_at=timezone.now())
    if event.schedule_runs.filter(status__in=ACTIVE_RUN).exists():
        raise ValidationError(_("The scheduler is already working on this event."))
    requests_expire_due(event=event)
    run = ScheduleRun.objects.create(
        event=event,
        requested_by=user,
        time_limit=max(1, min(int(time_limit), MAX_TIME_LIMIT)),
        seed=seed,
    )
    transaction.on_commit(lambda: tasks.schedule_event.delay(run_id=run.pk))
    audit.record(
        actor=user,
        action="events.schedule_run_start",
        target=event,
        after={"run": run.pk, "time_limit": run.time_limit, "seed": seed},
    )
    return run


def _progress(run: ScheduleRun, percent: int) -> None:
    run.progress = percent
    ScheduleRun.objects.filter(pk=run.pk).update(progress=percent, heartbeat_at=timezone.now())


def schedule_run_execute(*, run_id: int) -> ScheduleRun | None:
    """Execute a queued run: build the instance, solve, store the schedule and the figures.

    Does nothing (returns None) when the run is not queued any more, e.g. a second delivery of
    the same task. A failure is recorded on the run (status failed, error) and the schedule is
    left as it was.
    """
    now = timezone.now()
    claimed = ScheduleRun.objects.filter(pk=run_id, status=Run.QUEUED).update(
        status=Run.RUNNING, started_at=now, heartbeat_at=now, progress=5
    )
    if not claimed:
        logger.info("Schedule run %s is not queued any more: nothing to do", run_id)
        return None
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    try:
        requests_expire_due(event=run.event)
        built = build_instance(run.event)
        _progress(run, 15)
        output, notes = run_solver(built.data, time_limit=run.time_limit, seed=run.seed)
        _progress(run, 85)
        _store(run, built, output, notes)
    except SoftTimeLimitExceeded:
        _fail(run, _("The scheduler ran out of time."))
    except ValidationError as exc:
        _fail(run, " ".join(exc.messages))
    except Exception as exc:  # recorded on the run, for the officials to see
        logger.exception("Schedule run %s failed", run_id)
        _fail(run, f"{type(exc).__name__}: {exc}")
    return run


def _fail(run: ScheduleRun, message: str) -> None:
    run.status, run.error, run.finished_at = Run.FAILED, message, timezone.now()
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=run.status, error=run.error, finished_at=run.finished_at
    )


def _locked_state(event_id: int) -> set[tuple]:
    return set(
        Meeting.objects.filter(
            event_id=event_id,
            locked=True,
            registration_a__status=Registration.Status.APPROVED,
            registration_b__status=Registration.Status.APPROVED,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("pk", "slot_id", "table_id", "registration_a_id", "registration_b_id")
    )


def _id(value: str) -> int:
    return int(value[1:])


@transaction.atomic
def _store(run: ScheduleRun, built: BuiltInstance, output: dict, notes: list[str]) -> None:
    event = Event.objects.select_for_update().get(pk=run.event_id)
    if not event.can_schedule:
        raise ValidationError(
            _("The event moved to “%(status)s” while the scheduler worked: nothing was changed.")
            % {"status": event.get_status_display()}
        )
    expected = {
        (c.meeting_id, _id(m["slot"]), _id(m["table"]))
        for m in built.data["meetings"]
        if (c := built.candidates[m["id"]]).kind == LOCKED
    }
    current = {(pk, slot, table) for pk, slot, table, _a, _b in _locked_state(event.pk)}
    if expected != current:
        raise ValidationError(
            _(
                "Locked meetings changed while the scheduler worked: nothing was changed; "
                "run it again."
            )
        )
    Meeting.objects.filter(event=event, locked=False).delete()
    placed = {m["id"] for m in output["meetings"]}
    Meeting.objects.bulk_create(
        [
            Meeting(
                event=event,
                slot_id=_id(m["slot"]),
                table_id=_id(m["table"]),
                registration_a_id=candidate.a,
                registration_b_id=candidate.b,
                request_id=candidate.request_id,
                score=candidate.score,
                origin=Meeting.Origin.SOLVER,
                run=run,
            )
            for m in output["meetings"]
            if (candidate := built.candidates[m["id"]]).kind != LOCKED
        ]
    )
    counts = {"participants": len(built.data["participants"]), "slots": len(built.data["slots"])}
    counts["tables"] = len(built.data["tables"])
    for kind in (LOCKED, ACCEPTED, REQUESTED, SUGGESTED):
        ids = [key for key, c in built.candidates.items() if c.kind == kind]
        counts[kind] = len(ids)
        counts[f"{kind}_placed"] = sum(1 for key in ids if key in placed)
    counts["meetings"] = len(placed)
    counts["unscheduled"] = len(output["unscheduled"])
    readable = _namer(built)
    log = [readable(line) for line in notes]
    log += [
        f"{readable(_pair_label(built, u['id']))}: {readable(u['reason'])}"
        for u in output["unscheduled"]
        if built.candidates[u["id"]].kind != SUGGESTED
    ]
    run.solver = "events.scheduling (CP-SAT)"
    run.solver_status = output["status"]
    run.objective = output["objective"]
    run.bound = output["bound"]
    run.gap = output["gap"]
    run.seconds = output["seconds"]
    run.counts = counts
    run.log = "\n".join(log)
    run.status = Run.SUCCEEDED
    run.progress = 100
    run.finished_at = timezone.now()
    run.save()
    if event.status == Event.Status.REGISTRATION_CLOSED:
        event_transition(event=event, to=Event.Status.SCHEDULED, internal=True)


def _pair_label(built: BuiltInstance, key: str) -> str:
    candidate = built.candidates[key]
    return f"r{candidate.a} × r{candidate.b}"


def _namer(built: BuiltInstance):
    """Replace instance ids (r12, t3) in the solver's messages with names."""
    pattern = re.compile(r"\b[rt]\d+\b")
    return lambda text: pattern.sub(lambda m: built.names.get(m.group(0), m.group(0)), text)
