"""List pages run a constant number of queries: each measured with 1 and 3 items.

Every logged-in page starts with the same 4 queries: the session, the user, the user's
memberships (navigation) and the officials group (permissions and navigation).
"""

import pytest
from django.urls import reverse

from events.models import Event, MeetingRequest
from tests.events.conftest import set_status
from tests.factories import (
    EventFactory,
    MeetingFactory,
    NeedFactory,
    OfferFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 3])
def filled(request, event, slots, tables, reg_a):
    """``count`` other participants, each with an offer, a need, a request each way and a
    meeting with A; ``count`` more events."""
    for k in range(request.param):
        other = RegistrationFactory(event=event)
        other.offers.set([OfferFactory(organization=other.organization)])
        other.needs.set([NeedFactory(organization=other.organization)])
        MeetingRequest.objects.create(event=event, requester=other, recipient=reg_a)
        MeetingRequest.objects.create(event=event, requester=reg_a, recipient=other)
        MeetingFactory(
            event=event, slot=slots[k], table=tables[0], registration_a=reg_a, registration_b=other
        )
        EventFactory()
    return set_status(event, Event.Status.PUBLISHED)


def _get(client, user, url, django_assert_num_queries, queries):
    client.force_login(user)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_manage_list_query_count(client, filled, official, django_assert_num_queries):
    # 4 common, paginator count, page of events with hosts and counts
    _get(client, official, reverse("events:manage_list"), django_assert_num_queries, 6)


def test_registrations_query_count(client, filled, official, django_assert_num_queries):
    # 4 common, event, registrations with organisations and registrants, offers, needs
    _get(
        client,
        official,
        reverse("events:registrations", args=[filled.pk]),
        django_assert_num_queries,
        8,
    )


def test_schedule_grid_query_count(client, filled, official, django_assert_num_queries):
    # 4 common, event, slots, tables with hosts, meetings with slots, tables and both sides,
    # approved participants (links), latest run
    _get(
        client,
        official,
        reverse("events:schedule", args=[filled.pk]),
        django_assert_num_queries,
        10,
    )


def test_door_list_query_count(client, filled, official, django_assert_num_queries):
    # 4 common, event, participants, meetings
    _get(
        client,
        official,
        reverse("events:door_list", args=[filled.pk]),
        django_assert_num_queries,
        7,
    )


def test_participants_query_count(client, filled, reg_a, owner, django_assert_num_queries):
    # 4 common, registration, membership check, lazy expiry (1 UPDATE), countries, sectors,
    # others + offers + needs + organisation sectors, pair scores (offers, needs, scores),
    # requests sent, requests received
    _get(
        client,
        owner,
        reverse("events:participants", args=[filled.pk, reg_a.pk]),
        django_assert_num_queries,
        18,
    )


def test_requests_query_count(client, filled, reg_a, owner, django_assert_num_queries):
    # 4 common, registration, membership check, lazy expiry, received, sent
    _get(
        client,
        owner,
        reverse("events:requests", args=[filled.pk, reg_a.pk]),
        django_assert_num_queries,
        9,
    )


def test_my_events_query_count(client, filled, owner, django_assert_num_queries):
    # 4 common, registrations with events and organisations
    _get(client, owner, reverse("events:mine"), django_assert_num_queries, 5)


def test_agenda_query_count(client, filled, reg_a, owner, django_assert_num_queries):
    # 4 common, registration, membership check, meetings with slots, tables and both sides
    response = _get(
        client,
        owner,
        reverse("events:agenda", args=[filled.pk, reg_a.pk]),
        django_assert_num_queries,
        7,
    )
    assert len(response.context["rows"]) == filled.meetings.count()
