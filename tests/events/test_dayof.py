"""The day of the event: check-in by search and by QR token, the live board, meetings held or
missed, last-minute meetings, badges (issue 8)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEntry
from events import selectors
from events.documents import qr
from events.models import Event, Meeting, Registration
from events.services import dayof
from tests.factories import (
    EventFactory,
    MeetingFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(org_a, org_b, owner, outsider):
    """A running event today: a slot that is over, one on now, one to come; two tables;
    A (org_a) meets B (org_b) now at T1, C meets D now at T2."""
    now = timezone.now()
    today = timezone.localdate()
    event = EventFactory(status=Event.Status.RUNNING, starts_on=today, ends_on=today)
    past, current, future = (
        SlotFactory(
            event=event,
            starts_at=now + timedelta(minutes=m),
            ends_at=now + timedelta(minutes=m + 20),
        )
        for m in (-50, -10, 20)
    )
    t1, t2 = (
        TableFactory(event=event, label="T1", position=1),
        TableFactory(event=event, label="T2", position=2),
    )
    a = RegistrationFactory(
        event=event,
        organization=org_a,
        registered_by=owner,
        representatives=[{"name": "Nguyễn Văn An", "title": "Giám đốc"}],
    )
    b = RegistrationFactory(event=event, organization=org_b, registered_by=outsider)
    c, d = RegistrationFactory(event=event), RegistrationFactory(event=event)
    ab = MeetingFactory(event=event, slot=current, table=t1, registration_a=a, registration_b=b)
    cd = MeetingFactory(event=event, slot=current, table=t2, registration_a=c, registration_b=d)
    return SimpleNamespace(
        event=event,
        past=past,
        current=current,
        future=future,
        t1=t1,
        t2=t2,
        a=a,
        b=b,
        c=c,
        d=d,
        ab=ab,
        cd=cd,
    )


def _status(meeting) -> str:
    meeting.refresh_from_db()
    return meeting.status


# --- Check-in --------------------------------------------------------------------------------


def test_checkin_search_folds_accents_and_finds_people_and_organisations(day):
    assert selectors.checkin_participants(day.event, "nguyen van AN") == [day.a]
    assert selectors.checkin_participants(day.event, "hai an") == [day.b]
    assert selectors.checkin_participants(day.event, "nobody") == []
    assert len(selectors.checkin_participants(day.event)) == 4


def test_checkin_search_by_htmx_returns_the_matching_rows(client, day, official):
    client.force_login(official)
    response = client.get(
        reverse("events:checkin", args=[day.event.pk]), {"q": "Đồ Sơn"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert [r.pk for r in response.context["results"]] == [day.a.pk]
    assert b"<html" not in response.content
    assert "HX-Request" in response["Vary"]


def test_going_back_to_a_search_after_a_history_miss_gets_the_whole_page(client, day, official):
    client.force_login(official)
    response = client.get(
        reverse("events:checkin", args=[day.event.pk]),
        {"q": "Đồ Sơn"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert b"<html" in response.content
    assert [r.pk for r in response.context["results"]] == [day.a.pk]


def test_check_in_by_search_records_the_first_time_only(client, day, official):
    client.force_login(official)
    url = reverse("events:checkin_participant", args=[day.event.pk, day.a.pk])
    assert client.post(url).status_code == 302
    day.a.refresh_from_db()
    first = day.a.checked_in_at
    assert first is not None
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    day.a.refresh_from_db()
    assert day.a.checked_in_at == first
    entries = AuditEntry.objects.filter(action="events.registration_check_in")
    assert [(e.actor_id, e.target_id) for e in entries] == [(official.pk, str(day.a.pk))]


def test_check_in_can_be_undone(client, day, official):
    client.force_login(official)
    url = reverse("events:checkin_participant", args=[day.event.pk, day.a.pk])
    client.post(url)
    client.post(url, {"undo": "1"})
    day.a.refresh_from_db()
    assert day.a.checked_in_at is None


def test_check_in_refused_before_the_schedule_is_published(day, official):
    Event.objects.filter(pk=day.event.pk).update(status=Event.Status.SCHEDULED)
    day.a.event.refresh_from_db()
    with pytest.raises(ValidationError):
        dayof.registration_check_in(registration=day.a, official=official)
    day.a.refresh_from_db()
    assert day.a.checked_in_at is None


def test_check_in_refused_to_participant(day, owner):
    with pytest.raises(PermissionDenied):
        dayof.registration_check_in(registration=day.a, official=owner)


def test_token_round_trip_names_the_participant_and_person(day):
    assert dayof.checkin_token_parse(dayof.checkin_token(day.a)) == (day.a.pk, None)
    assert dayof.checkin_token_parse(dayof.checkin_token(day.a, 0)) == (day.a.pk, 0)
    assert dayof.checkin_token_parse(dayof.checkin_token(day.a) + "x") is None
    assert dayof.checkin_token_parse(f"{day.a.pk}:forged") is None


def test_qr_code_carries_the_check_in_url_of_the_token(day):
    url = qr.checkin_url(day.a, 0)
    with translation.override("vi"):  # the default language: the code works for everybody
        path = reverse("events:checkin_token", args=[day.event.pk, dayof.checkin_token(day.a, 0)])
    assert url == settings.SITE_URL + path
    svg = qr.svg(url, title="A")
    assert svg.startswith("<svg") and "style=" not in svg
    assert qr.png(url).startswith(b"\x89PNG")


def test_scanned_token_url_shows_then_checks_in(client, day, official):
    client.force_login(official)
    url = reverse("events:checkin_token", args=[day.event.pk, dayof.checkin_token(day.a, 0)])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["person"] == {"name": "Nguyễn Văn An", "title": "Giám đốc"}
    assert b"Not checked in yet" in page.content
    scanned = client.post(url, HTTP_HX_REQUEST="true")
    assert scanned.status_code == 200
    assert b"Checked in at" in scanned.content
    again = client.post(url, HTTP_HX_REQUEST="true")
    assert b"Already checked in at" in again.content
    day.a.refresh_from_db()
    assert day.a.checked_in_at is not None


def test_forged_token_or_other_event_token_is_404(client, day, official):
    client.force_login(official)
    forged = reverse("events:checkin_token", args=[day.event.pk, f"{day.a.pk}:nope"])
    assert client.post(forged).status_code == 404
    other = RegistrationFactory()
    foreign = reverse("events:checkin_token", args=[day.event.pk, dayof.checkin_token(other)])
    assert client.post(foreign).status_code == 404
    other.refresh_from_db()
    assert other.checked_in_at is None


# --- Meetings held, no-shows ----------------------------------------------------------------


def test_official_marks_held_no_show_and_back(client, day, official):
    client.force_login(official)
    url = reverse("events:meeting_mark", args=[day.event.pk, day.ab.pk])
    client.post(url, {"status": "held"})
    assert _status(day.ab) == Meeting.Status.HELD
    response = client.post(url, {"status": "no_show"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert _status(day.ab) == Meeting.Status.NO_SHOW
    client.post(url, {"status": "scheduled"})
    assert _status(day.ab) == Meeting.Status.SCHEDULED
    changes = [
        (e.before, e.after)
        for e in AuditEntry.objects.filter(action="events.meeting_mark").order_by("pk")
    ]
    assert changes == [
        ({"status": "scheduled"}, {"status": "held"}),
        ({"status": "held"}, {"status": "no_show"}),
        ({"status": "no_show"}, {"status": "scheduled"}),
    ]


def test_participant_marks_its_own_meeting_held(client, day, owner):
    client.force_login(owner)
    url = reverse("events:meeting_held", args=[day.event.pk, day.a.pk, day.ab.pk])
    assert client.post(url).status_code == 302
    assert _status(day.ab) == Meeting.Status.HELD


def test_participant_cannot_mark_another_organisations_meeting(client, day, outsider):
    client.force_login(outsider)
    # Through its own registration, a meeting it is not part of: not found.
    url = reverse("events:meeting_held", args=[day.event.pk, day.b.pk, day.cd.pk])
    assert client.post(url).status_code == 404
    # Through the other side's registration: not admitted to exist either.
    url = reverse("events:meeting_held", args=[day.event.pk, day.c.pk, day.cd.pk])
    assert client.post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        dayof.meeting_mark(meeting=day.cd, user=outsider, status=Meeting.Status.HELD)
    assert _status(day.cd) == Meeting.Status.SCHEDULED


def test_participant_cannot_record_a_no_show(day, owner):
    with pytest.raises(PermissionDenied):
        dayof.meeting_mark(meeting=day.ab, user=owner, status=Meeting.Status.NO_SHOW)
    assert _status(day.ab) == Meeting.Status.SCHEDULED


def test_participant_cannot_mark_a_meeting_before_it_starts(day, owner):
    later = MeetingFactory(
        event=day.event, slot=day.future, table=day.t1, registration_a=day.a, registration_b=day.c
    )
    with pytest.raises(ValidationError):
        dayof.meeting_mark(meeting=later, user=owner, status=Meeting.Status.HELD)
    assert _status(later) == Meeting.Status.SCHEDULED


def test_meetings_are_not_marked_before_the_event_runs(day, official):
    Event.objects.filter(pk=day.event.pk).update(status=Event.Status.PUBLISHED)
    with pytest.raises(ValidationError):
        dayof.meeting_mark(meeting=day.ab, user=official, status=Meeting.Status.HELD)
    assert _status(day.ab) == Meeting.Status.SCHEDULED


# --- Last-minute meetings ------------------------------------------------------------------


def _check_in(*registrations):
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        checked_in_at=timezone.now()
    )


def test_on_site_meeting_for_two_checked_in_free_participants(client, day, official):
    _check_in(day.a, day.c)
    client.force_login(official)
    url = reverse("events:meeting_add_on_site", args=[day.event.pk, day.future.pk, day.t2.pk])
    page = client.get(url)
    assert [r.pk for r in page.context["participants"]] == sorted(
        [day.a.pk, day.c.pk], key=lambda pk: Registration.objects.get(pk=pk).organization.name
    )
    response = client.post(url, {"registration_a": day.a.pk, "registration_b": day.c.pk})
    assert response.status_code == 302
    added = Meeting.objects.get(event=day.event, slot=day.future)
    assert (added.table, added.registration_a, added.registration_b) == (day.t2, day.a, day.c)
    assert (added.origin, added.locked) == (Meeting.Origin.MANUAL, True)
    assert AuditEntry.objects.filter(action="events.meeting_add_on_site").count() == 1


def test_on_site_meeting_respects_the_maximum_unless_the_official_goes_beyond(
    client, day, official
):
    """A has one meeting (with B, now) and may have one: a second is refused, unless ticked;
    once A's meeting is a no-show it no longer counts, so its replacement needs no tick."""
    Registration.objects.filter(pk=day.a.pk).update(max_meetings=1)
    _check_in(day.a, day.c)
    client.force_login(official)
    url = reverse("events:meeting_add_on_site", args=[day.event.pk, day.future.pk, day.t2.pk])
    choice = {"registration_a": day.a.pk, "registration_b": day.c.pk}
    response = client.post(url, choice)
    assert response.status_code == 409
    assert "already has 1 meeting, the most it may have" in response.content.decode()
    assert not Meeting.objects.filter(slot=day.future).exists()

    Meeting.objects.filter(pk=day.ab.pk).update(status=Meeting.Status.NO_SHOW)
    assert client.post(url, choice).status_code == 302
    assert Meeting.objects.filter(slot=day.future, registration_a=day.a).exists()

    Meeting.objects.filter(slot=day.future).delete()
    Meeting.objects.filter(pk=day.ab.pk).update(status=Meeting.Status.HELD)
    assert client.post(url, {**choice, "beyond_maximum": "on"}).status_code == 302
    assert Meeting.objects.filter(slot=day.future, registration_a=day.a).exists()


def test_on_site_meeting_refused_for_absent_or_busy_participants(day, official):
    _check_in(day.a, day.c)
    with pytest.raises(ValidationError, match="has not checked in"):
        dayof.meeting_add_on_site(
            event=day.event,
            registration_a=day.a,
            registration_b=day.d,
            slot=day.future,
            table=day.t2,
            official=official,
        )
    _check_in(day.b)
    with pytest.raises(ValidationError, match="already has a meeting"):
        dayof.meeting_add_on_site(
            event=day.event,
            registration_a=day.b,
            registration_b=day.c,
            slot=day.current,
            table=day.t2,
            official=official,
        )
    with pytest.raises(ValidationError, match="already meet"):
        dayof.meeting_add_on_site(
            event=day.event,
            registration_a=day.b,
            registration_b=day.a,
            slot=day.future,
            table=day.t2,
            official=official,
        )
    with pytest.raises(ValidationError, match="slot is over"):
        dayof.meeting_add_on_site(
            event=day.event,
            registration_a=day.a,
            registration_b=day.c,
            slot=day.past,
            table=day.t2,
            official=official,
        )
    assert Meeting.objects.filter(event=day.event).count() == 2


# --- The live board --------------------------------------------------------------------------


def test_live_board_shows_presence_the_slot_on_now_and_waiting_meetings(client, day, official):
    _check_in(day.a, day.b, day.c)
    client.force_login(official)
    response = client.get(reverse("events:live", args=[day.event.pk]))
    board = response.context["board"]
    assert board["current"] == day.current
    assert [r["state"] for r in board["rows"]] == ["past", "now", "future"]
    assert (len(board["present"]), len(board["participants"])) == (3, 4)
    assert board["waiting"] == [day.cd]
    assert board["on_now"] == [day.ab, day.cd]
    poll = client.get(reverse("events:live", args=[day.event.pk]), HTTP_HX_REQUEST="true")
    assert poll.status_code == 200
    assert b'hx-trigger="every 15s"' in poll.content
    assert b"<html" not in poll.content


@pytest.fixture(params=[1, 3])
def busy_day(request, day):
    """``count`` more meetings (and participants) in the slot to come."""
    for k in range(request.param):
        table = TableFactory(event=day.event, label=f"X{k}", position=10 + k)
        MeetingFactory(event=day.event, slot=day.future, table=table)
    return day


def test_live_board_query_count(client, busy_day, official, django_assert_num_queries):
    client.force_login(official)
    # 4 common, event, slots, tables, meetings with slots, tables and both sides, participants
    with django_assert_num_queries(9):
        response = client.get(reverse("events:live", args=[busy_day.event.pk]))
    assert response.status_code == 200


def test_checkin_page_query_count(client, busy_day, official, django_assert_num_queries):
    client.force_login(official)
    # 4 common, event, participants with organisations
    with django_assert_num_queries(6):
        response = client.get(reverse("events:checkin", args=[busy_day.event.pk]))
    assert response.context["total"] == busy_day.event.registrations.count()


# --- Badges and agendas ----------------------------------------------------------------------


def test_badges_for_the_desk_and_for_the_participant(client, day, official, owner, outsider):
    client.force_login(official)
    desk = client.get(reverse("events:badges", args=[day.event.pk]))
    assert (desk["Content-Type"], desk.content[:4]) == ("application/pdf", b"%PDF")
    client.force_login(owner)
    mine = client.get(reverse("events:my_badges", args=[day.event.pk, day.a.pk]))
    assert mine.content[:4] == b"%PDF"
    client.force_login(outsider)
    assert client.get(reverse("events:my_badges", args=[day.event.pk, day.a.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("events:my_badges", args=[day.event.pk, day.a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_agenda_carries_the_check_in_code_and_the_we_met_button(client, day, owner):
    client.force_login(owner)
    response = client.get(reverse("events:agenda", args=[day.event.pk, day.a.pk]))
    assert response.status_code == 200
    assert b'<svg width="' in response.content and b'class="qr-code"' in response.content
    assert response.context["markable"] == {day.ab.pk}
    pdf = client.get(reverse("events:agenda_pdf", args=[day.event.pk, day.a.pk]))
    assert pdf.content[:4] == b"%PDF"


def test_participant_mark_held_requires_log_in(client, day):
    url = reverse("events:meeting_held", args=[day.event.pk, day.a.pk, day.ab.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _status(day.ab) == Meeting.Status.SCHEDULED
