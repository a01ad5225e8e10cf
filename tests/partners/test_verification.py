"""The verification queue: officials verify new organisations or send them back with a reason."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from partners.models import Membership, Organization
from tests.factories import ForeignOrganizationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.SITE_URL = "https://portal.example.org"
    with translation.override("en"):
        yield


def _return(client, organization, reason, **kwargs):
    return client.post(
        reverse("partners:return", args=[organization.pk]), {"reason": reason}, **kwargs
    )


def test_queue_lists_organizations_to_verify_and_those_sent_back(client, official, org_a, org_b):
    verified = ForeignOrganizationFactory(verified=True)
    Organization.objects.filter(pk=org_b.pk).update(
        review_note="Tax code?", returned_at=org_b.created_at
    )
    client.force_login(official)
    response = client.get(reverse("partners:verification"))
    assert response.status_code == 200
    assert (response.context["to_verify"], response.context["returned"]) == ([org_a], [org_b])
    assert verified.name not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count(client, official, django_assert_num_queries, count):
    for returned in (False, True):
        for organization in ForeignOrganizationFactory.create_batch(count):
            MembershipFactory(organization=organization, role=Membership.Role.ADMIN)
            if returned:
                Organization.objects.filter(pk=organization.pk).update(
                    review_note="Tax code?", returned_at=organization.created_at
                )
    client.force_login(official)
    # 4 common, organisations to verify, their administrators, sent back ones, theirs
    with django_assert_num_queries(8):
        response = client.get(reverse("partners:verification"))
    assert (len(response.context["to_verify"]), len(response.context["returned"])) == (count, count)


def test_official_verifies_in_place_with_htmx(client, official, org_a):
    client.force_login(official)
    response = client.post(
        reverse("partners:verify", args=[org_a.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "partners/officials/_verification_row.html"
    assert 'role="status"' in response.content.decode()
    org_a.refresh_from_db()
    assert (org_a.verified, org_a.verified_by) == (True, official)


def test_verifying_without_htmx_goes_back_to_the_page_named(client, official, org_a):
    client.force_login(official)
    back = reverse("partners:manage", args=[org_a.pk])
    response = client.post(reverse("partners:verify", args=[org_a.pk]), {"next": back})
    assert response.url == back
    elsewhere = client.post(
        reverse("partners:verify", args=[org_a.pk]), {"next": "https://evil.example/"}
    )
    assert elsewhere.url == reverse("partners:verification")


def test_sending_back_emails_each_administrator_in_their_language(
    client, official, org_a, owner, member, django_capture_on_commit_callbacks
):
    owner.language = "en"
    owner.save()
    second_admin = MembershipFactory(
        organization=org_a, role=Membership.Role.ADMIN, user=UserFactory(language="vi")
    ).user
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = _return(client, org_a, "The tax code does not match the name.")
    assert response.url == reverse("partners:verification")
    org_a.refresh_from_db()
    assert (org_a.verified, org_a.review_note, org_a.returned_at is not None) == (
        False,
        "The tax code does not match the name.",
        True,
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, second_admin.email])
    english = next(m for m in mail.outbox if m.to == [owner.email])
    assert english.subject == "Do Son Seafood Co., Ltd.: please complete your registration"
    assert "The tax code does not match the name." in english.body
    assert f"https://portal.example.org/en/organisations/{org_a.pk}/edit/" in english.body
    vietnamese = next(m for m in mail.outbox if m.to == [second_admin.email])
    assert f"https://portal.example.org/organisations/{org_a.pk}/edit/" in vietnamese.body
    assert member.email not in [m.to[0] for m in mail.outbox]


def test_sending_back_in_place_with_htmx_shows_the_done_row(client, official, org_a, owner):
    client.force_login(official)
    response = _return(client, org_a, "Add a contact email.", headers={"HX-Request": "true"})
    assert "Sent back; the administrators have been emailed." in response.content.decode()


def test_sending_back_without_a_reason_is_refused_and_changes_nothing(client, official, org_a):
    client.force_login(official)
    response = _return(client, org_a, "  ", headers={"HX-Request": "true"})
    assert response.context["return_form"].errors == {"reason": ["This field is required."]}
    org_a.refresh_from_db()
    assert (org_a.review_note, org_a.returned_at) == ("", None)
    assert mail.outbox == []


def test_sending_back_a_verified_organization_is_refused(client, official, org_a):
    Organization.objects.filter(pk=org_a.pk).update(verified=True)
    client.force_login(official)
    response = _return(client, org_a, "Too late", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This organisation is already verified."
    ]


@pytest.mark.parametrize("action", ["verify", "return"])
def test_verification_actions_refuse_non_officials_and_leave_the_organization_unchanged(
    client, owner, outsider, org_a, action
):
    url = reverse(f"partners:{action}", args=[org_a.pk])
    anonymous = client.post(url, {"reason": "x"})
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("accounts:login"))
    for user in (owner, outsider):
        client.force_login(user)
        assert client.post(url, {"reason": "x"}).status_code == 403
    org_a.refresh_from_db()
    assert (org_a.verified, org_a.review_note, org_a.returned_at) == (False, "", None)


def test_queue_refuses_non_officials(client, owner):
    client.force_login(owner)
    assert client.get(reverse("partners:verification")).status_code == 403


def test_correcting_the_profile_puts_the_organization_back_in_the_queue(
    client, official, owner, outsider, org_a, org_b
):
    client.force_login(official)
    _return(client, org_a, "Add your website.")
    client.force_login(owner)
    page = client.get(reverse("partners:detail", args=[org_a.pk])).content.decode()
    assert "Add your website." in page
    data = {
        "name": org_a.name,
        "name_en": org_a.name_en,
        "country": "VN",
        "kind": "sme",
        "tax_code": org_a.tax_code,
        "website": "https://doson.example.vn",
    }
    assert client.post(reverse("partners:edit", args=[org_a.pk]), data).status_code == 302
    org_a.refresh_from_db()
    assert (org_a.returned_at, org_a.review_note) == (None, "Add your website.")
    client.force_login(official)
    # Back in the queue (org_b, the outsider's, has been waiting there all along).
    assert client.get(reverse("partners:verification")).context["to_verify"] == [org_a, org_b]
    client.force_login(outsider)
    page = client.get(reverse("partners:detail", args=[org_a.pk])).content.decode()
    assert "Add your website." not in page


def test_verifying_clears_the_note(client, official, org_a):
    client.force_login(official)
    _return(client, org_a, "Add your website.")
    client.post(reverse("partners:verify", args=[org_a.pk]))
    org_a.refresh_from_db()
    assert (org_a.verified, org_a.review_note, org_a.returned_at) == (True, "", None)
