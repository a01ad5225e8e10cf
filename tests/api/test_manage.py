"""The officials' endpoints: refused to everyone else, and each action through its service."""

import pytest

from events.models import (
    Event,
    EventSession,
    Meeting,
    Registration,
    ScheduleRun,
    Table,
)
from tests.api.conftest import client_with_token, problem
from tests.factories import OrganizationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _officials_operations(portal) -> list[tuple[str, str]]:
    """(method, path) of every operation under /api/v1/manage/, ids of existing rows."""
    event, published = portal["event"], portal["published"]
    session = event.sessions.first()
    table, registration = portal["tables"][0], portal["reg_a"]
    meeting, run = portal["meeting"], portal["run"]
    return [
        ("get", "/api/v1/manage/events/"),
        ("post", "/api/v1/manage/events/"),
        ("get", f"/api/v1/manage/events/{event.pk}/"),
        ("put", f"/api/v1/manage/events/{event.pk}/"),
        ("patch", f"/api/v1/manage/events/{event.pk}/"),
        ("post", f"/api/v1/manage/events/{event.pk}/transition/"),
        ("post", f"/api/v1/manage/events/{published.pk}/publish/"),
        ("get", "/api/v1/manage/sessions/"),
        ("post", "/api/v1/manage/sessions/"),
        ("get", f"/api/v1/manage/sessions/{session.pk}/"),
        ("put", f"/api/v1/manage/sessions/{session.pk}/"),
        ("patch", f"/api/v1/manage/sessions/{session.pk}/"),
        ("delete", f"/api/v1/manage/sessions/{session.pk}/"),
        ("get", "/api/v1/manage/tables/"),
        ("post", "/api/v1/manage/tables/"),
        ("get", f"/api/v1/manage/tables/{table.pk}/"),
        ("put", f"/api/v1/manage/tables/{table.pk}/"),
        ("patch", f"/api/v1/manage/tables/{table.pk}/"),
        ("delete", f"/api/v1/manage/tables/{table.pk}/"),
        ("get", "/api/v1/manage/registrations/"),
        ("get", f"/api/v1/manage/registrations/{registration.pk}/"),
        ("post", f"/api/v1/manage/registrations/{registration.pk}/approve/"),
        ("post", f"/api/v1/manage/registrations/{registration.pk}/reject/"),
        ("get", "/api/v1/manage/schedule-runs/"),
        ("post", "/api/v1/manage/schedule-runs/"),
        ("get", f"/api/v1/manage/schedule-runs/{run.pk}/"),
        ("post", f"/api/v1/manage/schedule-runs/{run.pk}/cancel/"),
        ("get", "/api/v1/manage/meetings/"),
        ("get", f"/api/v1/manage/meetings/{meeting.pk}/"),
        ("post", f"/api/v1/manage/meetings/{meeting.pk}/move/"),
        ("post", f"/api/v1/manage/meetings/{meeting.pk}/cancel/"),
        ("post", f"/api/v1/manage/meetings/{meeting.pk}/lock/"),
    ]


def _snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Event, EventSession, Table, Registration, ScheduleRun, Meeting)
    ]


def test_every_officials_operation_is_listed_here(portal):
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    documented = {
        (method, path)
        for path, item in paths.items()
        if path.startswith("/api/v1/manage/")
        for method in item
    }
    tested = {(method, _template(path)) for method, path in _officials_operations(portal)}
    assert tested == documented


def _template(path: str) -> str:
    parts = path.split("/")
    return "/".join("{id}" if part.isdigit() else part for part in parts)


def test_officials_operations_refuse_anonymous_visitors(api, portal):
    before = _snapshot()
    for method, path in _officials_operations(portal):
        response = getattr(api, method)(path, {})
        assert response.status_code == 401, (method, path)
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
        assert problem(response)["code"] == "not_authenticated"
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["member", "owner"])
def test_officials_operations_refuse_organisation_members(request, portal, who):
    client = client_with_token(request.getfixturevalue(who))
    before = _snapshot()
    for method, path in _officials_operations(portal):
        response = getattr(client, method)(path, {})
        assert response.status_code == 403, (method, path)
        assert problem(response)["code"] == "permission_denied"
    assert _snapshot() == before


def test_officials_operations_refuse_a_session_without_csrf(official, portal):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(official)
    response = client.post(f"/api/v1/manage/registrations/{portal['reg_a'].pk}/reject/", {})
    assert response.status_code == 403
    assert "CSRF" in problem(response)["detail"]
    assert Registration.objects.get(pk=portal["reg_a"].pk).status == "approved"


# --- Set-up ---------------------------------------------------------------------------------------


def test_official_sets_an_event_up(official):
    host = OrganizationFactory(kind="government_agency", tax_code="")
    client = client_with_token(official)
    response = client.post(
        "/api/v1/manage/events/",
        {
            "title": "Kết nối công nghệ Hàn Quốc",
            "starts_on": "2030-03-02",
            "ends_on": "2030-03-02",
            "host": host.pk,
            "timezone": "Asia/Ho_Chi_Minh",
            "meeting_minutes": 20,
            "break_minutes": 5,
        },
    )
    assert response.status_code == 201, response.json()
    event_id = response.json()["id"]
    assert (response.json()["status"], response.json()["registration_count"]) == ("draft", 0)
    response = client.post(
        "/api/v1/manage/sessions/",
        {"event": event_id, "name": "Sáng", "date": "2030-03-02", "start": "08:30", "end": "09:20"},
    )
    assert response.status_code == 201, response.json()
    slots = client.get(f"/api/v1/events/{event_id}/slots/")
    assert slots.status_code == 404  # a draft is not public yet
    assert Event.objects.get(pk=event_id).slots.count() == 2
    response = client.post("/api/v1/manage/tables/", {"event": event_id, "label": "Bàn 1"})
    assert response.status_code == 201, response.json()
    response = client.post(
        f"/api/v1/manage/events/{event_id}/transition/", {"to": "registration_open"}
    )
    assert (response.status_code, response.json()["status"]) == (200, "registration_open")


def test_event_refuses_an_unknown_time_zone_and_a_company_host(official, org_a):
    response = client_with_token(official).post(
        "/api/v1/manage/events/",
        {
            "title": "X",
            "starts_on": "2030-03-02",
            "ends_on": "2030-03-02",
            "host": org_a.pk,
            "timezone": "Mars/Olympus",
        },
    )
    assert response.status_code == 400
    assert {e["pointer"] for e in problem(response)["errors"]} == {"#/host", "#/timezone"}


def test_overlapping_sessions_are_a_conflict(official, portal):
    event = portal["event"]
    response = client_with_token(official).post(
        "/api/v1/manage/sessions/",
        {"event": event.pk, "date": "2030-01-07", "start": "09:00", "end": "11:00"},
    )
    assert response.status_code == 409
    assert event.sessions.count() == 1


def test_event_transition_not_allowed_is_a_conflict(official, portal):
    response = client_with_token(official).post(
        f"/api/v1/manage/events/{portal['event'].pk}/transition/", {"to": "finished"}
    )
    assert response.status_code == 409
    assert Event.objects.get(pk=portal["event"].pk).status == "registration_open"


# --- Registrations --------------------------------------------------------------------------------


def test_official_approves_and_rejects_registrations(official, portal, mailoutbox):
    pending = RegistrationFactory(event=portal["event"], status="pending")
    client = client_with_token(official)
    listed = client.get("/api/v1/manage/registrations/", {"status": "pending"})
    assert [row["id"] for row in listed.json()["results"]] == [pending.pk]
    response = client.post(f"/api/v1/manage/registrations/{pending.pk}/approve/")
    assert (response.status_code, response.json()["status"]) == (200, "approved")
    response = client.post(
        f"/api/v1/manage/registrations/{pending.pk}/reject/", {"reason": "Hết chỗ."}
    )
    assert (response.status_code, response.json()["status"]) == (200, "rejected")


# --- Scheduler runs and meetings ------------------------------------------------------------------


@pytest.fixture
def closed_event(portal):
    event = portal["event"]
    Event.objects.filter(pk=event.pk).update(status=Event.Status.REGISTRATION_CLOSED)
    return event


def test_official_starts_a_run_and_polls_it(
    official, closed_event, portal, django_capture_on_commit_callbacks
):
    client = client_with_token(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/manage/schedule-runs/", {"event": closed_event.pk, "time_limit": 5}
        )
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "queued"
    run = client.get(f"/api/v1/manage/schedule-runs/{response.json()['id']}/").json()
    assert (run["status"], run["percent"]) == ("succeeded", 100)
    assert run["counts"]["meetings"] == 1  # the mutual pair A–B (B asked, A is asked back)
    assert run["summary"]
    meetings = client.get("/api/v1/manage/meetings/", {"event": closed_event.pk}).json()
    assert len(meetings["results"]) == run["counts"]["meetings"]
    again = client.post(
        "/api/v1/manage/schedule-runs/", {"event": portal["published"].pk, "time_limit": 5}
    )
    assert again.status_code == 409


def test_official_cancels_a_queued_run_once(official, closed_event):
    run = ScheduleRun.objects.create(event=closed_event, requested_by=official)
    client = client_with_token(official)
    response = client.post(f"/api/v1/manage/schedule-runs/{run.pk}/cancel/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "failed"
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.FAILED
    again = client.post(f"/api/v1/manage/schedule-runs/{run.pk}/cancel/")
    assert again.status_code == 409
    assert problem(again)["detail"]


def test_schedule_run_start_is_throttled(official, closed_event, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "runs": "1/hour",
        },
    }
    client = client_with_token(official)
    first = client.post("/api/v1/manage/schedule-runs/", {"event": closed_event.pk})
    assert first.status_code == 202
    second = client.post("/api/v1/manage/schedule-runs/", {"event": closed_event.pk})
    assert second.status_code == 429
    assert int(second["Retry-After"]) > 0
    assert problem(second)["code"] == "throttled"


@pytest.fixture
def scheduled(portal):
    """The open event, scheduled: one meeting of A and B at table 1 in the first slot."""
    event = portal["event"]
    Event.objects.filter(pk=event.pk).update(status=Event.Status.SCHEDULED)
    meeting = Meeting.objects.create(
        event=event,
        slot=portal["slots"][0],
        table=portal["tables"][0],
        registration_a=portal["reg_a"],
        registration_b=portal["reg_b"],
    )
    return meeting


def test_official_moves_locks_and_cancels_a_meeting(official, portal, scheduled):
    client = client_with_token(official)
    url = f"/api/v1/manage/meetings/{scheduled.pk}"
    response = client.post(
        f"{url}/move/", {"slot": portal["slots"][1].pk, "table": portal["tables"][1].pk}
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["slot"]["id"], response.json()["locked"]) == (
        portal["slots"][1].pk,
        True,
    )
    response = client.post(f"{url}/lock/", {"locked": False})
    assert response.json()["locked"] is False
    response = client.post(f"{url}/cancel/")
    assert response.json()["status"] == "cancelled"


def test_meeting_move_to_a_taken_place_is_a_conflict(official, portal, scheduled):
    other = Meeting.objects.create(
        event=portal["event"],
        slot=portal["slots"][1],
        table=portal["tables"][1],
        registration_a=RegistrationFactory(event=portal["event"]),
        registration_b=RegistrationFactory(event=portal["event"]),
    )
    response = client_with_token(official).post(
        f"/api/v1/manage/meetings/{scheduled.pk}/move/",
        {"slot": other.slot_id, "table": other.table_id},
    )
    assert response.status_code == 409
    assert problem(response)["detail"].startswith("Table Bàn 2 is taken")
    scheduled.refresh_from_db()
    assert (scheduled.slot, scheduled.table) == (portal["slots"][0], portal["tables"][0])
