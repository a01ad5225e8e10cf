"""The daily feedback task in a real Celery worker on Redis: one email per participant, and
running it again sends nothing more."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, FeedbackInvitation, Meeting
from events.tasks import send_feedback_reminders
from tests.conftest import wait_for
from tests.factories import (
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
)

# serialized_rollback: the flush after a transactional test must not lose the sector taxonomy.
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reminder_task_sends_one_email_per_participant(celery_worker):
    yesterday = timezone.localdate() - timedelta(days=1)
    event = EventFactory(status=Event.Status.FINISHED, starts_on=yesterday, ends_on=yesterday)
    table = TableFactory(event=event)
    people = [MembershipFactory(role="admin").user for _ in range(3)]
    registrations = [
        RegistrationFactory(event=event, organization=p.memberships.get().organization)
        for p in people
    ]
    for a, b in [(0, 1), (1, 2), (0, 2)]:
        MeetingFactory(
            event=event,
            slot=SlotFactory(event=event),
            table=table,
            status=Meeting.Status.HELD,
            registration_a=registrations[a],
            registration_b=registrations[b],
        )

    first = send_feedback_reminders.delay().get(timeout=60)
    assert first == {"after_event": 3, "follow_up": 0, "reminders": 0}
    assert wait_for(lambda: len(list(celery_worker.iterdir())) == 3, timeout=30)
    second = send_feedback_reminders.delay().get(timeout=60)
    assert second == {"after_event": 0, "follow_up": 0, "reminders": 0}
    time.sleep(2)  # anything queued by the second run would have been written by now
    messages = [path.read_text() for path in celery_worker.iterdir()]
    recipients = sorted(
        line.removeprefix("To: ")
        for m in messages
        for line in m.splitlines()
        if line.startswith("To: ")
    )
    assert recipients == sorted(p.email for p in people)
    assert FeedbackInvitation.objects.filter(sent_at__isnull=False).count() == 3
