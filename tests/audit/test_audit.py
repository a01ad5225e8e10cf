"""The audit log: the services officials use write who, what, when, before and after; officials
read it with filters (issue 8)."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

import audit
from audit.models import AuditEntry
from events.models import Event, Meeting, Registration
from events.services import event_transition, meeting_move, registration_approve
from matchmaking.models import PublicationStatus
from matchmaking.services import record_approve, record_return
from partners.services import organization_return, organization_verify
from tests.factories import (
    EventFactory,
    MeetingFactory,
    OfferFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _entries(action):
    return [
        (e.actor, e.target_label, e.before, e.after)
        for e in AuditEntry.objects.filter(action=action).order_by("pk")
    ]


def test_meeting_move_records_the_place_before_and_after(official):
    event = EventFactory(status=Event.Status.SCHEDULED, starts_on=date(2030, 1, 7))
    slots = [SlotFactory(event=event) for _ in range(2)]
    tables = [TableFactory(event=event) for _ in range(2)]
    meeting = MeetingFactory(event=event, slot=slots[0], table=tables[0])
    meeting_move(meeting=meeting, slot=slots[1], table=tables[1], official=official)
    entry = AuditEntry.objects.get(action="events.meeting_move")
    assert (entry.actor, entry.target_id, entry.actor_label) == (
        official,
        str(meeting.pk),
        official.full_name,
    )
    assert entry.before == {
        "slot": slots[0].pk,
        "table": tables[0].pk,
        "status": "scheduled",
        "locked": False,
    }
    assert entry.after == {
        "slot": slots[1].pk,
        "table": tables[1].pk,
        "status": "scheduled",
        "locked": True,
    }
    assert [c[0] for c in entry.changes] == ["slot", "table", "locked"]


def test_registration_approval_and_event_transition_are_recorded(official):
    registration = RegistrationFactory(status=Registration.Status.PENDING)
    registration_approve(registration=registration, official=official)
    event = registration.event
    event_transition(event=event, to=Event.Status.REGISTRATION_CLOSED, user=official)
    assert _entries("events.registration_approve") == [
        (official, str(registration), None, {"status": "approved"})
    ]
    assert _entries("events.event_transition") == [
        (
            official,
            str(event),
            {"status": "registration_open"},
            {"status": "registration_closed"},
        )
    ]


def test_verification_and_review_are_recorded(official, org_a, org_b):
    organization_verify(organization=org_a, official=official)
    organization_return(organization=org_b, official=official, reason="Thiếu mã số thuế")
    offer = OfferFactory(status=PublicationStatus.PENDING_REVIEW, published_at=None)
    record_approve(record=offer, official=official)
    other = OfferFactory(status=PublicationStatus.PENDING_REVIEW, published_at=None)
    record_return(record=other, official=official, note="Add the TRL")
    assert _entries("partners.organization_verify") == [
        (official, str(org_a), {"verified": False}, {"verified": True})
    ]
    assert _entries("partners.organization_return")[0][3] == {"review_note": "Thiếu mã số thuế"}
    assert [e[2:] for e in _entries("matchmaking.record_approve")] == [
        ({"status": "pending_review"}, {"status": "published"})
    ]
    assert [e[3] for e in _entries("matchmaking.record_return")] == [
        {"status": "draft", "note": "Add the TRL"}
    ]


def test_an_action_that_rolls_back_leaves_no_entry(official, org_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        organization_verify(organization=org_a, official=official)
        raise RuntimeError
    assert AuditEntry.objects.count() == 0


def test_record_keeps_labels_and_plain_json(official, org_a):
    entry = audit.record(
        actor=official,
        action="partners.test",
        target=org_a,
        before={"on": date(2024, 10, 14)},
        after={"at": timezone.now()},
    )
    assert entry.before == {"on": "2024-10-14"}
    assert entry.target_label == str(org_a)
    anonymous = audit.record(actor=None, action="events.x", target=None)
    assert (anonymous.actor, anonymous.actor_label, anonymous.target_type) == (None, "", None)


# --- The officials' list ----------------------------------------------------------------------


def test_list_refuses_anonymous_and_participants(client, member):
    response = client.get(reverse("audit:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(member)
    assert client.get(reverse("audit:list")).status_code == 403


def test_list_filters_by_area_action_who_and_dates(client, official, org_a, org_b):
    organization_verify(organization=org_a, official=official)
    offer = OfferFactory(status=PublicationStatus.PENDING_REVIEW, published_at=None)
    record_approve(record=offer, official=official)
    audit.record(actor=None, action="events.meeting_mark", target=org_b)
    client.force_login(official)
    url = reverse("audit:list")

    def actions(**query):
        return [e.action for e in client.get(url, query).context["page"]]

    assert actions() == [
        "events.meeting_mark",
        "matchmaking.record_approve",
        "partners.organization_verify",
    ]
    assert actions(app="partners") == ["partners.organization_verify"]
    assert actions(action="matchmaking.record_approve") == ["matchmaking.record_approve"]
    assert actions(actor=official.pk) == [
        "matchmaking.record_approve",
        "partners.organization_verify",
    ]
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert actions(since=tomorrow.isoformat()) == []
    entry = AuditEntry.objects.get(action="partners.organization_verify")
    assert actions(type=entry.target_type_id, id=entry.target_id) == [
        "partners.organization_verify"
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count(client, official, django_assert_num_queries, count):
    for _ in range(count):
        meeting = MeetingFactory()
        audit.record(
            actor=official,
            action="events.meeting_mark",
            target=meeting,
            before={"status": "scheduled"},
            after={"status": Meeting.Status.HELD},
        )
    client.force_login(official)
    # 4 common, paginator count, entries with actors and record types, the form's people and
    # actions
    with django_assert_num_queries(8):
        response = client.get(reverse("audit:list"))
    assert len(response.context["page"]) == count
