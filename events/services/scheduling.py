"""Scheduler runs: an official starts one, the worker executes it, the schedule is replaced.

A run goes queued → running → succeeded or failed, exactly once whatever the broker does
(``core.models.BackgroundRun``): the worker claims it (queued → running, or taking over a run
whose execution died: a new delivery of the same task, or a stale heartbeat), a thread keeps
its heartbeat fresh while the solver works, and the results are written only by the execution
that still holds the run, in one transaction that also marks it succeeded. A run whose worker
is gone or never came (lost message, broker down, hard time limit) blocks nothing: it is
failed, with the reason, when an official next starts a run or changes the schedule, and
officials may cancel a run from the schedule page. The meetings are replaced in one
transaction that keeps locked meetings; the event row is locked meanwhile, so officials' edits
and the replacement never interleave.
"""

from __future__ import annotations

import logging
import re

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

import audit
from core.background import TRANSIENT_ERRORS, RunNotHeld, heartbeat
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
# Which path the solver took (``Result.method``), as the run records it.
SOLVER_NAMES = {
    "exact": "events.scheduling: CP-SAT, full model",
    "large": "events.scheduling: large-event decomposition (CP-SAT, LNS)",
}


def run_solver(data: dict, *, time_limit: float, seed: int) -> tuple[dict, list[str], str]:
    """Call the pure scheduler (``events.scheduling``) on a FORMATS.md instance.

    Returns the output JSON object, the solver's notes and the path it took ("exact" or
    "large"). Goes through the package's JSON parser, exactly as ``python -m events.scheduling
    solve`` does, and through its independent checker before anything is written (a wrong
    schedule fails the run instead).
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
    return output, list(result.log), result.method


def live_run(event: Event) -> ScheduleRun | None:
    """The event's queued or running run whose worker is alive, if any.

    Runs whose worker is gone or never came are failed on the way, with the reason, so that
    they block neither a new run nor officials' changes. Call it with the event row locked.
    """
    now = timezone.now()
    stale = ScheduleRun.objects.filter(ScheduleRun.stale_q(now), event=event)
    stale.filter(status=Run.QUEUED).update(
        status=Run.FAILED,
        finished_at=now,
        error=_(
            "No worker took this run: the worker is not running or the message was lost. "
            "Nothing was changed; start the scheduler again."
        ),
    )
    stale.filter(status=Run.RUNNING).update(
        status=Run.FAILED,
        finished_at=now,
        error=_(
            "The worker stopped answering while it ran the scheduler (stopped, out of memory "
            "or over its time limit). Nothing was changed; start the scheduler again."
        ),
    )
    return event.schedule_runs.filter(status__in=ACTIVE_RUN).order_by("-created_at").first()


@transaction.atomic
def schedule_run_start(
    *, event: Event, user, time_limit: int = DEFAULT_TIME_LIMIT, seed: int = 0
) -> ScheduleRun:
    """Queue a scheduler run for the event (registration closed, or already scheduled).

    Refused while another run of the event is queued or running with a live worker. Locked
    meetings are kept by the run; the others are replaced.
    Side effects: stale runs are failed; requests past their deadline expire (their requesters
    are told); the worker task is enqueued after commit (if the broker cannot be reached, the
    run is failed with that reason).
    """
    require_official(user)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.can_schedule:
        raise ValidationError(
            _("The scheduler runs once registration is closed, until the schedule is published.")
        )
    if not event.slots.exists() or not event.tables.exists():
        raise ValidationError(_("The event needs sessions (slots) and tables first."))
    if live_run(event) is not None:
        raise ValidationError(_("The scheduler is already working on this event."))
    requests_expire_due(event=event)
    run = ScheduleRun.objects.create(
        event=event,
        requested_by=user,
        time_limit=max(1, min(int(time_limit), MAX_TIME_LIMIT)),
        seed=seed,
    )
    transaction.on_commit(lambda: _enqueue(run.pk))
    audit.record(
        actor=user,
        action="events.schedule_run_start",
        target=event,
        after={"run": run.pk, "time_limit": run.time_limit, "seed": seed},
    )
    return run


def _enqueue(run_id: int) -> None:
    from events import tasks

    try:
        tasks.schedule_event.delay(run_id=run_id)
    except BrokerError as exc:
        logger.exception("Schedule run %s could not be sent to the worker", run_id)
        ScheduleRun.objects.filter(pk=run_id, status=Run.QUEUED).update(
            status=Run.FAILED,
            finished_at=timezone.now(),
            error=_(
                "The worker could not be reached (%(error)s). Nothing was changed; start the "
                "scheduler again."
            )
            % {"error": exc},
        )


@transaction.atomic
def schedule_run_cancel(*, run: ScheduleRun, user) -> ScheduleRun:
    """Stop a queued or running run: it is failed as cancelled, and if its worker is still at
    work, what it finds is never written (``BackgroundRun.finish``). The schedule stays as it
    was and a new run may start at once. Side effects: an audit entry."""
    require_official(user)
    now = timezone.now()
    error = _("Cancelled by %(name)s.") % {"name": user.get_full_name() or user.get_username()}
    moved = ScheduleRun.objects.filter(pk=run.pk, status__in=ACTIVE_RUN).update(
        status=Run.FAILED, error=error, finished_at=now
    )
    if not moved:
        raise ValidationError(_("This run has already ended."))
    audit.record(
        actor=user,
        action="events.schedule_run_cancel",
        target=run.event,
        before={"run": run.pk, "status": run.status},
        after={"run": run.pk, "status": Run.FAILED},
    )
    run.refresh_from_db()
    return run


def _progress(run: ScheduleRun, percent: int) -> None:
    run.progress = percent
    ScheduleRun.objects.filter(pk=run.pk, attempt=run.attempt).update(
        progress=percent, heartbeat_at=timezone.now()
    )


def schedule_run_execute(*, run_id: int, task_id: str = "") -> ScheduleRun | None:
    """Execute a run: build the instance, solve, store the schedule and the figures.

    Does nothing (returns None) when another execution holds the run, or when the run ended
    meanwhile (a duplicate message, a cancelled run). A new delivery of the task that holds it
    (``task_id``; its worker died) takes it over and does the whole run again. A failure is
    recorded on the run (status failed, error, with names rather than ids) and the schedule is
    left as it was; a transient error (database out of reach) is raised for the task to retry.
    """
    attempt = ScheduleRun.claim(run_id, task_id=task_id)
    if not attempt:
        logger.info("Schedule run %s is held by another execution or ended: nothing to do", run_id)
        return None
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    built = None
    try:
        with heartbeat(ScheduleRun, pk=run_id, attempt=attempt):
            _progress(run, 5)
            requests_expire_due(event=run.event)
            built = build_instance(run.event)
            _progress(run, 15)
            output, notes, method = run_solver(built.data, time_limit=run.time_limit, seed=run.seed)
            _progress(run, 85)
            _store(run, built, output, notes, method)
    except RunNotHeld:
        logger.info("Schedule run %s was cancelled or taken over: results dropped", run_id)
        return None
    except SoftTimeLimitExceeded:
        _fail(run, _("The scheduler ran out of time."))
    except ValidationError as exc:
        _fail(run, " ".join(exc.messages))
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:  # recorded on the run, for the officials to see
        logger.exception("Schedule run %s failed", run_id)
        message = f"{type(exc).__name__}: {exc}"
        _fail(run, _namer(built)(message) if built else message)
    return run


def _fail(run: ScheduleRun, message: str) -> None:
    run.status, run.error, run.finished_at = Run.FAILED, message, timezone.now()
    ScheduleRun.objects.filter(pk=run.pk, status=Run.RUNNING, attempt=run.attempt).update(
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
def _store(
    run: ScheduleRun, built: BuiltInstance, output: dict, notes: list[str], method: str
) -> None:
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
    readable = _namer(built)
    counts = _counts(built, output, placed)
    log = [readable(line) for line in notes]
    log += [
        f"{readable(_pair_label(built, u['id']))}: {readable(u['reason'])}"
        for u in output["unscheduled"]
        if built.candidates[u["id"]].kind != SUGGESTED
    ]
    below = _below_minimum(built, output, event.min_meetings)
    counts["min_meetings"], counts["below_minimum"] = event.min_meetings, len(below)
    if below:
        log.append(
            _("Below the minimum number of meetings (%(minimum)d): %(names)s.")
            % {
                "minimum": event.min_meetings,
                "names": ", ".join(f"{readable(r)} ({n})" for r, n in below),
            }
        )
    if not ScheduleRun.finish(
        run.pk,
        attempt=run.attempt,
        solver=SOLVER_NAMES.get(method, "events.scheduling"),
        solver_status=output["status"],
        objective=output["objective"],
        bound=output["bound"],
        gap=output["gap"],
        seconds=output["seconds"],
        counts=counts,
        log="\n".join(log),
        status=Run.SUCCEEDED,
        progress=100,
        finished_at=timezone.now(),
    ):
        raise RunNotHeld
    run.refresh_from_db()
    if event.status == Event.Status.REGISTRATION_CLOSED:
        event_transition(event=event, to=Event.Status.SCHEDULED, internal=True)


def _counts(built: BuiltInstance, output: dict, placed: set[str]) -> dict:
    """The run's figures. A request already answered by a locked meeting counts as asked and
    placed, so "N of M requested meetings placed" stays true after officials lock meetings."""
    counts = {"participants": len(built.data["participants"]), "slots": len(built.data["slots"])}
    counts["tables"] = len(built.data["tables"])
    for kind in (LOCKED, ACCEPTED, REQUESTED, SUGGESTED):
        ids = [key for key, c in built.candidates.items() if c.kind == kind]
        counts[kind] = len(ids)
        counts[f"{kind}_placed"] = sum(1 for key in ids if key in placed)
    for candidate in built.candidates.values():
        if candidate.kind == LOCKED and candidate.covers:
            counts[candidate.covers] += 1
            counts[f"{candidate.covers}_placed"] += 1
    counts["meetings"] = len(placed)
    counts["unscheduled"] = len(output["unscheduled"])
    return counts


def _below_minimum(built: BuiltInstance, output: dict, minimum: int) -> list[tuple[str, int]]:
    """(participant id, meetings) of those the schedule leaves below the event's minimum."""
    if not minimum:
        return []
    held = {p["id"]: 0 for p in built.data["participants"]}
    for meeting in output["meetings"]:
        held[meeting["a"]] += 1
        held[meeting["b"]] += 1
    return sorted(
        ((p, n) for p, n in held.items() if n < minimum),
        key=lambda item: (item[1], built.names.get(item[0], item[0])),
    )


def _pair_label(built: BuiltInstance, key: str) -> str:
    candidate = built.candidates[key]
    return f"r{candidate.a} × r{candidate.b}"


def _namer(built: BuiltInstance):
    """Replace instance ids (r12, t3) in the solver's messages with names."""
    pattern = re.compile(r"\b[rt]\d+\b")
    return lambda text: pattern.sub(lambda m: built.names.get(m.group(0), m.group(0)), text)
