"""Officials adjust the schedule: conflicts are refused with a message and change nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Event, InterpreterCapacity, Meeting, Registration
from events.services import event_publish, meeting_move
from tests.events.conftest import set_status
from tests.factories import MeetingFactory, RegistrationFactory, TableFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(event):
    return set_status(event, Event.Status.SCHEDULED)


def _meeting(event, slot, table, a, b, **extra):
    return MeetingFactory(
        event=event, slot=slot, table=table, registration_a=a, registration_b=b, **extra
    )


def _place(meeting):
    meeting.refresh_from_db()
    return (meeting.slot_id, meeting.table_id, meeting.locked)


def test_move_into_an_occupied_table_is_refused_with_a_message_and_changes_nothing(
    client, scheduled, slots, tables, reg_a, reg_b, reg_c, reg_d, official
):
    first = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    second = _meeting(scheduled, slots[1], tables[0], reg_c, reg_d)
    client.force_login(official)
    response = client.post(
        reverse("events:meeting_move", args=[scheduled.pk, second.pk]),
        {"slot": slots[0].pk, "table": tables[0].pk},
    )
    assert response.status_code == 409
    assert response.context["move_form"].non_field_errors() == [
        f"Table Bàn 1 is taken at 07/01 08:30 ({first})."
    ]
    assert _place(first) == (slots[0].pk, tables[0].pk, False)
    assert _place(second) == (slots[1].pk, tables[0].pk, False)


def test_move_putting_a_participant_in_two_meetings_at_once_is_refused(
    scheduled, slots, tables, reg_a, reg_b, reg_c, official
):
    _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    other = _meeting(scheduled, slots[1], tables[0], reg_a, reg_c)
    with pytest.raises(ValidationError) as refused:
        meeting_move(meeting=other, slot=slots[0], table=tables[1], official=official)
    assert refused.value.messages == [f"{reg_a.organization} already has a meeting at 07/01 08:30."]
    assert _place(other) == (slots[1].pk, tables[0].pk, False)


def test_move_into_an_unavailable_slot_is_refused(scheduled, slots, tables, reg_a, reg_b, official):
    meeting = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    reg_b.unavailable_slots.set([slots[2]])
    with pytest.raises(ValidationError) as refused:
        meeting_move(meeting=meeting, slot=slots[2], table=tables[0], official=official)
    assert refused.value.messages == [f"{reg_b.organization} is not available at 07/01 09:20."]


def test_move_without_a_free_interpreter_is_refused(
    scheduled, slots, tables, reg_a, reg_b, reg_c, reg_d, official
):
    Registration.objects.filter(pk__in=[reg_a.pk, reg_c.pk]).update(interpreter_language="ko")
    InterpreterCapacity.objects.create(event=scheduled, language="ko", count=1)
    _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    meeting = _meeting(scheduled, slots[1], tables[0], reg_c, reg_d)
    with pytest.raises(ValidationError) as refused:
        meeting_move(meeting=meeting, slot=slots[0], table=tables[1], official=official)
    assert refused.value.messages == ["No ko interpreter is free at 07/01 08:30."]


def test_move_to_another_hosts_table_is_refused(
    scheduled, slots, tables, reg_a, reg_b, reg_c, official
):
    booth = TableFactory(event=scheduled, label="Gian KR", host=reg_c)
    meeting = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    with pytest.raises(ValidationError) as refused:
        meeting_move(meeting=meeting, slot=slots[0], table=booth, official=official)
    assert refused.value.messages == [f"Table Gian KR is reserved for {reg_c.organization}."]


def test_move_into_a_free_place_locks_the_meeting(
    client, scheduled, slots, tables, reg_a, reg_b, official
):
    meeting = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    client.force_login(official)
    response = client.post(
        reverse("events:meeting_move", args=[scheduled.pk, meeting.pk]),
        {"slot": slots[3].pk, "table": tables[1].pk},
    )
    assert response.status_code == 302
    assert _place(meeting) == (slots[3].pk, tables[1].pk, True)


def test_swap_exchanges_two_meetings_places(
    client, scheduled, slots, tables, reg_a, reg_b, reg_c, reg_d, official
):
    first = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    second = _meeting(scheduled, slots[1], tables[1], reg_c, reg_d)
    client.force_login(official)
    response = client.post(
        reverse("events:meeting_swap", args=[scheduled.pk, first.pk]), {"other": second.pk}
    )
    assert response.status_code == 302
    assert (_place(first), _place(second)) == (
        (slots[1].pk, tables[1].pk, True),
        (slots[0].pk, tables[0].pk, True),
    )


def test_add_meeting_refuses_a_pair_that_already_meets(
    client, scheduled, slots, tables, reg_a, reg_b, official
):
    _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    client.force_login(official)
    response = client.post(
        reverse("events:meeting_add", args=[scheduled.pk]),
        {"registration_a": reg_b.pk, "registration_b": reg_a.pk, "slot": slots[1].pk,
         "table": tables[0].pk},
    )  # fmt: skip
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        f"{reg_b.organization} and {reg_a.organization} already meet."
    ]
    assert Meeting.objects.count() == 1


def test_add_meeting_creates_a_locked_manual_meeting(
    client, scheduled, slots, tables, reg_a, reg_b, official
):
    client.force_login(official)
    response = client.post(
        reverse("events:meeting_add", args=[scheduled.pk]),
        {"registration_a": reg_a.pk, "registration_b": reg_b.pk, "slot": slots[1].pk,
         "table": tables[0].pk},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert (meeting.origin, meeting.locked, meeting.slot_id) == ("manual", True, slots[1].pk)


def test_cancel_frees_the_place_and_lock_toggles(
    client, scheduled, slots, tables, reg_a, reg_b, official
):
    meeting = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    client.force_login(official)
    client.post(reverse("events:meeting_lock", args=[scheduled.pk, meeting.pk]), {"locked": "1"})
    assert _place(meeting)[2] is True
    client.post(reverse("events:meeting_cancel", args=[scheduled.pk, meeting.pk]))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.locked) == ("cancelled", False)


def test_schedule_cannot_change_once_the_event_runs(
    scheduled, slots, tables, reg_a, reg_b, official
):
    meeting = _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    set_status(scheduled, Event.Status.RUNNING)
    with pytest.raises(ValidationError, match="until the event starts"):
        meeting_move(meeting=meeting, slot=slots[1], table=tables[0], official=official)
    assert _place(meeting) == (slots[0].pk, tables[0].pk, False)


def test_publish_notifies_every_approved_participant(
    client, scheduled, slots, tables, reg_a, reg_b, reg_c, official, owner, outsider,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    RegistrationFactory(event=scheduled, status="pending")
    _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:publish", args=[scheduled.pk]))
    scheduled.refresh_from_db()
    assert response.status_code == 302
    assert (scheduled.status, scheduled.schedule_version) == ("published", 1)
    # C was created by a factory without a registrant nor members: nobody to write to.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, outsider.email])


def test_publish_refuses_an_event_not_yet_scheduled(event, official):
    with pytest.raises(ValidationError) as refused:
        event_publish(event=event, official=official)
    assert refused.value.messages == ["Only a scheduled event can be published."]


def test_adding_a_meeting_beyond_a_participants_maximum_needs_the_officials_say_so(
    client, scheduled, slots, tables, reg_a, reg_b, reg_c, official
):
    Registration.objects.filter(pk=reg_a.pk).update(max_meetings=1)
    _meeting(scheduled, slots[0], tables[0], reg_a, reg_b)
    client.force_login(official)
    url = reverse("events:meeting_add", args=[scheduled.pk])
    data = {
        "registration_a": reg_a.pk,
        "registration_b": reg_c.pk,
        "slot": slots[1].pk,
        "table": tables[0].pk,
    }
    refused = client.post(url, data)
    assert refused.status_code == 409
    assert refused.context["form"].non_field_errors() == [
        f"{reg_a.organization} already has 1 meeting, the most it may have: tick “Add beyond "
        "the maximum” to add this one anyway."
    ]
    assert Meeting.objects.filter(registration_b=reg_c).count() == 0
    added = client.post(url, {**data, "beyond_maximum": "on"}, follow=True)
    assert [str(m) for m in added.context["messages"]] == [
        "The meeting has been added (and locked).",
        f"{reg_a.organization} now has 2 meetings, above its maximum of 1.",
    ]
    assert Meeting.objects.filter(registration_a=reg_a, registration_b=reg_c).count() == 1
