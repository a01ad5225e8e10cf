"""Worker tasks of the events app: thin wrappers around services (see events.services)."""

from celery import shared_task

from events.services.scheduling import (
    TASK_SOFT_TIME_LIMIT,
    TASK_TIME_LIMIT,
    schedule_run_execute,
)


@shared_task(
    name="events.schedule_event",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=TASK_SOFT_TIME_LIMIT,
    time_limit=TASK_TIME_LIMIT,
)
def schedule_event(*, run_id: int) -> None:
    """Execute a queued scheduler run; a second delivery of the same run does nothing."""
    schedule_run_execute(run_id=run_id)


@shared_task(name="events.send_feedback_reminders", soft_time_limit=600, time_limit=900)
def send_feedback_reminders() -> dict:
    """The daily feedback emails (Celery beat, ``CELERY_BEAT_SCHEDULE``); safe to run twice."""
    from events.services.feedback import feedback_invitations_send

    return feedback_invitations_send()
