import pytest
from django.urls import reverse

from events.models import MeetingRequest
from matchmaking import scoring
from matchmaking.models import MatchScore
from tests.factories import (
    EventFactory,
    MeetingFactory,
    NeedFactory,
    OfferFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def test_dashboard_requires_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_dashboard_lists_my_needs_with_their_three_best_offers(client, member, org_a):
    need = NeedFactory(organization=org_a, title="Cần xử lý nước thải")
    NeedFactory(title="Someone else's need")
    offers = [OfferFactory(title=f"Offer {i}") for i in range(4)]
    for i, offer in enumerate(offers):
        MatchScore.objects.create(
            offer=offer, need=need, score=0.5 + i / 10, algorithm_version=scoring.ALGORITHM_VERSION
        )
    client.force_login(member)
    context = client.get(reverse("core:dashboard")).context
    [(shown, matches)] = context["needs"]
    assert shown == need
    assert [m.offer.title for m in matches] == ["Offer 3", "Offer 2", "Offer 1"]


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_is_constant(client, member, org_a, django_assert_num_queries, count):
    for _ in range(count):
        need = NeedFactory(organization=org_a)
        MatchScore.objects.create(
            offer=OfferFactory(), need=need, score=0.7, algorithm_version=scoring.ALGORITHM_VERSION
        )
    client.force_login(member)
    # session, user, layout memberships, official check; needs, their scores, offer counts,
    # registrations, requests waiting and sent (one query), next meetings
    with django_assert_num_queries(10):
        client.get(reverse("core:dashboard"))


def test_dashboard_shows_only_my_meetings(client, member, org_a):
    mine = MeetingFactory(registration_a__organization=org_a)
    mine.event.status = "published"
    mine.event.save()
    other = MeetingFactory()
    other.event.status = "published"
    other.event.save()
    client.force_login(member)
    assert client.get(reverse("core:dashboard")).context["meetings"] == [mine]


def test_dashboard_lists_the_requests_i_sent_with_their_answers(client, member, org_a, org_b):
    event = EventFactory()
    mine = RegistrationFactory(event=event, organization=org_a)
    supplier = RegistrationFactory(event=event, organization=org_b)
    stranger = RegistrationFactory(event=event)
    accepted = MeetingRequest.objects.create(
        event=event, requester=mine, recipient=supplier, status=MeetingRequest.Status.ACCEPTED
    )
    declined = MeetingRequest.objects.create(
        event=event, requester=mine, recipient=stranger, status=MeetingRequest.Status.DECLINED
    )
    waiting = MeetingRequest.objects.create(event=event, requester=stranger, recipient=supplier)
    received = MeetingRequest.objects.create(event=event, requester=supplier, recipient=mine)
    client.force_login(member)
    response = client.get("/en/dashboard/")
    assert {r.pk for r in response.context["sent"]} == {accepted.pk, declined.pk}
    assert [r.pk for r in response.context["waiting"]] == [received.pk]
    assert waiting.pk not in {r.pk for r in response.context["sent"]}
    page = response.content.decode()
    assert page.count('data-testid="sent-request"') == 2
    assert (
        '<span class="badge request-accepted">Accepted</span>' in page,
        '<span class="badge request-declined">Declined</span>' in page,
    ) == (True, True)
