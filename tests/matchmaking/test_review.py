"""Officials publish offers and needs waiting for review, or send them back with a note."""

import pytest
from django.urls import reverse
from django.utils import translation

from matchmaking.models import PublicationStatus
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db
PENDING = PublicationStatus.PENDING_REVIEW


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _pending_offer(org=None, **kwargs):
    extra = {"organization": org} if org else {}
    return OfferFactory(status=PENDING, published_at=None, **extra, **kwargs)


def _pending_need(org=None, **kwargs):
    extra = {"organization": org} if org else {}
    return NeedFactory(status=PENDING, published_at=None, **extra, **kwargs)


def _approve(kind, record):
    return reverse("matchmaking:review_approve", args=[kind, record.reference])


def _return(kind, record):
    return reverse("matchmaking:review_return", args=[kind, record.reference])


def test_review_queue_lists_pending_offers_and_needs_only(client, official):
    offer, need = _pending_offer(), _pending_need()
    OfferFactory(), NeedFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(official)
    response = client.get(reverse("matchmaking:review"))
    assert response.status_code == 200
    assert (response.context["offers"], response.context["needs"]) == ([offer], [need])
    assert (response.context["offer_count"], response.context["need_count"]) == (1, 1)


@pytest.mark.parametrize("count", [1, 3])
def test_review_queue_query_count(client, official, django_assert_num_queries, count):
    for _ in range(count):
        _pending_offer(), _pending_need()
    client.force_login(official)
    # 4 common (session, user, official?, navigation), offers with organisations, their
    # sectors, needs with organisations, their sectors
    with django_assert_num_queries(8):
        response = client.get(reverse("matchmaking:review"))
    assert (len(response.context["offers"]), response.context["need_count"]) == (count, count)


def test_review_queue_refuses_anonymous_and_non_officials(client, owner):
    url = reverse("matchmaking:review")
    anonymous = client.get(url)
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("accounts:login"))
    client.force_login(owner)
    assert client.get(url).status_code == 403


def test_official_publishes_an_offer_in_place_with_htmx(client, official):
    offer = _pending_offer()
    client.force_login(official)
    response = client.post(_approve("offers", offer), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.templates[0].name == "matchmaking/_review_row.html"
    assert f'id="review-offers-{offer.pk}"' in response.content.decode()
    offer.refresh_from_db()
    assert (offer.status, offer.published_at is not None) == (PublicationStatus.PUBLISHED, True)


def test_official_sends_a_need_back_with_a_note_the_organization_sees(
    client, official, owner, org_a
):
    need = _pending_need(org_a)
    client.force_login(official)
    response = client.post(_return("needs", need), {"note": "Say which shrimp species."})
    assert response.url == reverse("matchmaking:review")
    need.refresh_from_db()
    assert (need.status, need.review_note) == (PublicationStatus.DRAFT, "Say which shrimp species.")
    client.force_login(owner)
    assert (
        "Say which shrimp species." in client.get(reverse("matchmaking:my_needs")).content.decode()
    )


def test_sending_back_without_a_note_is_refused_and_changes_nothing(client, official):
    offer = _pending_offer()
    client.force_login(official)
    response = client.post(_return("offers", offer), {"note": " "}, headers={"HX-Request": "true"})
    assert response.context["note_form"].errors == {"note": ["This field is required."]}
    offer.refresh_from_db()
    assert (offer.status, offer.review_note) == (PENDING, "")


def test_approving_a_record_not_waiting_for_review_is_refused(client, official):
    draft = OfferFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(official)
    response = client.post(_approve("offers", draft), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Only records waiting for review can be approved."
    ]
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


@pytest.mark.parametrize("action", ["approve", "return"])
def test_review_actions_refuse_non_officials_and_leave_the_record_unchanged(
    client, owner, org_a, action
):
    offer = _pending_offer(org_a)
    url = _approve("offers", offer) if action == "approve" else _return("offers", offer)
    anonymous = client.post(url, {"note": "x"})
    assert anonymous.status_code == 302
    client.force_login(owner)  # even the organisation's own administrator
    assert client.post(url, {"note": "x"}).status_code == 403
    offer.refresh_from_db()
    assert (offer.status, offer.review_note) == (PENDING, "")


def test_review_of_an_unknown_kind_is_404(client, official):
    offer = _pending_offer()
    client.force_login(official)
    url = reverse("matchmaking:review_approve", args=["deals", offer.reference])
    assert client.post(url).status_code == 404


def test_an_offer_of_an_unverified_organization_can_be_published(client, official, org_a):
    # Reviewing what a record says and verifying who the organisation is are two queues.
    offer = _pending_offer(org_a)
    client.force_login(official)
    review = client.get(reverse("matchmaking:review")).content.decode()
    manage = reverse("partners:manage", args=[org_a.pk])
    assert f'href="{manage}">organisation not verified</a>' in review
    client.post(_approve("offers", offer))
    offer.refresh_from_db()
    org_a.refresh_from_db()
    assert (offer.status, org_a.verified) == (PublicationStatus.PUBLISHED, False)
