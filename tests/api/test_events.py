"""Public events; a participant's registrations, meeting requests and meetings."""

import pytest

from events.models import Event, MeetingRequest, Registration
from tests.api.conftest import client_with_token, problem
from tests.factories import EventFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def _row(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def test_events_lists_public_events_only(api):
    shown = EventFactory(status=Event.Status.REGISTRATION_OPEN)
    EventFactory(status=Event.Status.DRAFT)
    EventFactory(status=Event.Status.REGISTRATION_OPEN, is_public=False)
    assert _ids(api.get("/api/v1/events/")) == [shown.pk]
    assert api.get(f"/api/v1/events/{shown.pk}/").json()["accepts_registrations"] is True


def test_event_slots_are_public(api, portal):
    event = portal["event"]
    response = api.get(f"/api/v1/events/{event.pk}/slots/")
    assert [row["id"] for row in response.json()] == [slot.pk for slot in portal["slots"]]


def test_event_participants_for_approved_participants_only(api, member, portal, db):
    from tests.factories import UserFactory

    event = portal["event"]
    url = f"/api/v1/events/{event.pk}/participants/"
    rows = client_with_token(member).get(url).json()["results"]
    assert sorted(r["id"] for r in rows) == sorted([portal["reg_a"].pk, portal["reg_b"].pk])
    assert api.get(url).status_code == 401
    assert client_with_token(UserFactory()).get(url).status_code == 404


# --- Registrations --------------------------------------------------------------------------------


def test_registration_create_update_cancel(owner, org_a):
    event = EventFactory(status=Event.Status.REGISTRATION_OPEN)
    client = client_with_token(owner)
    response = client.post(
        "/api/v1/registrations/",
        {
            "event": event.pk,
            "organization": org_a.pk,
            "role": "seeking",
            "languages": ["vi", "en"],
            "representatives": [{"name": "Nguyễn Văn A", "email": "a@doson.vn"}],
        },
    )
    assert response.status_code == 201, response.json()
    registration = Registration.objects.get(pk=response.json()["id"])
    assert (registration.status, registration.languages, registration.registered_by) == (
        "pending",
        "vi,en",
        owner,
    )
    response = client.patch(f"/api/v1/registrations/{registration.pk}/", {"role": "both"})
    assert (response.status_code, response.json()["role"]) == (200, "both")
    response = client.post(f"/api/v1/registrations/{registration.pk}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    # A cancelled registration is made again, not duplicated.
    again = client.post("/api/v1/registrations/", {"event": event.pk, "organization": org_a.pk})
    assert (again.status_code, again.json()["id"], again.json()["status"]) == (
        201,
        registration.pk,
        "pending",
    )


def test_registration_status_cannot_be_set_by_the_registrant(owner, org_a):
    event = EventFactory(status=Event.Status.REGISTRATION_OPEN)
    client = client_with_token(owner)
    response = client.post(
        "/api/v1/registrations/",
        {"event": event.pk, "organization": org_a.pk, "status": "approved"},
    )
    assert response.json()["status"] == "pending"
    registration_id = response.json()["id"]
    client.patch(f"/api/v1/registrations/{registration_id}/", {"status": "approved"})
    assert Registration.objects.get(pk=registration_id).status == "pending"


def test_registration_for_another_organisation_is_refused(member, org_b):
    event = EventFactory(status=Event.Status.REGISTRATION_OPEN)
    response = client_with_token(member).post(
        "/api/v1/registrations/", {"event": event.pk, "organization": org_b.pk}
    )
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_registration_closed_event_is_a_conflict(member, org_a):
    event = EventFactory(status=Event.Status.REGISTRATION_CLOSED)
    response = client_with_token(member).post(
        "/api/v1/registrations/", {"event": event.pk, "organization": org_a.pk}
    )
    assert response.status_code == 409
    body = problem(response)
    assert (body["code"], body["detail"]) == ("conflict", "Registration for this event is closed.")


def test_registrations_of_others_are_not_found_nor_changed(member, portal):
    reg_b = portal["reg_b"]
    before = _row(Registration, reg_b.pk)
    client = client_with_token(member)
    assert reg_b.pk not in _ids(client.get("/api/v1/registrations/"))
    assert client.get(f"/api/v1/registrations/{reg_b.pk}/").status_code == 404
    assert client.patch(f"/api/v1/registrations/{reg_b.pk}/", {"role": "seeking"}).status_code == (
        404
    )
    assert client.post(f"/api/v1/registrations/{reg_b.pk}/cancel/").status_code == 404
    assert _row(Registration, reg_b.pk) == before


def test_registration_presents_only_own_published_offers(member, portal):
    response = client_with_token(member).patch(
        f"/api/v1/registrations/{portal['reg_a'].pk}/",
        {"offers": [portal["b_offer"].reference]},
    )
    assert response.status_code == 400
    assert [e["pointer"] for e in problem(response)["errors"]] == ["#/offers"]
    assert list(portal["reg_a"].offers.all()) == [portal["a_offer"]]


# --- Meeting requests -----------------------------------------------------------------------------


def test_meeting_request_send_and_withdraw(member, portal):
    client = client_with_token(member)
    reg_c = RegistrationFactory(event=portal["event"])
    response = client.post(
        "/api/v1/meeting-requests/",
        {"requester": portal["reg_a"].pk, "recipient": reg_c.pk, "priority": "must"},
    )
    assert response.status_code == 201, response.json()
    request_id = response.json()["id"]
    assert (response.json()["status"], response.json()["event"]) == ("pending", portal["event"].pk)
    response = client.post(f"/api/v1/meeting-requests/{request_id}/withdraw/")
    assert response.json()["status"] == "withdrawn"


def test_meeting_request_answering_one_received_makes_it_mutual(member, portal):
    response = client_with_token(member).post(
        "/api/v1/meeting-requests/",
        {"requester": portal["reg_a"].pk, "recipient": portal["reg_b"].pk},
    )
    assert response.json()["status"] == "accepted"
    assert MeetingRequest.objects.get(pk=portal["request_ba"].pk).status == "accepted"


def test_meeting_request_accept_and_decline_by_the_recipient(member, portal):
    client = client_with_token(member)
    request_ba = portal["request_ba"]
    response = client.post(f"/api/v1/meeting-requests/{request_ba.pk}/accept/")
    assert (response.status_code, response.json()["status"]) == (200, "accepted")
    response = client.post(f"/api/v1/meeting-requests/{request_ba.pk}/decline/")
    assert response.status_code == 409
    assert problem(response)["detail"] == "This request is already “Accepted”."


def test_meeting_request_cannot_be_accepted_by_its_requester(outsider, portal):
    request_ba = portal["request_ba"]
    response = client_with_token(outsider).post(f"/api/v1/meeting-requests/{request_ba.pk}/accept/")
    assert response.status_code == 403
    assert MeetingRequest.objects.get(pk=request_ba.pk).status == "pending"


def test_meeting_request_in_someone_elses_name_is_refused(member, portal):
    reg_c = RegistrationFactory(event=portal["event"])
    response = client_with_token(member).post(
        "/api/v1/meeting-requests/", {"requester": portal["reg_b"].pk, "recipient": reg_c.pk}
    )
    assert response.status_code == 403
    assert MeetingRequest.objects.filter(requester=portal["reg_b"], recipient=reg_c).count() == 0


def test_meeting_requests_of_others_are_not_found(member, portal):
    reg_c, reg_d = (RegistrationFactory(event=portal["event"]) for _ in range(2))
    theirs = MeetingRequest.objects.create(event=portal["event"], requester=reg_c, recipient=reg_d)
    client = client_with_token(member)
    assert theirs.pk not in _ids(client.get("/api/v1/meeting-requests/"))
    assert client.post(f"/api/v1/meeting-requests/{theirs.pk}/accept/").status_code == 404
    assert MeetingRequest.objects.get(pk=theirs.pk).status == "pending"


def test_meeting_requests_filter_by_direction(member, portal):
    client = client_with_token(member)
    received = client.get("/api/v1/meeting-requests/", {"direction": "received"})
    assert _ids(received) == [portal["request_ba"].pk]
    assert _ids(client.get("/api/v1/meeting-requests/", {"direction": "sent"})) == []


# --- Meetings -------------------------------------------------------------------------------------


def test_meetings_are_the_organisations_own_in_published_schedules(member, org_a, portal):
    scheduled = EventFactory(status=Event.Status.SCHEDULED)
    MeetingFactory(
        event=scheduled,
        registration_a=RegistrationFactory(event=scheduled, organization=org_a),
    )
    ids = _ids(client_with_token(member).get("/api/v1/meetings/"))
    mine = portal["published"].meetings.get(registration_a__organization=org_a)
    assert ids == [mine.pk]
    assert client_with_token(member).get(
        f"/api/v1/meetings/{portal['meeting'].pk}/"
    ).status_code == (404)
