"""Officials' organisation pages: the list with filters and search, and one organisation."""

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Registration
from matchmaking.models import PublicationStatus
from tests.factories import (
    ForeignOrganizationFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _names(response) -> list[str]:
    return [organization.name for organization in response.context["page"]]


def test_organization_list_shows_every_organization_with_its_counts(client, official, org_a, owner):
    OfferFactory.create_batch(2, organization=org_a)
    NeedFactory(organization=org_a)
    client.force_login(official)
    response = client.get(reverse("partners:manage_list"))
    assert response.status_code == 200
    rows = {o.name: (o.member_count, o.offer_count, o.need_count) for o in response.context["page"]}
    assert rows == {org_a.name: (1, 2, 1)}


def test_organization_list_filters_and_searches(client, official):
    korean = ForeignOrganizationFactory(name="Chungbuk Smart Farm", country="KR")
    ForeignOrganizationFactory(name="Osaka Robotics", country="JP", verified=True)
    vietnamese = OrganizationFactory(name="Công ty Thủy sản Cát Bà", tax_code="0200000001")
    returned = ForeignOrganizationFactory(name="Returned Co", country="KR")
    returned.returned_at = returned.created_at
    returned.save()
    client.force_login(official)
    url = reverse("partners:manage_list")
    assert _names(client.get(url, {"country": "KR"})) == ["Chungbuk Smart Farm", "Returned Co"]
    assert _names(client.get(url, {"q": "smart farm"})) == [korean.name]
    assert _names(client.get(url, {"q": "0200000001"})) == [vietnamese.name]
    assert _names(client.get(url, {"state": "verified"})) == ["Osaka Robotics"]
    assert _names(client.get(url, {"state": "returned"})) == ["Returned Co"]
    assert _names(client.get(url, {"state": "to_verify", "country": "KR"})) == [korean.name]
    assert _names(client.get(url, {"kind": "university"})) == []


@pytest.mark.parametrize("count", [1, 3])
def test_organization_list_query_count(client, official, django_assert_num_queries, count):
    for organization in OrganizationFactory.create_batch(count):
        MembershipFactory(organization=organization)
        OfferFactory(organization=organization)
    client.force_login(official)
    # 4 common, paginator count, page of organisations with their three counts
    with django_assert_num_queries(6):
        response = client.get(reverse("partners:manage_list"), {"country": "VN"})
    assert len(response.context["page"]) == count


def test_organization_pages_for_officials_refuse_others(client, owner, org_a):
    for url in (reverse("partners:manage_list"), reverse("partners:manage", args=[org_a.pk])):
        client.logout()
        anonymous = client.get(url)
        assert (anonymous.status_code, anonymous.url.split("?")[0]) == (
            302,
            reverse("accounts:login"),
        )
        client.force_login(owner)  # even the organisation's administrator
        assert client.get(url).status_code == 403


def test_organization_detail_for_officials_shows_members_records_and_registrations(
    client, official, org_a, owner
):
    offer = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    need = NeedFactory(organization=org_a)
    registration = RegistrationFactory(organization=org_a, status=Registration.Status.PENDING)
    client.force_login(official)
    response = client.get(reverse("partners:manage", args=[org_a.pk]))
    assert response.status_code == 200
    assert [m.user for m in response.context["members"]] == [owner]
    assert [(r["kind"], r["reference"]) for r in response.context["records"]] == [
        ("offer", offer.reference),
        ("need", need.reference),
    ]
    assert response.context["totals"] == {"offer": 1, "need": 1}
    assert list(response.context["registrations"]) == [registration]
    assert owner.email in response.content.decode()


def test_organization_detail_for_officials_of_unknown_organization_is_404(client, official):
    client.force_login(official)
    assert client.get(reverse("partners:manage", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_organization_detail_query_count(client, official, org_a, django_assert_num_queries, count):
    MembershipFactory.create_batch(count, organization=org_a)
    OfferFactory.create_batch(count, organization=org_a)
    NeedFactory.create_batch(count, organization=org_a)
    RegistrationFactory.create_batch(count, organization=org_a)
    client.force_login(official)
    # 4 common, organisation, its sectors, members, pending invitations, offers and needs
    # (one union), registrations with events
    with django_assert_num_queries(10):
        response = client.get(reverse("partners:manage", args=[org_a.pk]))
    assert response.context["totals"] == {"offer": count, "need": count}
