"""No page's query count grows with its lists: each page with 1 and 3 of everything it lists.

Logged in, every page pays four queries before its own: the session, the user, the user's
memberships (the menu and the page's own "is this my organisation?" checks share them) and
the officials check of the menu. Counts are literal; where PostgreSQL's search first checks
for a full-text match before falling back to trigram similarity, that query is named.
"""

import pytest
from django.db import connection
from django.urls import reverse

from events.models import Event, MeetingRequest
from matchmaking import scoring
from matchmaking.models import MatchScore
from tests.factories import (
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
    SlotFactory,
)

pytestmark = pytest.mark.django_db

SESSION = 4  # session, user, memberships, officials check
# PostgreSQL looks for a full-text match first (one EXISTS) before falling back to trigrams.
SEARCH = 1 if connection.vendor == "postgresql" else 0


@pytest.fixture(params=[1, 3], ids=["1 item", "3 items"])
def world(request, owner, org_a, org_b):
    """``n`` of everything the pages list, around organisation A (the owner's) and supplier B."""
    n = request.param
    for _ in range(n - 1):
        MembershipFactory(user=owner)
    offers = [
        OfferFactory(
            organization=org_b,
            title=f"Shrimp hatchery system {i}",
            price_min=10_000 * (i + 1),
            price_max=20_000 * (i + 1),
            currency="USD",
            ip_status="none",
            sectors=["AQU.FAR", "AQU.SEE"],
        )
        for i in range(n)
    ]
    mine = [OfferFactory(organization=org_a, sectors=["AQU.FAR", "AQU.SEE"]) for _ in range(n)]
    needs = [
        NeedFactory(organization=org_a, title=f"Cần công nghệ nuôi tôm {i}", budget_min=1_000)
        for i in range(n)
    ]
    for record in offers + mine + needs:
        record.transfer_modes.set(["licence", "training"])
    for offer in offers:
        for need in needs:
            MatchScore.objects.create(
                offer=offer, need=need, score=0.6, algorithm_version=scoring.ALGORITHM_VERSION
            )
    events = []
    for _ in range(n):
        event = EventFactory(status=Event.Status.REGISTRATION_OPEN)
        event.partners.set([org_b, *(OrganizationFactory() for _ in range(n - 1))])
        event.sectors.set(["AQU.FAR", "AQU.SEE"])
        theirs = RegistrationFactory(event=event, organization=org_b)
        ours = RegistrationFactory(event=event, organization=org_a)
        MeetingRequest.objects.create(event=event, requester=ours, recipient=theirs)
        MeetingRequest.objects.create(event=event, requester=theirs, recipient=ours)
        events.append(event)
    published = EventFactory(status=Event.Status.PUBLISHED)
    ours = RegistrationFactory(event=published, organization=org_a)
    for _ in range(n):
        MeetingFactory(
            event=published,
            registration_a=ours,
            slot=SlotFactory(event=published),
        )
    return {
        "n": n,
        "offers": offers,
        "mine": mine,
        "needs": needs,
        "events": events,
        "published": published,
    }


def _get(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_home(client, django_assert_num_queries, owner, world, logged_in):
    if logged_in:
        client.force_login(owner)
    # the figures (one UNION), upcoming events, latest offers, their sectors
    response = _get(client, django_assert_num_queries, "/", 4 + SESSION * logged_in)
    assert len(response.context["latest_offers"]) == 2 * world["n"]
    assert len(response.context["upcoming_events"]) == min(3, world["n"] + 1)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_offer_detail(client, django_assert_num_queries, owner, world, logged_in):
    if logged_in:
        client.force_login(owner)
    offer = world["offers"][0]
    # the offer, its sectors, its modes, the registrations at upcoming events (the supplier's
    # and the visitor's together), the needs it answers
    response = _get(
        client, django_assert_num_queries, offer.get_absolute_url(), 5 + SESSION * logged_in
    )
    assert len(response.context["interested_needs"]) == world["n"]
    opportunities = response.context["opportunities"]
    assert len(opportunities) == world["n"]
    assert all(bool(o["mine"]) == logged_in for o in opportunities)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_need_detail(client, django_assert_num_queries, owner, world, logged_in):
    if logged_in:
        client.force_login(owner)
    need = world["needs"][0]
    # the need, its sectors, its modes, the recommended offers
    response = _get(
        client, django_assert_num_queries, need.get_absolute_url(), 4 + SESSION * logged_in
    )
    assert len(response.context["recommendations"]) == world["n"]


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_organization_detail(client, django_assert_num_queries, owner, org_b, world, logged_in):
    if logged_in:
        client.force_login(owner)
    url = reverse("partners:detail", args=[org_b.pk])
    # the organisation, its sectors, its offers, their sectors; logged in: delegations headed
    response = _get(client, django_assert_num_queries, url, 4 + (SESSION + 1) * logged_in)
    assert len(response.context["offers"]) == world["n"]


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_event_list(client, django_assert_num_queries, owner, world, logged_in):
    if logged_in:
        client.force_login(owner)
    # the paginator's count, the page of events
    response = _get(
        client, django_assert_num_queries, reverse("events:list"), 2 + SESSION * logged_in
    )
    assert len(response.context["page"]) == world["n"] + 1


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_event_detail(client, django_assert_num_queries, owner, world, logged_in):
    if logged_in:
        client.force_login(owner)
    event = world["events"][0]
    # the event with its figures, its partners, its sectors; logged in: my registrations
    response = _get(
        client,
        django_assert_num_queries,
        reverse("events:detail", args=[event.pk]),
        3 + (SESSION + 1) * logged_in,
    )
    assert len(response.context["event"].partners.all()) == world["n"]
    if logged_in:
        assert len(response.context["can_register"]) == world["n"] - 1


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_catalogue_with_a_search_and_filters(
    client, django_assert_num_queries, owner, world, logged_in
):
    if logged_in:
        client.force_login(owner)
    url = (
        reverse("matchmaking:offer_list")
        + "?q=shrimp+hatchery&sector=AQU&trl_min=2&mode=licence&mode=training&ip=none"
        + "&ip=patent_pending&price_to=1000000&price_currency=USD&sort=-trl"
    )
    # the filter panel's sectors and modes, the chosen sector's leaves, the paginator's count,
    # the page, their sectors
    response = _get(client, django_assert_num_queries, url, 6 + SEARCH + SESSION * logged_in)
    assert response.context["page"].paginator.count == world["n"]
    # The same filters again: results and panel come from the cache.
    with django_assert_num_queries(SESSION * logged_in):
        client.get(url + "&utm_source=newsletter")


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_needs_list_with_a_search(client, django_assert_num_queries, owner, world, logged_in):
    if logged_in:
        client.force_login(owner)
    url = reverse("matchmaking:need_list") + "?q=nuoi+tom&sector=AQU"
    # the sector list, the chosen sector's leaves, the paginator's count, the page of needs,
    # their sectors
    response = _get(client, django_assert_num_queries, url, 5 + SEARCH + SESSION * logged_in)
    assert len(response.context["page"]) == world["n"]


@pytest.mark.parametrize(
    ("name", "queries", "listed"),
    [
        # the member's offers, their sectors
        ("matchmaking:my_offers", 2, lambda context: len(context["offers"])),
        # the member's needs, their sectors
        ("matchmaking:my_needs", 2, lambda context: len(context["needs"])),
        # the member's registrations
        ("events:mine", 1, lambda context: len(context["registrations"]) - 1),
        # nothing beyond the session's four
        ("accounts:profile", 0, lambda context: len(context["my_memberships"])),
    ],
)
def test_member_pages(client, django_assert_num_queries, owner, world, name, queries, listed):
    client.force_login(owner)
    response = _get(client, django_assert_num_queries, reverse(name), SESSION + queries)
    assert listed(response.context) == world["n"]


def test_dashboard(client, django_assert_num_queries, owner, world):
    client.force_login(owner)
    # needs, their best offers, offer counts, registrations, requests both ways, meetings
    response = _get(client, django_assert_num_queries, reverse("core:dashboard"), SESSION + 6)
    context = response.context
    n = world["n"]
    assert (len(context["needs"]), len(context["waiting"]), len(context["sent"])) == (n, n, n)
    assert len(context["meetings"]) == n
    assert len(context["registrations"]) == n + 1
