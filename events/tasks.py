"""Worker tasks of the events app: thin wrappers around services (see events.services)."""

from celery import shared_task

from core.background import RETRY, time_limits
from events.services.scheduling import (
    TASK_SOFT_TIME_LIMIT,
    TASK_TIME_LIMIT,
    schedule_run_execute,
)


@shared_task(
    bind=True,
    name="events.schedule_event",
    acks_late=True,
    reject_on_worker_lost=True,
    **RETRY,
    **time_limits(soft=TASK_SOFT_TIME_LIMIT, hard=TASK_TIME_LIMIT),
)
def schedule_event(self, *, run_id: int) -> None:
    """Execute a scheduler run. A new delivery of this task (its worker died) takes the run
    over; any other duplicate does nothing (``BackgroundRun.claim``)."""
    schedule_run_execute(run_id=run_id, task_id=self.request.id or "")


@shared_task(name="events.send_feedback_reminders", **time_limits(soft=600, hard=900))
def send_feedback_reminders() -> dict:
    """The daily feedback emails (Celery beat, ``CELERY_BEAT_SCHEDULE``); safe to run twice."""
    from events.services.feedback import feedback_invitations_send

    return feedback_invitations_send()


@shared_task(name="events.expire_meeting_requests", **RETRY, **time_limits(soft=240, hard=300))
def expire_meeting_requests() -> int:
    """Expire the requests left unanswered at their event's deadline and tell the requesters
    (Celery beat, ``CELERY_BEAT_SCHEDULE``); safe to run twice."""
    from events.services.requests import requests_expire_due

    return requests_expire_due()
