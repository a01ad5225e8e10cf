"""What long worker tasks share: their time limits, which errors are worth a retry, and the
heartbeat that tells a run whose worker is alive from one whose worker is gone.

See ``core.models.BackgroundRun`` for how a run is claimed and finished exactly once.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

# The database or the network was out of reach for a moment: trying again later may work.
# Anything else (a bug, bad data, a refusal) would only fail again, so it is never retried.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
# Retries of a transient error: after 10, 20, 40, 80, 160 s (with jitter), then give up.
RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 10,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}
SOFT_MARGIN = 30


class RunNotHeld(Exception):
    """The run was cancelled, given up or taken over by another execution while this one
    worked: its results must not be written (the transaction writing them is rolled back)."""


def time_limits(*, soft: int, hard: int) -> dict[str, int]:
    """A task's soft and hard time limits, capped by the worker-wide hard limit
    ``CELERY_TASK_TIME_LIMIT``, from which the broker's visibility timeout is derived
    (settings): a message is handed to another worker only once the first one can no longer be
    running it. The soft limit stays ``SOFT_MARGIN`` seconds below the hard one, for the task
    to record its failure."""
    hard = min(hard, settings.CELERY_TASK_TIME_LIMIT)
    return {"soft_time_limit": min(soft, hard - SOFT_MARGIN), "time_limit": hard}


@contextmanager
def heartbeat(model, *, pk: int, attempt: int, every: float | None = None):
    """Refresh the run's ``heartbeat_at`` every ``every`` seconds while the block runs.

    The beats come from a thread with its own database connection, because the work itself
    (a solver, a scoring pass) can hold the main thread for minutes without a database call.
    The thread stops when the block ends or when the run is no longer held by ``attempt``
    (cancelled, or taken over). Inside a transaction (tests, or a caller's atomic block) no
    other connection could see the run row yet, so no thread is started.
    """
    every = every or model.HEARTBEAT_SECONDS
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(every):
                try:
                    held = model.objects.filter(
                        pk=pk, status=model.Status.RUNNING, attempt=attempt
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("Heartbeat of %s %s failed; trying again", model.__name__, pk)
                    continue
                if not held:
                    return
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every)
