"""Delegations: officials list, create and edit them; the head reads the delegation's page."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Registration
from partners.models import Delegation, Membership
from tests.factories import (
    EventFactory,
    ForeignOrganizationFactory,
    MeetingFactory,
    MembershipFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def lead():
    return ForeignOrganizationFactory(name="Chungbuk Technopark", kind="technopark")


@pytest.fixture
def head(lead):
    return MembershipFactory(organization=lead, role=Membership.Role.ADMIN).user


@pytest.fixture
def delegation(lead, head):
    return Delegation.objects.create(
        name="Chungbuk delegation 2025",
        country="KR",
        lead_partner=lead,
        head=head,
        arrives_on=date(2030, 1, 6),
        departs_on=date(2030, 1, 9),
    )


def _data(lead, **changes):
    data = {
        "name": "Jeollanam-do delegation",
        "name_en": "",
        "country": "KR",
        "lead_partner": lead.pk,
        "head": "",
        "head_name": "Mr Park",
        "members": [],
        "arrives_on": "2030-03-01",
        "departs_on": "2030-03-04",
        "description": "",
        "events": [],
    }
    return {**data, **changes}


def test_delegation_list_filters_by_country_and_search(client, official, delegation, lead):
    japan = ForeignOrganizationFactory(name="Osaka Chamber", country="JP")
    Delegation.objects.create(name="Osaka mission", country="JP", lead_partner=japan)
    client.force_login(official)
    url = reverse("partners:delegation_list")
    names = lambda response: [d.name for d in response.context["page"]]  # noqa: E731
    assert names(client.get(url)) == ["Chungbuk delegation 2025", "Osaka mission"]
    assert names(client.get(url, {"country": "JP"})) == ["Osaka mission"]
    assert names(client.get(url, {"q": "technopark"})) == ["Chungbuk delegation 2025"]


@pytest.mark.parametrize("count", [1, 3])
def test_delegation_list_query_count(client, official, lead, django_assert_num_queries, count):
    for n in range(count):
        delegation = Delegation.objects.create(name=f"D{n}", country="KR", lead_partner=lead)
        delegation.members.add(ForeignOrganizationFactory())
        delegation.events.add(EventFactory())
    client.force_login(official)
    # 4 common, paginator count, page of delegations with lead partner, head and counts
    with django_assert_num_queries(6):
        response = client.get(reverse("partners:delegation_list"))
    assert [d.member_count for d in response.context["page"]] == [1] * count


def test_official_creates_a_delegation_with_members_head_and_events(client, official, lead, head):
    member_org = ForeignOrganizationFactory()
    event = EventFactory()
    client.force_login(official)
    response = client.post(
        reverse("partners:delegation_create"),
        _data(lead, head=head.pk, members=[member_org.pk], events=[event.pk]),
    )
    delegation = Delegation.objects.get(name="Jeollanam-do delegation")
    assert response.url == reverse("partners:delegation", args=[delegation.pk])
    assert (delegation.head, delegation.arrives_on) == (head, date(2030, 3, 1))
    assert (list(delegation.members.all()), list(delegation.events.all())) == (
        [member_org],
        [event],
    )


def test_head_must_belong_to_the_delegation(client, official, lead, outsider):
    outsider_org = outsider.memberships.get().organization
    outsider_org.country = "JP"
    outsider_org.tax_code = ""
    outsider_org.save()
    client.force_login(official)
    response = client.post(reverse("partners:delegation_create"), _data(lead, head=outsider.pk))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "head": ["The head must be a member of the lead partner or of a member organisation."]
    }
    assert Delegation.objects.count() == 0


def test_departure_before_arrival_is_refused(client, official, lead):
    client.force_login(official)
    response = client.post(
        reverse("partners:delegation_create"), _data(lead, departs_on="2030-02-01")
    )
    assert response.context["form"].errors == {
        "departs_on": ["The departure must not be before the arrival."]
    }


def test_official_edits_the_delegation(client, official, delegation, lead, head):
    new_member = ForeignOrganizationFactory()
    client.force_login(official)
    response = client.post(
        reverse("partners:delegation_edit", args=[delegation.pk]),
        _data(lead, name="Chungbuk delegation 2026", head=head.pk, members=[new_member.pk]),
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert (delegation.name, list(delegation.members.all())) == (
        "Chungbuk delegation 2026",
        [new_member],
    )


def test_delegation_management_refuses_anonymous_and_non_officials(
    client, head, owner, delegation, lead
):
    urls = [
        reverse("partners:delegation_list"),
        reverse("partners:delegation_create"),
        reverse("partners:delegation_edit", args=[delegation.pk]),
    ]
    for url in urls:
        client.logout()
        assert client.get(url).url.split("?")[0] == reverse("accounts:login")
        for user in (owner, head):  # the head reads the page but does not manage it
            client.force_login(user)
            assert client.get(url).status_code == 403
    client.force_login(head)
    response = client.post(urls[2], _data(lead, name="Taken over"))
    assert response.status_code == 403
    delegation.refresh_from_db()
    assert delegation.name == "Chungbuk delegation 2025"


@pytest.fixture
def activity(delegation, lead):
    """Two member organisations registered for the delegation's event, one meeting each; a
    registration elsewhere and one of a stranger that the page must not show."""
    event = EventFactory()
    delegation.events.add(event)
    first, second = ForeignOrganizationFactory.create_batch(2)
    delegation.members.add(first, second)
    reg_first = RegistrationFactory(event=event, organization=first)
    reg_second = RegistrationFactory(
        event=event, organization=second, status=Registration.Status.PENDING
    )
    local = RegistrationFactory(event=event)
    meeting = MeetingFactory(event=event, registration_a=reg_first, registration_b=local)
    RegistrationFactory(organization=first)  # another event, not the delegation's
    stranger = RegistrationFactory(event=event)
    MeetingFactory(event=event, registration_a=stranger, registration_b=local)
    return {
        "registrations": [reg_first, reg_second],
        "meeting": meeting,
        "members": [first, second],
    }


def test_head_sees_members_registrations_and_meetings(client, head, delegation, lead, activity):
    client.force_login(head)
    response = client.get(reverse("partners:delegation", args=[delegation.pk]))
    assert response.status_code == 200
    assert sorted(o.pk for o in response.context["organizations"]) == sorted(
        [lead.pk, *(o.pk for o in activity["members"])]
    )
    assert sorted(r.pk for r in response.context["registrations"]) == sorted(
        r.pk for r in activity["registrations"]
    )
    assert response.context["meetings"] == [activity["meeting"]]


def test_head_finds_the_delegation_from_the_organization_page(client, head, delegation, lead):
    client.force_login(head)
    page = client.get(reverse("partners:detail", args=[lead.pk])).content.decode()
    assert reverse("partners:delegation", args=[delegation.pk]) in page


def test_delegation_without_events_shows_all_registrations_of_its_organizations(
    client, official, delegation, lead
):
    registration = RegistrationFactory(organization=lead)
    client.force_login(official)
    response = client.get(reverse("partners:delegation", args=[delegation.pk]))
    assert response.context["registrations"] == [registration]


def test_delegation_page_refuses_everyone_but_the_head_and_officials(
    client, delegation, lead, activity
):
    url = reverse("partners:delegation", args=[delegation.pk])
    assert client.get(url).url.split("?")[0] == reverse("accounts:login")
    colleague = MembershipFactory(organization=lead).user  # same organisation, not the head
    delegate = MembershipFactory(organization=activity["members"][0]).user
    for user in (colleague, delegate):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_unknown_delegation_is_404(client, official):
    client.force_login(official)
    assert client.get(reverse("partners:delegation", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_delegation_page_query_count(client, head, delegation, django_assert_num_queries, count):
    event = EventFactory()
    delegation.events.add(event)
    for _ in range(count):
        organization = ForeignOrganizationFactory()
        delegation.members.add(organization)
        registration = RegistrationFactory(event=event, organization=organization)
        MeetingFactory(event=event, registration_a=registration)
    client.force_login(head)
    # session, user, official? (no), delegation with lead partner and head, organisations
    # with offer counts, events, registrations with events and organisations, meetings with
    # everything shown, memberships in the navigation
    with django_assert_num_queries(9):
        response = client.get(reverse("partners:delegation", args=[delegation.pk]))
    assert (len(response.context["registrations"]), len(response.context["meetings"])) == (
        count,
        count,
    )
