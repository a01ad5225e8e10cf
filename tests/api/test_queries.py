"""List endpoints run a constant number of queries: each measured with 1 and 3 items.

Requests carry a personal token whose last use was just recorded (a first request warms it),
so authentication costs 1 query: the token with its user. Officials' requests add 1 for the
officials group (permissions).
"""

import pytest

from events.models import Event, EventSession, MeetingRequest, ScheduleRun
from matchmaking import reasons
from matchmaking.models import MatchScore, TechnologyNeed
from tests.api.conftest import client_with_token
from tests.factories import (
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 3])
def count(request):
    return request.param


def _get(client, url, queries, django_assert_num_queries, **params):
    client.get(url, params)  # records the token's use, so the measured request does not
    with django_assert_num_queries(queries):
        response = client.get(url, params)
    assert response.status_code == 200, response.json()
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_organisations_list(api, count, django_assert_num_queries):
    for _ in range(count):
        OrganizationFactory().sectors.set(["AQU.FAR", "AQU.SEE"])
    # count, page, sectors prefetch (anonymous: no authentication query)
    rows = _get(api, "/api/v1/organisations/", 3, django_assert_num_queries)
    assert len(rows) == count


def test_organisations_mine(member, count, django_assert_num_queries):
    for _ in range(count):
        MembershipFactory(user=member)
    # token, count, page with the person's role, sectors prefetch
    rows = _get(
        client_with_token(member), "/api/v1/organisations/mine/", 4, django_assert_num_queries
    )
    assert len(rows) == count + 1  # and A, the member's own organisation


def test_offers_list(api, count, django_assert_num_queries):
    for _ in range(count):
        OfferFactory().transfer_modes.set(["licence", "turnkey"])
    # the sector's leaves, count, page with organisations, sectors prefetch, transfer modes
    # prefetch (the sector filter's choices are cached since the first request)
    rows = _get(api, "/api/v1/offers/", 5, django_assert_num_queries, sector="AQU", trl_min=5)
    assert len(rows) == count


def test_offers_mine(member, org_a, count, django_assert_num_queries):
    for _ in range(count):
        OfferFactory(organization=org_a)
    # token, count, page with organisations, sectors, transfer modes
    rows = _get(client_with_token(member), "/api/v1/offers/mine/", 5, django_assert_num_queries)
    assert len(rows) == count


def test_needs_list(member, count, django_assert_num_queries):
    for k in range(count):
        NeedFactory(visibility=TechnologyNeed.Visibility.MEMBERS if k else "public")
    # token, count, page with organisations, sectors, transfer modes
    rows = _get(client_with_token(member), "/api/v1/needs/", 5, django_assert_num_queries)
    assert len(rows) == count


def test_needs_mine(member, org_a, count, django_assert_num_queries):
    for _ in range(count):
        NeedFactory(organization=org_a)
    # token, count, page with organisations, sectors, transfer modes
    rows = _get(client_with_token(member), "/api/v1/needs/mine/", 5, django_assert_num_queries)
    assert len(rows) == count


def test_match_scores(member, org_a, count, django_assert_num_queries):
    need = NeedFactory(organization=org_a)
    for _ in range(count):
        MatchScore.objects.create(
            offer=OfferFactory(),
            need=need,
            score=0.5,
            reasons=[{"code": "sector_same", "params": {"sectors": ["AQU.FAR"]}}],
            algorithm_version="test",
        )
    reasons._names()  # the taxonomy's names are read once per process
    # token, officials group (officials see all pairs), count, page with both sides
    rows = _get(client_with_token(member), "/api/v1/match-scores/", 4, django_assert_num_queries)
    assert len(rows) == count


def test_events_list(api, count, django_assert_num_queries):
    for _ in range(count):
        EventFactory().sectors.set(["AQU.FAR"])
    # count, page with hosts and figures, partners prefetch, sectors prefetch
    rows = _get(api, "/api/v1/events/", 4, django_assert_num_queries)
    assert len(rows) == count


@pytest.fixture
def event_with_participants(count, org_a):
    event = EventFactory(status=Event.Status.REGISTRATION_OPEN)
    mine = RegistrationFactory(event=event, organization=org_a)
    others = []
    for _ in range(count):
        other = RegistrationFactory(event=event)
        other.offers.set([OfferFactory(organization=other.organization)])
        other.needs.set([NeedFactory(organization=other.organization)])
        MeetingRequest.objects.create(event=event, requester=other, recipient=mine)
        others.append(other)
    return event, mine, others


def test_event_participants(member, event_with_participants, count, django_assert_num_queries):
    event, _mine, _others = event_with_participants
    # token, event, officials group, the person's approved registration, count, page with
    # organisations, offers prefetch, needs prefetch
    rows = _get(
        client_with_token(member),
        f"/api/v1/events/{event.pk}/participants/",
        8,
        django_assert_num_queries,
    )
    assert len(rows) == count + 1


def test_registrations(member, org_a, count, django_assert_num_queries):
    for _ in range(count):
        registration = RegistrationFactory(organization=org_a)
        registration.offers.set([OfferFactory(organization=org_a)])
    # token, officials group, count, page with events and organisations, offers, needs,
    # unavailable slots
    rows = _get(client_with_token(member), "/api/v1/registrations/", 7, django_assert_num_queries)
    assert len(rows) == count


def test_meeting_requests(member, event_with_participants, count, django_assert_num_queries):
    # token, lazy expiry (1 UPDATE), count, page with both sides, offers and needs
    rows = _get(
        client_with_token(member), "/api/v1/meeting-requests/", 4, django_assert_num_queries
    )
    assert len(rows) == count


def test_meetings(member, org_a, count, django_assert_num_queries):
    event = EventFactory(status=Event.Status.PUBLISHED)
    mine = RegistrationFactory(event=event, organization=org_a)
    for _ in range(count):
        MeetingFactory(event=event, registration_a=mine)
    # token, count, page with slots, tables and both sides
    rows = _get(client_with_token(member), "/api/v1/meetings/", 3, django_assert_num_queries)
    assert len(rows) == count


# --- Officials ------------------------------------------------------------------------------------


def test_manage_events(official, count, django_assert_num_queries):
    for _ in range(count):
        EventFactory().sectors.set(["AQU.FAR"])
    # token, officials group, count, page with hosts and figures, sectors prefetch
    rows = _get(client_with_token(official), "/api/v1/manage/events/", 5, django_assert_num_queries)
    assert len(rows) == count


def test_manage_sessions_and_tables(official, count, django_assert_num_queries):
    event = EventFactory()
    for k in range(count):
        EventSession.objects.create(
            event=event, date=event.starts_on, start=f"0{k + 7}:00", end=f"0{k + 7}:30"
        )
        TableFactory(event=event, host=RegistrationFactory(event=event))
    client = client_with_token(official)
    # token, officials group, count, page
    rows = _get(client, "/api/v1/manage/sessions/", 4, django_assert_num_queries, event=event.pk)
    assert len(rows) == count
    rows = _get(client, "/api/v1/manage/tables/", 4, django_assert_num_queries, event=event.pk)
    assert len(rows) == count


def test_manage_registrations(official, event_with_participants, count, django_assert_num_queries):
    event, _mine, _others = event_with_participants
    # token, officials group, count, page with events, organisations and registrants, offers,
    # needs, unavailable slots
    rows = _get(
        client_with_token(official),
        "/api/v1/manage/registrations/",
        7,
        django_assert_num_queries,
        event=event.pk,
    )
    assert len(rows) == count + 1


def test_manage_schedule_runs(official, count, django_assert_num_queries):
    event = EventFactory()
    for _ in range(count):
        ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.SUCCEEDED)
    # token, officials group, count, page
    rows = _get(
        client_with_token(official), "/api/v1/manage/schedule-runs/", 4, django_assert_num_queries
    )
    assert len(rows) == count


def test_manage_meetings(official, count, django_assert_num_queries):
    event = EventFactory(status=Event.Status.SCHEDULED)
    for _ in range(count):
        MeetingFactory(event=event)
    # token, officials group, count, page with slots, tables and both sides
    rows = _get(
        client_with_token(official), "/api/v1/manage/meetings/", 4, django_assert_num_queries
    )
    assert len(rows) == count


def test_sectors_and_transfer_modes(api, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert api.get("/api/v1/sectors/").status_code == 200
    with django_assert_num_queries(1):
        assert api.get("/api/v1/transfer-modes/").status_code == 200
