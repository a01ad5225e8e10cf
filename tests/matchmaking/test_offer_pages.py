import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Registration
from matchmaking.models import PublicationStatus
from tests.factories import EventFactory, MembershipFactory, OfferFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _url(name, *args, language="vi"):
    with translation.override(language):
        return reverse(name, args=args)


def _titles(response) -> list[str]:
    return [offer.display_title for offer in response.context["page"]]


def test_offer_list_shows_published_offers_only(client):
    published = OfferFactory(title="Published shrimp RAS")
    OfferFactory(title="Draft drone", status=PublicationStatus.DRAFT, published_at=None)
    OfferFactory(title="Waiting cobot", status=PublicationStatus.PENDING_REVIEW, published_at=None)
    OfferFactory(title="Old boiler", status=PublicationStatus.ARCHIVED)
    response = client.get(_url("matchmaking:offer_list"))
    assert response.status_code == 200
    assert _titles(response) == [published.title]
    assert "Draft drone" not in response.content.decode()


def test_offer_list_speaks_vietnamese_and_english(client):
    OfferFactory(
        language="vi",
        title="Máy sấy lạnh trái cây",
        title_en="Fruit freeze dryer",
        summary="Sấy thăng hoa",
        summary_en="Freeze drying",
    )
    vietnamese = client.get(_url("matchmaking:offer_list")).content.decode()
    english = client.get(_url("matchmaking:offer_list", language="en")).content.decode()
    assert ("Máy sấy lạnh trái cây" in vietnamese, "Fruit freeze dryer" in vietnamese) == (
        True,
        False,
    )
    assert ("Fruit freeze dryer" in english, "Máy sấy lạnh trái cây" in english) == (True, False)
    assert '<html lang="vi">' in vietnamese
    assert '<html lang="en">' in english
    assert "1 công nghệ" in vietnamese
    assert "1 technology" in english


@pytest.mark.parametrize("count", [1, 3])
def test_offer_list_query_count_does_not_grow_with_offers(client, django_assert_num_queries, count):
    OfferFactory.create_batch(count)
    # 1 count for the paginator, 1 page of offers with their organisations, 1 sectors
    # prefetch; the filter form's choices: 1 sectors, 1 modes.
    with django_assert_num_queries(5):
        response = client.get(_url("matchmaking:offer_list"))
    assert len(response.context["page"]) == count


def test_offer_list_search_and_sector_filter(client):
    shrimp = OfferFactory(title="Recirculating shrimp farm", summary="RAS")
    OfferFactory(title="Rooftop solar", summary="Panels", sectors=["ENE.SOL"])
    found = client.get(_url("matchmaking:offer_list"), {"q": "shrimp"})
    by_parent_sector = client.get(_url("matchmaking:offer_list"), {"sector": "AQU"})
    assert _titles(found) == [shrimp.title]
    assert _titles(by_parent_sector) == [shrimp.title]


def test_offer_detail_of_a_published_offer_is_public(client):
    offer = OfferFactory(title="Storm-proof sea cages")
    response = client.get(_url("matchmaking:offer_detail", offer.reference))
    assert response.status_code == 200
    assert response.context["offer"] == offer


def test_draft_offer_is_hidden_from_strangers_but_shown_to_its_organization(client, outsider):
    draft = OfferFactory(status=PublicationStatus.DRAFT, published_at=None)
    url = _url("matchmaking:offer_detail", draft.reference)
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(organization=draft.organization).user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("my_status", "shown"),
    [
        (None, "register"),
        (Registration.Status.PENDING, "wait for approval"),
        (Registration.Status.APPROVED, "ask"),
    ],
)
def test_offer_page_says_how_to_meet_the_supplier(client, member, org_a, my_status, shown):
    offer = OfferFactory()
    event = EventFactory()
    RegistrationFactory(event=event, organization=offer.organization)
    if my_status:
        RegistrationFactory(event=event, organization=org_a, status=my_status)
    client.force_login(member)
    page = client.get(_url("matchmaking:offer_detail", offer.reference, language="en"))
    text = page.content.decode()
    found = {
        "register": ">Register to ask for a meeting<" in text,
        "wait for approval": 'data-testid="registration-pending"' in text,
        "ask": ">Ask for a meeting<" in text,
    }
    assert [what for what, present in found.items() if present] == [shown]
