import re

import pytest
from django.core import mail
from django.urls import reverse

from partners.models import Invitation, Membership
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """Send an invitation as ``owner``; the email leaves once the transaction commits."""

    def send(owner, org, email="hoa@example.org", role="member"):
        client.force_login(owner)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("partners:members", args=[org.pk]), {"email": email, "role": role}
            )

    return send


def _link_path(message) -> str:
    return re.search(r"https?://[^/]+(/\S+)", message.body).group(1)


def test_admin_invites_a_colleague_who_sets_a_password_and_joins(client, invite, owner, org_a):
    response = invite(owner, org_a)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["hoa@example.org"]]
    client.logout()
    path = _link_path(mail.outbox[0])
    accepted = client.post(
        path,
        {
            "full_name": "Lê Thị Hoa",
            "language": "vi",
            "password1": "hoa phượng đỏ 1989",
            "password2": "hoa phượng đỏ 1989",
        },
    )
    assert accepted.status_code == 302
    membership = Membership.objects.get(user__email="hoa@example.org")
    assert (membership.organization, membership.role) == (org_a, "member")
    assert membership.user.check_password("hoa phượng đỏ 1989")


def test_invitation_link_works_only_once(client, invite, owner, org_a):
    invite(owner, org_a)
    client.logout()
    path = _link_path(mail.outbox[0])
    data = {
        "full_name": "A",
        "language": "vi",
        "password1": "mật khẩu dài 12345",
        "password2": "mật khẩu dài 12345",
    }
    assert client.post(path, data).status_code == 302
    client.logout()
    assert client.get(path).status_code == 410


def test_only_a_hash_of_the_invitation_token_is_stored(client, invite, owner, org_a):
    invite(owner, org_a)
    token = _link_path(mail.outbox[0]).rstrip("/").split("/")[-1]
    stored = Invitation.objects.get().token_hash
    assert token not in stored and len(stored) == 64


def test_plain_member_cannot_invite(client, invite, member, org_a):
    client.force_login(member)
    response = client.post(
        reverse("partners:members", args=[org_a.pk]), {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_outsider_cannot_invite_into_another_organization(client, invite, outsider, org_a):
    client.force_login(outsider)
    response = client.post(
        reverse("partners:members", args=[org_a.pk]), {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_existing_user_joins_by_logging_in_first(client, invite, owner, org_a, outsider):
    invite(owner, org_a, email=outsider.email)
    path = _link_path(mail.outbox[0])
    client.logout()
    client.post(reverse("accounts:login"), {"username": outsider.email, "password": PASSWORD})
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user=outsider, organization=org_a).exists()


def test_invitation_for_someone_else_is_refused_to_a_logged_in_user(
    client, invite, owner, org_a, outsider
):
    invite(owner, org_a, email="hoa@example.org")
    path = _link_path(mail.outbox[0])
    client.force_login(outsider)
    assert client.post(path).status_code == 403
    assert not Membership.objects.filter(user=outsider, organization=org_a).exists()
