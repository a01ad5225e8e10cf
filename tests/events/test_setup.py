"""Officials set events up: the event, sessions → slots, tables, interpreters, the states."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Event, EventSession, InterpreterCapacity, Meeting, Table
from events.services import event_save, event_sessions_update, event_transition
from events.services.setup import manual_transitions
from tests.events.conftest import set_status
from tests.factories import EventFactory, MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
S = Event.Status


def _slot_times(event):
    return [f"{s.starts_at.astimezone(s.starts_at.tzinfo):%H:%M}" for s in _local_slots(event)]


def _local_slots(event):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(event.timezone)
    return [
        s.__class__(starts_at=s.starts_at.astimezone(zone), ends_at=s.ends_at)
        for s in event.slots.order_by("starts_at")
    ]


def test_event_create_saves_a_draft_and_redirects_to_its_page(client, official):
    host = OrganizationFactory(kind="government_agency", tax_code="")
    client.force_login(official)
    response = client.post(
        reverse("events:create"),
        {
            "title": "Phiên kết nối Việt Nam – Hàn Quốc",
            "kind": "b2b",
            "starts_on": "2030-03-01",
            "ends_on": "2030-03-01",
            "city": "Hải Phòng",
            "timezone": "Asia/Ho_Chi_Minh",
            "host": host.pk,
            "is_public": "on",
            "meeting_minutes": 20,
            "break_minutes": 5,
            "min_meetings": 1,
            "max_meetings": 8,
            "max_open_requests": 10,
            "sectors": ["AQU.FAR"],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage", args=[event.pk])
    assert (event.status, event.created_by, list(event.sectors.values_list("code", flat=True))) == (
        S.DRAFT,
        official,
        ["AQU.FAR"],
    )


def test_event_form_refuses_an_unknown_time_zone(client, official):
    client.force_login(official)
    response = client.post(reverse("events:create"), {"title": "X", "timezone": "Mars/Olympus"})
    assert response.status_code == 200
    assert response.context["form"].errors["timezone"] == [
        "Unknown time zone; write it like Asia/Ho_Chi_Minh."
    ]


def test_sessions_page_cuts_slots_from_the_sessions(client, official):
    event = EventFactory(
        status=S.DRAFT, meeting_minutes=20, break_minutes=5, starts_on=date(2030, 1, 7)
    )
    client.force_login(official)
    data = {
        "sessions-TOTAL_FORMS": 2,
        "sessions-INITIAL_FORMS": 0,
        "sessions-0-name": "Sáng",
        "sessions-0-date": "2030-01-07",
        "sessions-0-start": "08:30",
        "sessions-0-end": "09:40",
        "sessions-1-name": "Chiều",
        "sessions-1-date": "2030-01-07",
        "sessions-1-start": "13:30",
        "sessions-1-end": "14:00",
    }
    response = client.post(reverse("events:sessions", args=[event.pk]), data)
    assert response.status_code == 302
    assert _slot_times(event) == ["08:30", "08:55", "09:20", "13:30"]


def test_session_change_keeps_slots_that_stay_and_their_meetings(event, slots, tables, official):
    meeting = MeetingFactory(event=event, slot=slots[0], table=tables[0])
    session = event.sessions.get()
    session.end = time(9, 20)  # 8:30 and 8:55 stay, 9:20 and 9:45 go
    event_sessions_update(event=event, user=official, saved=[session])
    assert _slot_times(event) == ["08:30", "08:55"]
    meeting.refresh_from_db()
    assert meeting.slot_id == slots[0].pk


def test_session_change_removing_a_busy_slot_is_refused_and_changes_nothing(
    event, slots, tables, official
):
    MeetingFactory(event=event, slot=slots[3], table=tables[0])
    session = event.sessions.get()
    session.end = time(9, 20)
    with pytest.raises(ValidationError) as refused:
        event_sessions_update(event=event, user=official, saved=[session])
    assert refused.value.messages == [
        "This change would remove slots that have meetings (07/01 09:45): move or cancel "
        "those meetings first."
    ]
    assert _slot_times(event) == ["08:30", "08:55", "09:20", "09:45"]
    assert EventSession.objects.get().end == time(10, 10)


def test_overlapping_sessions_are_refused(event, official):
    overlap = EventSession(name="Trùng", date=date(2030, 1, 7), start=time(9, 0), end=time(11, 0))
    with pytest.raises(ValidationError, match="overlap"):
        event_sessions_update(event=event, user=official, saved=[overlap])
    assert event.sessions.count() == 1


def test_meeting_length_change_recuts_the_slots(client, event, official):
    client.force_login(official)
    url = reverse("events:edit", args=[event.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "sectors"}
    data.update(
        {
            "host": event.host_id,
            "meeting_minutes": 45,
            "break_minutes": 5,
            "starts_on": "2030-01-07",
            "ends_on": "2030-01-07",
        }
    )
    data.pop("registration_deadline", None)
    data.pop("request_deadline", None)
    response = client.post(url, data)
    assert response.status_code == 302
    assert _slot_times(event) == ["08:30", "09:20"]


def test_tables_page_saves_a_virtual_table_only_with_its_link(client, event, official):
    client.force_login(official)
    base = {
        "tables-TOTAL_FORMS": 1,
        "tables-INITIAL_FORMS": 0,
        "tables-0-label": "Trực tuyến 1",
        "tables-0-position": 1,
        "tables-0-is_virtual": "on",
    }
    refused = client.post(reverse("events:tables", args=[event.pk]), base)
    accepted = client.post(
        reverse("events:tables", args=[event.pk]),
        {**base, "tables-0-meeting_link": "https://meet.example.org/b2b-1"},
    )
    assert refused.status_code == 200
    assert refused.context["formset"].forms[0].errors["meeting_link"] == [
        "A virtual table needs its meeting link."
    ]
    assert accepted.status_code == 302
    assert list(Table.objects.values_list("label", "meeting_link")) == [
        ("Trực tuyến 1", "https://meet.example.org/b2b-1")
    ]


def test_table_with_meetings_cannot_be_deleted(client, event, slots, tables, official):
    MeetingFactory(event=event, slot=slots[0], table=tables[0])
    client.force_login(official)
    data = {"tables-TOTAL_FORMS": 2, "tables-INITIAL_FORMS": 2}
    for k, table in enumerate(tables):
        data |= {
            f"tables-{k}-id": table.pk,
            f"tables-{k}-label": table.label,
            f"tables-{k}-position": table.position,
        }
    data["tables-0-DELETE"] = "on"
    response = client.post(reverse("events:tables", args=[event.pk]), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "Table Bàn 1 has meetings: move or cancel them before deleting it."
    ]
    assert Table.objects.filter(event=event).count() == 2


def test_interpreters_page_sets_capacity_per_language(client, event, official):
    client.force_login(official)
    response = client.post(
        reverse("events:interpreters", args=[event.pk]),
        {
            "interpreters-TOTAL_FORMS": 1,
            "interpreters-INITIAL_FORMS": 0,
            "interpreters-0-language": "ko",
            "interpreters-0-count": 3,
        },
    )
    assert response.status_code == 302
    assert list(InterpreterCapacity.objects.values_list("language", "count")) == [("ko", 3)]


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (S.DRAFT, [S.REGISTRATION_OPEN]),
        (S.REGISTRATION_OPEN, [S.REGISTRATION_CLOSED, S.DRAFT]),
        (S.REGISTRATION_CLOSED, [S.REGISTRATION_OPEN]),
        (S.SCHEDULED, [S.REGISTRATION_CLOSED]),
        (S.PUBLISHED, [S.RUNNING, S.SCHEDULED]),
        (S.RUNNING, [S.FINISHED]),
        (S.FINISHED, []),
    ],
)
def test_status_buttons_offer_the_allowed_moves(status, allowed):
    assert manual_transitions(Event(status=status)) == allowed


def test_status_view_moves_the_event(client, event, official):
    client.force_login(official)
    response = client.post(reverse("events:status", args=[event.pk]), {"to": S.REGISTRATION_CLOSED})
    event.refresh_from_db()
    assert response.status_code == 302
    assert event.status == S.REGISTRATION_CLOSED


def test_status_view_refuses_a_move_the_state_machine_forbids(client, event, official):
    client.force_login(official)
    response = client.post(
        reverse("events:status", args=[event.pk]), {"to": S.PUBLISHED}, follow=True
    )
    event.refresh_from_db()
    assert event.status == S.REGISTRATION_OPEN
    assert [str(m) for m in response.context["messages"]] == [
        "An event in the state “Registration open” cannot move to “Schedule published”."
    ]


def test_opening_registration_needs_slots(official):
    event = EventFactory(status=S.DRAFT)
    with pytest.raises(ValidationError) as refused:
        event_transition(event=event, to=S.REGISTRATION_OPEN, user=official)
    assert refused.value.messages == ["Add the event's sessions first: participants choose slots."]


def test_event_with_registrations_cannot_go_back_to_draft(event, reg_a, official):
    with pytest.raises(ValidationError):
        event_transition(event=event, to=S.DRAFT, user=official)
    assert Event.objects.get(pk=event.pk).status == S.REGISTRATION_OPEN


def test_finished_event_moves_nowhere(event, official):
    set_status(event, S.FINISHED)
    with pytest.raises(ValidationError):
        event_transition(event=event, to=S.RUNNING, user=official)
    assert Meeting.objects.count() == 0


def _tables_data(tables, **changes):
    data = {"tables-TOTAL_FORMS": len(tables), "tables-INITIAL_FORMS": len(tables)}
    for k, table in enumerate(tables):
        data |= {
            f"tables-{k}-id": table.pk,
            f"tables-{k}-label": table.label,
            f"tables-{k}-position": table.position,
            f"tables-{k}-interpreter_language": table.interpreter_language,
        }
    for key, value in changes.items():
        data[f"tables-{key.replace('__', '-')}"] = value
    return data


def test_fixed_host_with_a_locked_meeting_at_another_table_is_refused_and_nothing_saved(
    client, event, slots, tables, reg_a, reg_b, official
):
    MeetingFactory(
        event=event, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b,
        locked=True,
    )  # fmt: skip
    client.force_login(official)
    response = client.post(
        reverse("events:tables", args=[event.pk]),
        _tables_data(tables, **{"1__host": reg_a.pk, "1__label": "Gian Đồ Sơn"}),
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        f"{reg_a.organization} has a locked meeting at table Bàn 1 at 07/01 08:30, but table "
        "Gian Đồ Sơn would be its own: move or unlock that meeting first."
    ]
    assert list(Table.objects.order_by("position").values_list("label", "host")) == [
        ("Bàn 1", None),
        ("Bàn 2", None),
    ]


def test_fewer_interpreters_than_locked_meetings_need_is_refused_and_nothing_saved(
    client, event, slots, tables, reg_a, reg_b, reg_c, reg_d, official
):
    for reg in (reg_a, reg_c):
        reg.interpreter_language = "ko"
        reg.save()
    for table, (a, b) in zip(tables, [(reg_a, reg_b), (reg_c, reg_d)], strict=True):
        MeetingFactory(
            event=event, slot=slots[0], table=table, registration_a=a, registration_b=b,
            locked=True,
        )  # fmt: skip
    korean = InterpreterCapacity.objects.create(event=event, language="ko", count=2)
    client.force_login(official)
    response = client.post(
        reverse("events:interpreters", args=[event.pk]),
        {
            "interpreters-TOTAL_FORMS": 1,
            "interpreters-INITIAL_FORMS": 1,
            "interpreters-0-id": korean.pk,
            "interpreters-0-language": "ko",
            "interpreters-0-count": 1,
        },
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "At 07/01 08:30, 2 locked meetings need a Korean interpreter, more than the 1 "
        "available: move or unlock some of them first."
    ]
    korean.refresh_from_db()
    assert korean.count == 2


def test_a_session_outside_the_event_dates_is_refused(event, official):
    late = EventSession(name="Chiều", date=date(2030, 1, 9), start=time(14, 0), end=time(15, 0))
    with pytest.raises(ValidationError) as refused:
        event_sessions_update(event=event, user=official, saved=[late])
    assert refused.value.messages == [
        "The session Chiều 14:00–15:00 is on 09/01/2030, outside the event's dates "
        "(07/01/2030 – 07/01/2030)."
    ]
    assert event.sessions.count() == 1


def test_event_dates_cannot_leave_a_session_behind(event, official):
    event.starts_on = event.ends_on = date(2030, 1, 8)
    with pytest.raises(ValidationError, match="Sessions fall outside the new dates"):
        event_save(event=event, user=official)
    event.refresh_from_db()
    assert event.starts_on == date(2030, 1, 7)


def test_once_agendas_are_out_timing_and_sessions_stay_but_texts_and_tables_change(
    client, event, official
):
    set_status(event, S.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        event.meeting_minutes = 30
        event_save(event=event, user=official)
    assert refused.value.messages == [
        "The agendas are out: meeting length (minutes) cannot change now. To change them, move "
        "the event back to “Scheduled” (agendas are hidden until the next publication)."
    ]
    with pytest.raises(ValidationError, match="The agendas are out: the sessions"):
        event_sessions_update(event=event, user=official, saved=list(event.sessions.all()))
    event.refresh_from_db()
    event.title = "Tên mới"
    event_save(event=event, user=official)
    client.force_login(official)
    added = client.post(
        reverse("events:tables", args=[event.pk]),
        {"tables-TOTAL_FORMS": 1, "tables-INITIAL_FORMS": 0, "tables-0-label": "Dự phòng",
         "tables-0-position": 9},
    )  # fmt: skip
    event.refresh_from_db()
    assert (event.title, event.meeting_minutes, added.status_code) == ("Tên mới", 20, 302)
    assert list(event.tables.values_list("label", flat=True)) == ["Dự phòng"]


@pytest.mark.parametrize("status", [S.RUNNING, S.FINISHED])
def test_once_the_event_runs_only_its_texts_change(client, event, official, status):
    set_status(event, status)
    client.force_login(official)
    response = client.post(
        reverse("events:tables", args=[event.pk]),
        {"tables-TOTAL_FORMS": 1, "tables-INITIAL_FORMS": 0, "tables-0-label": "Dự phòng",
         "tables-0-position": 9},
    )  # fmt: skip
    assert response.context["formset"].non_form_errors() == [
        "The event has started: the tables can no longer change."
    ]
    with pytest.raises(ValidationError, match="The event has started: the sessions"):
        event_sessions_update(event=event, user=official, saved=[])
    event.title = "Báo cáo"
    event_save(event=event, user=official)
    assert Table.objects.count() == 0
