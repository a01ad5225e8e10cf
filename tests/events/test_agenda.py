"""Agendas: each participant sees only its own; PDF and iCalendar with stable UIDs."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.documents.ical import meeting_uid
from events.models import Event, Meeting, MeetingRequest
from events.services import (
    event_publish,
    meeting_cancel,
    meeting_move,
    schedule_run_execute,
    schedule_run_start,
)
from events.views.agenda import calendar_token
from tests.events.conftest import set_status
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(event, slots, tables, reg_a, reg_b, reg_c, official):
    set_status(event, Event.Status.SCHEDULED)
    MeetingFactory(
        event=event, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b
    )
    MeetingFactory(
        event=event, slot=slots[1], table=tables[0], registration_a=reg_c, registration_b=reg_a
    )
    MeetingFactory(
        event=event, slot=slots[2], table=tables[1], registration_a=reg_b, registration_b=reg_c
    )
    return event_publish(event=event, official=official, notify_participants=False)


def _events(content: bytes):
    calendar = Calendar.from_ical(content)
    return sorted(
        (str(item["UID"]), int(item["SEQUENCE"]), item.decoded("DTSTART").isoformat())
        for item in calendar.walk("VEVENT")
    )


def test_agenda_lists_the_participants_meetings_in_time_order(
    client, published, reg_a, reg_b, reg_c, owner
):
    client.force_login(owner)
    response = client.get(reverse("events:agenda", args=[published.pk, reg_a.pk]))
    assert response.status_code == 200
    assert [(when, other) for _m, when, other in response.context["rows"]] == [
        ("07/01/2030 08:30–08:50", reg_b),
        ("07/01/2030 08:55–09:15", reg_c),
    ]


def test_participant_cannot_see_another_participants_agenda(client, published, reg_c, owner):
    client.force_login(owner)
    for name in ("agenda", "agenda_pdf", "agenda_ics"):
        assert (
            client.get(reverse(f"events:{name}", args=[published.pk, reg_c.pk])).status_code == 404
        )


def test_agenda_is_hidden_until_the_schedule_is_published(client, event, reg_a, owner, official):
    set_status(event, Event.Status.SCHEDULED)
    url = reverse("events:agenda", args=[event.pk, reg_a.pk])
    client.force_login(owner)
    assert client.get(url).status_code == 404
    client.force_login(official)
    assert client.get(url).status_code == 200


def test_agenda_pdf_is_a_pdf_with_the_embedded_font(client, published, reg_a, owner):
    client.force_login(owner)
    response = client.get(reverse("events:agenda_pdf", args=[published.pk, reg_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert b"DejaVu" in response.content


def test_agenda_ics_lists_exactly_the_participants_meetings(
    client, published, slots, reg_a, reg_b, reg_c, owner
):
    client.force_login(owner)
    response = client.get(reverse("events:agenda_ics", args=[published.pk, reg_a.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert _events(response.content) == sorted(
        [
            (meeting_uid(published, reg_a.pk, reg_b.pk), 1, "2030-01-07T08:30:00+07:00"),
            (meeting_uid(published, reg_a.pk, reg_c.pk), 1, "2030-01-07T08:55:00+07:00"),
        ]
    )


def test_republished_calendar_keeps_uids_and_raises_the_sequence_of_what_changed(
    client, published, slots, tables, reg_a, reg_b, reg_c, official, owner
):
    url = reverse("events:agenda_ics", args=[published.pk, reg_a.pk])
    client.force_login(owner)
    before = _events(client.get(url).content)
    set_status(published, Event.Status.SCHEDULED)
    meeting = Meeting.objects.get(registration_a=reg_a, registration_b=reg_b)
    meeting_move(meeting=meeting, slot=slots[3], table=tables[1], official=official)
    event_publish(event=published, official=official, notify_participants=False)
    after = _events(client.get(url).content)
    assert [uid for uid, _s, _t in after] == [uid for uid, _s, _t in before]
    assert after == sorted(
        [
            (meeting_uid(published, reg_a.pk, reg_b.pk), 2, "2030-01-07T09:45:00+07:00"),
            (meeting_uid(published, reg_a.pk, reg_c.pk), 1, "2030-01-07T08:55:00+07:00"),
        ]
    )


def _statuses(content: bytes):
    return {
        str(item["UID"]): (str(item["STATUS"]), int(item["SEQUENCE"]))
        for item in Calendar.from_ical(content).walk("VEVENT")
    }


def test_a_meeting_cancelled_after_publication_stays_in_the_calendar_as_cancelled(
    client, published, reg_a, reg_b, reg_c, official, owner
):
    url = reverse("events:agenda_ics", args=[published.pk, reg_a.pk])
    client.force_login(owner)
    client.get(url)  # the participant imported its agenda
    meeting_cancel(
        meeting=Meeting.objects.get(registration_a=reg_a, registration_b=reg_b), official=official
    )
    assert _statuses(client.get(url).content) == {
        meeting_uid(published, reg_a.pk, reg_b.pk): ("CANCELLED", 2),
        meeting_uid(published, reg_a.pk, reg_c.pk): ("CONFIRMED", 1),
    }
    # Served again unchanged: nothing moves on.
    assert _statuses(client.get(url).content)[meeting_uid(published, reg_a.pk, reg_b.pk)] == (
        "CANCELLED",
        2,
    )


def test_a_move_after_publication_raises_the_sequence_at_once(
    client, published, slots, tables, reg_a, reg_c, official, owner
):
    url = reverse("events:agenda_ics", args=[published.pk, reg_a.pk])
    client.force_login(owner)
    client.get(url)
    meeting = Meeting.objects.get(registration_a=reg_c, registration_b=reg_a)
    meeting_move(meeting=meeting, slot=slots[3], table=tables[0], official=official)
    uid = meeting_uid(published, reg_a.pk, reg_c.pk)
    assert [e for e in _events(client.get(url).content) if e[0] == uid] == [
        (uid, 2, "2030-01-07T09:45:00+07:00")
    ]


def test_a_meeting_dropped_by_a_rerun_is_cancelled_in_the_next_calendar(
    client, published, slots, tables, reg_a, reg_b, reg_c, official, owner
):
    url = reverse("events:agenda_ics", args=[published.pk, reg_a.pk])
    client.force_login(owner)
    client.get(url)
    set_status(published, Event.Status.SCHEDULED)
    # Only A and C asked to meet: the re-run replaces the schedule without A × B.
    MeetingRequest.objects.create(
        event=published, requester=reg_a, recipient=reg_c, status="accepted"
    )
    run = schedule_run_start(event=published, user=official)
    schedule_run_execute(run_id=run.pk)
    event_publish(event=published, official=official, notify_participants=False)
    kept = Meeting.objects.get(registration_a__in=[reg_a, reg_c], registration_b__in=[reg_a, reg_c])
    assert _statuses(client.get(url).content) == {
        meeting_uid(published, reg_a.pk, reg_b.pk): ("CANCELLED", 2),
        meeting_uid(published, reg_a.pk, reg_c.pk): (
            "CONFIRMED",
            1 if kept.slot_id == slots[1].pk and kept.table_id == tables[0].pk else 2,
        ),
    }


def test_calendar_link_with_token_opens_without_log_in(client, published, reg_a, reg_b):
    url = reverse("events:agenda_ics", args=[published.pk, reg_a.pk])
    assert client.get(url, {"token": calendar_token(reg_a)}).status_code == 200
    assert client.get(url, {"token": calendar_token(reg_b)}).status_code == 404
    assert client.get(url).status_code == 302


def test_table_signs_pdf_has_one_page_per_table(client, published, tables, official):
    client.force_login(official)
    response = client.get(reverse("events:table_signs", args=[published.pk]))
    assert response.status_code == 200
    assert response.content.count(b"/Type /Page\n") == len(tables)


def test_door_list_gives_each_participant_its_first_meeting(
    client, published, reg_a, reg_b, reg_c, official
):
    client.force_login(official)
    response = client.get(reverse("events:door_list", args=[published.pk]))
    rows = {
        registration.pk: (when, count) for registration, _m, when, count in response.context["rows"]
    }
    assert rows == {
        reg_a.pk: ("07/01/2030 08:30–08:50", 2),
        reg_b.pk: ("07/01/2030 08:30–08:50", 2),
        reg_c.pk: ("07/01/2030 08:55–09:15", 2),
    }
