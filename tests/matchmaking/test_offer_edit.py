import pytest
from django.urls import reverse

from matchmaking.models import MatchScore, PublicationStatus, TechnologyOffer
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _form(org, **overrides):
    data = {
        "organization": org.pk,
        "language": "en",
        "title": "Storm-proof HDPE sea cages",
        "summary": "Round cages withstanding force-12 waves.",
        "title_en": "",
        "summary_en": "",
        "description": "",
        "keywords": "sea cage, HDPE",
        "sectors": ["AQU.FAR"],
        "trl": "8",
        "transfer_modes": ["equipment_supply", "training"],
        "ip_status": "patented",
        "price_min": "100000",
        "price_max": "300000",
        "currency": "USD",
    }
    data.update(overrides)
    return data


def test_member_registers_a_technology_then_submits_it_for_review(client, member, org_a):
    client.force_login(member)
    client.post(reverse("matchmaking:offer_create"), _form(org_a))
    offer = TechnologyOffer.objects.get()
    assert (offer.status, offer.trl, offer.keywords) == ("draft", 8, ["sea cage", "HDPE"])
    client.post(reverse("matchmaking:offer_submit", args=[offer.reference]))
    offer.refresh_from_db()
    assert offer.status == "pending_review"


def test_offer_price_upside_down_is_refused(client, member, org_a):
    client.force_login(member)
    response = client.post(
        reverse("matchmaking:offer_create"), _form(org_a, price_min="5", price_max="1")
    )
    assert "price_max" in response.context["form"].errors
    assert TechnologyOffer.objects.count() == 0


def test_outsider_cannot_edit_another_organizations_offer(client, outsider, org_a):
    offer = OfferFactory(organization=org_a, title="Original title")
    client.force_login(outsider)
    url = reverse("matchmaking:offer_edit", args=[offer.reference])
    assert client.get(url).status_code == 404
    assert client.post(url, _form(org_a, title="Hijacked")).status_code == 404
    offer.refresh_from_db()
    assert offer.title == "Original title"


def test_member_edits_a_published_offer_which_stays_published(client, member, org_a):
    offer = OfferFactory(organization=org_a)
    client.force_login(member)
    response = client.post(
        reverse("matchmaking:offer_edit", args=[offer.reference]), _form(org_a, trl="9")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.trl, offer.status) == (9, PublicationStatus.PUBLISHED)


def test_my_offers_lists_only_my_organizations_offers(client, member, org_a, org_b):
    mine = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    OfferFactory(organization=org_b)
    client.force_login(member)
    response = client.get(reverse("matchmaking:my_offers"))
    assert list(response.context["offers"]) == [mine]


@pytest.mark.parametrize("name", ["matchmaking:offer_submit", "matchmaking:offer_archive"])
def test_outsider_cannot_submit_or_archive_another_organizations_offer(
    client, outsider, org_a, name
):
    draft = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    url = reverse(name, args=[draft.reference])
    anonymous = client.post(url)
    assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (
        302,
        reverse("accounts:login"),
    )
    client.force_login(outsider)
    assert (client.post(url).status_code, client.get(url).status_code) == (404, 405)
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_member_archives_an_offer_which_leaves_the_catalogue(client, member, org_a):
    offer = OfferFactory(organization=org_a, title="Storm-proof sea cages")
    MatchScore.objects.create(offer=offer, need=NeedFactory(), score=0.5, algorithm_version="t")
    client.force_login(member)
    response = client.post(reverse("matchmaking:offer_archive", args=[offer.reference]))
    assert response["Location"] == offer.get_absolute_url()
    offer.refresh_from_db()
    catalogue = client.get(reverse("matchmaking:offer_list")).context["page"]
    assert (offer.status, MatchScore.objects.count(), list(catalogue)) == ("archived", 0, [])
