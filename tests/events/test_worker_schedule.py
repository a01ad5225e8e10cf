"""The scheduler in a real Celery worker on Redis, reading and writing the test database."""

import pytest
from django.db.models import Q
from django.urls import reverse
from icalendar import Calendar

from events.documents.ical import meeting_uid
from events.models import Event, Meeting, MeetingRequest, ScheduleRun
from events.services import event_transition, meeting_move
from tests.conftest import wait_for
from tests.events.conftest import set_status
from tests.factories import RegistrationFactory

# serialized_rollback: the flush after a transactional test must not lose the sector taxonomy.
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def ready(event, tables, reg_a, reg_b, reg_c):
    """Registration closed; A asked B and C, and both accepted; D asked A (pending)."""
    reg_d = RegistrationFactory(event=event)
    for requester, recipient, status in (
        (reg_a, reg_b, "accepted"),
        (reg_c, reg_a, "accepted"),
        (reg_d, reg_a, "pending"),
    ):
        MeetingRequest.objects.create(
            event=event, requester=requester, recipient=recipient, status=status
        )
    return set_status(event, Event.Status.REGISTRATION_CLOSED)


def _run(client, event) -> ScheduleRun:
    client.post(reverse("events:run_start", args=[event.pk]), {"time_limit": 5, "seed": 0})
    run = ScheduleRun.objects.filter(event=event).latest("created_at")

    def finished():
        run.refresh_from_db()
        return run.status in ("succeeded", "failed")

    assert wait_for(finished, timeout=60)
    return run


def _pairs(event):
    return sorted(
        tuple(sorted((m.registration_a_id, m.registration_b_id)))
        for m in Meeting.objects.filter(event=event)
    )


def _calendar(client, event, registration):
    """UID → (SEQUENCE, start, table, STATUS) of the participant's calendar file."""
    response = client.get(reverse("events:agenda_ics", args=[event.pk, registration.pk]))
    return {
        str(i["UID"]): (
            int(i["SEQUENCE"]),
            i.decoded("DTSTART"),
            str(i["LOCATION"]),
            str(i["STATUS"]),
        )
        for i in Calendar.from_ical(response.content).walk("VEVENT")
    }


def _uids_of(event, registration):
    """The calendar UIDs of the participant's meetings: one per pair it meets."""
    mine = Meeting.objects.filter(event=event).filter(
        Q(registration_a=registration) | Q(registration_b=registration)
    )
    return {
        meeting_uid(event, a, b) for a, b in mine.values_list("registration_a", "registration_b")
    }


def test_schedule_appears_after_the_worker_ran(
    client, ready, reg_a, reg_b, reg_c, official, celery_worker
):
    client.force_login(official)
    run = _run(client, ready)
    ready.refresh_from_db()
    assert (run.status, run.progress, run.solver_status) == ("succeeded", 100, "optimal")
    assert ready.status == Event.Status.SCHEDULED
    assert (run.counts["accepted_placed"], run.counts["requested_placed"]) == (2, 1)
    reg_d = ready.registrations.exclude(pk__in=[reg_a.pk, reg_b.pk, reg_c.pk]).get()
    assert _pairs(ready) == sorted(
        tuple(sorted((reg_a.pk, other.pk))) for other in (reg_b, reg_c, reg_d)
    )


def test_rerun_in_the_worker_keeps_locked_meetings(
    client, ready, slots, tables, reg_a, reg_b, official, celery_worker
):
    client.force_login(official)
    first = _run(client, ready)
    meeting = Meeting.objects.get(
        event=ready, registration_a__in=[reg_a, reg_b], registration_b__in=[reg_a, reg_b]
    )
    free = next(
        (s, t)
        for s in slots
        for t in tables
        if not Meeting.objects.filter(slot=s, table=t).exists()
        and not Meeting.objects.filter(slot=s, registration_a__in=[reg_a, reg_b]).exists()
        and not Meeting.objects.filter(slot=s, registration_b__in=[reg_a, reg_b]).exists()
    )
    meeting_move(meeting=meeting, slot=free[0], table=free[1], official=official)
    second = _run(client, ready)
    meeting.refresh_from_db()
    assert second.status == "succeeded"
    assert (meeting.slot_id, meeting.table_id, meeting.locked, meeting.run_id) == (
        free[0].pk,
        free[1].pk,
        True,
        first.pk,
    )
    assert second.counts["locked"] == 1
    others = Meeting.objects.filter(event=ready).exclude(pk=meeting.pk)
    assert set(others.values_list("run_id", flat=True)) == {second.pk}


def test_calendar_keeps_the_same_uids_after_republishing(
    client, ready, reg_a, official, owner, celery_worker
):
    client.force_login(official)
    _run(client, ready)
    client.post(reverse("events:publish", args=[ready.pk]))
    client.force_login(owner)
    before = _calendar(client, ready, reg_a)
    assert len(_uids_of(ready, reg_a)) == 3
    assert set(before) == _uids_of(ready, reg_a)
    assert {(seq, status) for seq, _start, _table, status in before.values()} == {(1, "CONFIRMED")}
    ready.refresh_from_db()
    event_transition(event=ready, to=Event.Status.SCHEDULED, user=official)
    client.force_login(official)
    _run(client, ready)
    client.post(reverse("events:publish", args=[ready.pk]))
    client.force_login(owner)
    after = _calendar(client, ready, reg_a)
    assert set(after) == set(before) == _uids_of(ready, reg_a)
    # The re-run replaced every meeting row; a meeting that moved has a higher SEQUENCE.
    assert {uid: seq for uid, (seq, _start, _table, _status) in after.items()} == {
        uid: seq + (after[uid][1:3] != (start, table))
        for uid, (seq, start, table, _status) in before.items()
    }
    # Publishing emails every approved participant through the worker too (A and B have a
    # registrant; C and D, made by the factory, have nobody to write to): twice.
    assert wait_for(lambda: len(list(celery_worker.iterdir())) == 4, timeout=30)
