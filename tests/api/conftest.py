"""Fixtures of the API tests: clients (anonymous, session, token) and a seeded portal."""

from datetime import date, time

import pytest
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from api import services as api_services
from events.models import Event, EventSession, MeetingRequest, ScheduleRun
from events.services import event_generate_slots
from matchmaking.models import MatchScore, PublicationStatus, TechnologyNeed
from tests.factories import (
    EventFactory,
    MeetingFactory,
    NeedFactory,
    OfferFactory,
    RegistrationFactory,
    TableFactory,
)


@pytest.fixture(autouse=True)
def _api_defaults():
    """English messages, and fresh request counters: the throttles keep them in the cache,
    which outlives a test."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def english_client() -> APIClient:
    """A client that asks for English messages (the API follows Accept-Language)."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def api():
    return english_client()


def token_for(user) -> str:
    _token, clear = api_services.token_create(user=user, name="tests")
    return clear


def client_with_token(user) -> APIClient:
    client = english_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
    return client


def problem(response) -> dict:
    """The problem document of an error response, after checking its media type."""
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


@pytest.fixture
def portal(org_a, org_b, owner, member, outsider, official):
    """A small portal: A's and B's records in every state, an event taking registrations
    (A and B approved, with requests), a published event with a meeting, scores, a run."""
    a_offer = OfferFactory(organization=org_a, title="A's published offer")
    a_draft = OfferFactory(
        organization=org_a, title="A's draft", status=PublicationStatus.DRAFT, published_at=None
    )
    b_offer = OfferFactory(organization=org_b, title="B's published offer")
    b_draft = OfferFactory(
        organization=org_b, title="B's draft", status=PublicationStatus.DRAFT, published_at=None
    )
    a_need = NeedFactory(organization=org_a, title="A's need")
    b_need = NeedFactory(organization=org_b, title="B's public need")
    b_members_need = NeedFactory(
        organization=org_b,
        title="B's members-only need",
        visibility=TechnologyNeed.Visibility.MEMBERS,
    )
    b_draft_need = NeedFactory(
        organization=org_b, title="B's draft need", status=PublicationStatus.DRAFT
    )
    for offer, need, score in ((b_offer, a_need, 0.8), (a_offer, b_need, 0.6)):
        MatchScore.objects.create(
            offer=offer,
            need=need,
            score=score,
            components={"taxonomy": 1.0},
            reasons=[{"code": "sector_same", "params": {"sectors": ["AQU.FAR"]}}],
            algorithm_version="test",
        )
    event = EventFactory(
        status=Event.Status.REGISTRATION_OPEN,
        starts_on=date(2030, 1, 7),
        ends_on=date(2030, 1, 7),
        max_meetings=4,
    )
    EventSession.objects.create(
        event=event, name="Sáng", date=date(2030, 1, 7), start=time(8, 30), end=time(10, 10)
    )
    slots = event_generate_slots(event=event)
    tables = [TableFactory(event=event, label=f"Bàn {k}", position=k) for k in (1, 2)]
    reg_a = RegistrationFactory(event=event, organization=org_a, registered_by=owner)
    reg_b = RegistrationFactory(event=event, organization=org_b, registered_by=outsider)
    reg_a.offers.set([a_offer])
    reg_b.needs.set([b_need])
    request_ba = MeetingRequest.objects.create(event=event, requester=reg_b, recipient=reg_a)
    published = EventFactory(status=Event.Status.PUBLISHED, starts_on=date(2030, 2, 1))
    meeting = MeetingFactory(event=published)
    MeetingFactory(
        event=published,
        registration_a=RegistrationFactory(event=published, organization=org_a),
        registration_b=RegistrationFactory(event=published, organization=org_b),
    )
    run = ScheduleRun.objects.create(event=published, status=ScheduleRun.Status.SUCCEEDED)
    return {
        "a_offer": a_offer,
        "a_draft": a_draft,
        "b_offer": b_offer,
        "b_draft": b_draft,
        "a_need": a_need,
        "b_need": b_need,
        "b_members_need": b_members_need,
        "b_draft_need": b_draft_need,
        "event": event,
        "slots": slots,
        "tables": tables,
        "reg_a": reg_a,
        "reg_b": reg_b,
        "request_ba": request_ba,
        "published": published,
        "meeting": meeting,
        "run": run,
    }
