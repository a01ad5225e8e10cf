import pytest
from django.urls import reverse

from matchmaking.models import PublicationStatus
from tests.factories import MeetingFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_home_shows_live_counts_from_the_rows(client):
    OfferFactory.create_batch(3)
    OfferFactory(status=PublicationStatus.DRAFT, published_at=None)
    NeedFactory.create_batch(2)
    MeetingFactory()
    figures = client.get(reverse("core:home")).context["figures"]
    assert (figures["offers"], figures["needs"], figures["meetings"]) == (3, 2, 1)


def test_home_lists_latest_published_offers(client):
    offers = OfferFactory.create_batch(2)
    response = client.get(reverse("core:home"))
    assert set(response.context["latest_offers"]) == set(offers)
    assert response.status_code == 200


def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
