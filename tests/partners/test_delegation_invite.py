"""Officials invite foreign delegation members, into a new or an existing organisation."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from partners import services
from partners.models import Delegation, Invitation, Membership, Organization
from tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.SITE_URL = "https://portal.example.org"
    with translation.override("en"):
        yield


@pytest.fixture
def delegation(db):
    lead = ForeignOrganizationFactory(name="Chungbuk Technopark", kind="technopark")
    return Delegation.objects.create(
        name="Chungbuk delegation 2025", country="KR", lead_partner=lead
    )


def _invite(client, data, capture):
    with capture(execute=True):
        return client.post(reverse("partners:invite"), data)


NEW_ORGANIZATION = {
    "email": "Kim.MinJun@SmartFarm.example.kr",
    "new_name": "스마트팜 주식회사",
    "new_name_en": "Smart Farm Korea Co.",
    "new_country": "KR",
    "new_kind": "sme",
    "role": "admin",
    "language": "en",
}


def test_official_invites_a_delegate_into_a_new_foreign_organization_of_a_delegation(
    client, official, delegation, django_capture_on_commit_callbacks
):
    client.force_login(official)
    response = _invite(
        client,
        {**NEW_ORGANIZATION, "delegation": delegation.pk},
        django_capture_on_commit_callbacks,
    )
    organization = Organization.objects.get(name="스마트팜 주식회사")
    assert response.url == reverse("partners:manage", args=[organization.pk])
    assert (organization.country.code, organization.verified, organization.name_en) == (
        "KR",
        False,
        "Smart Farm Korea Co.",
    )
    assert list(delegation.members.all()) == [organization]
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organization) == (
        "kim.minjun@smartfarm.example.kr",
        "admin",
        organization,
    )
    [email] = mail.outbox
    assert email.to == ["kim.minjun@smartfarm.example.kr"]
    assert email.subject == "Invitation to join Smart Farm Korea Co."
    assert "takes part in the delegation “Chungbuk delegation 2025”" in email.body
    assert re.search(r"https://portal\.example\.org/en/organisations/invitations/\S+/", email.body)


def test_delegate_sets_a_password_then_completes_the_profile_in_english(
    client, official, delegation, django_capture_on_commit_callbacks
):
    client.force_login(official)
    _invite(
        client,
        {**NEW_ORGANIZATION, "delegation": delegation.pk},
        django_capture_on_commit_callbacks,
    )
    client.logout()
    path = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    password = "green onions in jeonju 42"
    response = client.post(
        path,
        {
            "full_name": "Kim Min-jun",
            "language": "en",
            "password1": password,
            "password2": password,
        },
        follow=True,
    )
    organization = Organization.objects.get(name="스마트팜 주식회사")
    assert response.redirect_chain == [(f"/en/organisations/{organization.pk}/edit/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Welcome! You have joined Smart Farm Korea Co.: please complete its profile."
    ]
    membership = Membership.objects.get(organization=organization)
    assert (membership.user.email, membership.role, membership.user.language) == (
        "kim.minjun@smartfarm.example.kr",
        "admin",
        "en",
    )
    saved = client.post(
        f"/en/organisations/{organization.pk}/edit/",
        {
            "name": "스마트팜 주식회사",
            "name_en": "Smart Farm Korea Co.",
            "country": "KR",
            "kind": "sme",
            "size": "small",
            "website": "https://smartfarm.example.kr",
            "description_en": "Vertical farms and climate control for greenhouses.",
        },
    )
    assert saved.status_code == 302
    organization.refresh_from_db()
    assert organization.description_en == "Vertical farms and climate control for greenhouses."


def test_official_invites_into_an_existing_organization_without_delegation(
    client, official, org_b, django_capture_on_commit_callbacks
):
    client.force_login(official)
    response = _invite(
        client,
        {"email": "lan@example.vn", "organization": org_b.pk, "role": "member", "language": "vi"},
        django_capture_on_commit_callbacks,
    )
    assert response.url == reverse("partners:manage", args=[org_b.pk])
    invitation = Invitation.objects.get()
    assert (invitation.organization, invitation.role) == (org_b, "member")
    assert "/en/" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"email": "a@example.org", "role": "admin", "language": "en"},
            {"organization": ["Choose an organisation or name a new one."]},
        ),
        (
            {**NEW_ORGANIZATION, "new_country": ""},
            {"new_country": ["Give the new organisation's country."]},
        ),
        (
            {**NEW_ORGANIZATION, "new_country": "VN"},
            {"new_country": ["Vietnamese organisations register themselves with their tax code."]},
        ),
    ],
)
def test_invitation_form_errors_are_shown_and_nothing_is_created(client, official, data, errors):
    client.force_login(official)
    response = client.post(reverse("partners:invite"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert (Organization.objects.count(), Invitation.objects.count(), mail.outbox) == (0, 0, [])


def test_existing_and_new_organization_together_are_refused(client, official, org_b):
    client.force_login(official)
    response = client.post(
        reverse("partners:invite"), {**NEW_ORGANIZATION, "organization": org_b.pk}
    )
    assert response.context["form"].errors == {
        "new_name": ["Choose an existing organisation or a new one, not both."]
    }


def test_new_organization_with_the_name_of_an_existing_one_is_refused(client, official):
    ForeignOrganizationFactory(name="Smart Farm Korea", country="KR")
    client.force_login(official)
    response = client.post(
        reverse("partners:invite"), {**NEW_ORGANIZATION, "new_name": "smart farm korea"}
    )
    assert response.context["form"].non_field_errors() == [
        "An organisation with this name already exists in this country: choose it in the list."
    ]
    assert (Organization.objects.count(), Invitation.objects.count()) == (1, 0)


def test_inviting_a_current_member_is_refused_on_the_email(client, official, owner, org_a):
    client.force_login(official)
    response = client.post(
        reverse("partners:invite"),
        {"email": owner.email.upper(), "organization": org_a.pk, "role": "admin", "language": "en"},
    )
    assert response.context["form"].errors == {
        "email": ["This person is already a member of Do Son Seafood Co., Ltd.."]
    }


def test_invite_page_refuses_anonymous_and_non_officials(client, owner, org_a):
    url = reverse("partners:invite")
    anonymous = client.get(url)
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("accounts:login"))
    client.force_login(owner)
    assert client.get(url).status_code == 403
    response = client.post(url, {**NEW_ORGANIZATION})
    assert response.status_code == 403
    assert (Organization.objects.count(), Invitation.objects.count()) == (1, 0)


def test_only_officials_attach_an_invited_organization_to_a_delegation(owner, org_a, delegation):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            organization=org_a,
            email="x@example.org",
            role="member",
            invited_by=owner,
            delegation=delegation,
        )
    assert (Invitation.objects.count(), delegation.members.count()) == (0, 0)


def test_invite_page_preselects_the_delegation(client, official, delegation):
    client.force_login(official)
    response = client.get(reverse("partners:invite"), {"delegation": delegation.pk})
    assert response.context["form"]["delegation"].value() == str(delegation.pk)
