"""Scheduler runs in-process (the worker's path, eager): instance, replacement, figures."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.figures import run_summary
from events.instance import ACCEPTED, LOCKED, REQUESTED, SUGGESTED, build_instance
from events.models import Event, Meeting, MeetingRequest, Registration, ScheduleRun
from events.services import schedule_run_execute, schedule_run_start
from matchmaking.models import MatchScore
from tests.events.conftest import set_status
from tests.factories import MeetingFactory, NeedFactory, OfferFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = MeetingRequest.Status


def _request(a, b, status=Status.ACCEPTED, priority="would_like"):
    return MeetingRequest.objects.create(
        event=a.event, requester=a, recipient=b, status=status, priority=priority
    )


def _pairs(event):
    return sorted(
        tuple(sorted((m.registration_a_id, m.registration_b_id)))
        for m in Meeting.objects.filter(event=event).exclude(status=Meeting.Status.CANCELLED)
    )


def _run(event, official, **kwargs):
    run = schedule_run_start(event=event, user=official, **kwargs)
    # The view enqueues after commit; here the worker's service runs at once.
    schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


@pytest.fixture
def closed(event):
    return set_status(event, Event.Status.REGISTRATION_CLOSED)


def test_instance_weights_requests_by_kind(closed, tables, reg_a, reg_b, reg_c, reg_d):
    _request(reg_a, reg_b, Status.ACCEPTED)
    _request(reg_a, reg_c, Status.PENDING, priority="must")
    _request(reg_b, reg_c, Status.DECLINED)
    _request(reg_c, reg_d, Status.PENDING)
    _request(reg_d, reg_c, Status.PENDING)  # both ways: mutual
    built = build_instance(closed)
    rows = {
        (c.a, c.b): (c.kind, m["required"], m["weight"])
        for m in built.data["meetings"]
        if (c := built.candidates[m["id"]])
    }
    assert rows == {
        (reg_a.pk, reg_b.pk): (ACCEPTED, True, 10.0),
        (reg_a.pk, reg_c.pk): (REQUESTED, False, 10.0),
        (reg_c.pk, reg_d.pk): (ACCEPTED, True, 10.0),
    }


def test_instance_adds_high_score_suggestions_with_a_low_weight(closed, tables, reg_a, reg_b):
    need, offer = (
        NeedFactory(organization=reg_a.organization),
        OfferFactory(organization=reg_b.organization),
    )
    reg_a.needs.set([need])
    reg_b.offers.set([offer])
    MatchScore.objects.create(offer=offer, need=need, score=0.8, algorithm_version="t")
    built = build_instance(closed)
    assert [(c.kind, c.score) for c in built.candidates.values()] == [(SUGGESTED, 0.8)]
    assert built.data["meetings"][0]["weight"] == 0.8


def test_instance_skips_pending_requests_past_the_deadline(closed, tables, reg_a, reg_b):
    _request(reg_a, reg_b, Status.PENDING)
    Event.objects.filter(pk=closed.pk).update(request_deadline=timezone.now() - timedelta(days=1))
    closed.refresh_from_db()
    assert build_instance(closed).data["meetings"] == []


def test_instance_fixes_locked_meetings_and_lifts_their_slots_unavailability(
    closed, slots, tables, reg_a, reg_b
):
    reg_a.unavailable_slots.set([slots[1]])
    meeting = MeetingFactory(
        event=closed, slot=slots[1], table=tables[0], registration_a=reg_a, registration_b=reg_b,
        locked=True,
    )  # fmt: skip
    built = build_instance(closed)
    participant = next(p for p in built.data["participants"] if p["id"] == f"r{reg_a.pk}")
    assert built.data["meetings"] == [
        {"id": f"L{meeting.pk}", "a": f"r{reg_a.pk}", "b": f"r{reg_b.pk}", "weight": 0.0,
         "required": True, "slot": f"s{slots[1].pk}", "table": f"t{tables[0].pk}"}
    ]  # fmt: skip
    assert [c.kind for c in built.candidates.values()] == [LOCKED]
    assert participant["unavailable"] == []


def test_run_places_accepted_requests_and_moves_the_event_to_scheduled(
    closed, tables, reg_a, reg_b, reg_c, official
):
    _request(reg_a, reg_b)
    _request(reg_c, reg_a)
    run = _run(closed, official)
    closed.refresh_from_db()
    assert (run.status, run.solver_status, run.progress) == ("succeeded", "optimal", 100)
    assert _pairs(closed) == sorted([(reg_a.pk, reg_b.pk), tuple(sorted((reg_a.pk, reg_c.pk)))])
    assert closed.status == Event.Status.SCHEDULED
    assert run_summary(run) == "2 of 2 requested meetings placed, proven optimal."


def test_expired_requests_are_not_scheduled(closed, tables, reg_a, reg_b, reg_c, official):
    _request(reg_a, reg_b, Status.ACCEPTED)
    expired = _request(reg_a, reg_c, Status.PENDING, priority="must")
    Event.objects.filter(pk=closed.pk).update(request_deadline=timezone.now() - timedelta(hours=2))
    closed.refresh_from_db()
    run = _run(closed, official)
    expired.refresh_from_db()
    assert expired.status == Status.EXPIRED
    assert _pairs(closed) == [(reg_a.pk, reg_b.pk)]
    assert (run.counts["requested"], run.counts["meetings"]) == (0, 1)


def test_participants_maximum_is_respected(closed, tables, reg_a, official):
    Registration.objects.filter(pk=reg_a.pk).update(max_meetings=2)
    others = [RegistrationFactory(event=closed) for _ in range(4)]
    for other in others:
        _request(other, reg_a)
    run = _run(closed, official)
    meetings_of_a = [p for p in _pairs(closed) if reg_a.pk in p]
    assert len(meetings_of_a) == 2
    assert (run.counts["accepted"], run.counts["accepted_placed"]) == (4, 2)
    assert run.solver_status == "infeasible"  # two accepted requests could not be placed
    assert run_summary(run).startswith("2 of 4 requested meetings placed")


def test_rerun_keeps_locked_meetings_and_replaces_the_others(
    closed, slots, tables, reg_a, reg_b, reg_c, reg_d, official
):
    _request(reg_c, reg_d)
    locked = MeetingFactory(
        event=closed, slot=slots[2], table=tables[1], registration_a=reg_a, registration_b=reg_b,
        locked=True,
    )  # fmt: skip
    stale = MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_b, registration_b=reg_c
    )
    _run(closed, official)
    locked.refresh_from_db()
    assert (locked.slot_id, locked.table_id, locked.locked) == (slots[2].pk, tables[1].pk, True)
    assert not Meeting.objects.filter(pk=stale.pk).exists()
    assert _pairs(closed) == sorted([(reg_a.pk, reg_b.pk), (reg_c.pk, reg_d.pk)])


def test_second_execution_of_the_same_run_does_nothing(closed, tables, reg_a, reg_b, official):
    _request(reg_a, reg_b)
    run = _run(closed, official)
    meetings = list(Meeting.objects.values_list("pk", flat=True))
    assert schedule_run_execute(run_id=run.pk) is None
    assert list(Meeting.objects.values_list("pk", flat=True)) == meetings


def test_run_cannot_start_while_registration_is_open(event, tables, official):
    with pytest.raises(ValidationError) as refused:
        schedule_run_start(event=event, user=official)
    assert refused.value.messages == [
        "The scheduler runs once registration is closed, until the schedule is published."
    ]
    assert ScheduleRun.objects.count() == 0


def test_second_run_is_refused_while_one_is_queued(closed, tables, official):
    schedule_run_start(event=closed, user=official)
    with pytest.raises(ValidationError, match="already working"):
        schedule_run_start(event=closed, user=official)
    assert ScheduleRun.objects.count() == 1


def test_run_view_starts_the_run_after_commit(
    client, closed, tables, reg_a, reg_b, official, django_capture_on_commit_callbacks
):
    _request(reg_a, reg_b)
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:run_start", args=[closed.pk]), {"time_limit": 5, "seed": 0}
        )
    run = ScheduleRun.objects.get()
    assert response.status_code == 302
    assert (run.status, run.time_limit, run.requested_by) == ("succeeded", 5, official)
    assert _pairs(closed) == [(reg_a.pk, reg_b.pk)]


def test_run_fails_cleanly_when_the_event_moved_on_meanwhile(
    closed, tables, reg_a, reg_b, official
):
    _request(reg_a, reg_b)
    run = schedule_run_start(event=closed, user=official)
    set_status(closed, Event.Status.REGISTRATION_OPEN)
    schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == (
        "failed",
        "The event moved to “Registration open” while the scheduler worked: nothing was changed.",
    )
    assert Meeting.objects.count() == 0
