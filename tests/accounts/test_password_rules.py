"""Django's password validators guard every place a person chooses a password."""

import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Membership, Organization
from partners.services.organizations import invitation_create
from tests.partners.test_sign_up import _form as sign_up_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("48151623420", "This password is entirely numeric."),
    ],
)
def test_sign_up_refuses_a_weak_password_and_creates_nothing(client, password, message):
    response = client.post(
        reverse("partners:sign_up"), sign_up_form(password1=password, password2=password)
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["password1"]
    assert Organization.objects.count() == 0


def test_sign_up_refuses_a_password_like_the_email(client):
    data = sign_up_form(email="lan.pham@catba.example.vn")
    data.update(password1="lan.pham.catba", password2="lan.pham.catba")
    response = client.post(reverse("partners:sign_up"), data)
    assert response.context["form"].errors["password1"] == [
        "The password is too similar to the email address."
    ]


def test_invitation_refuses_a_weak_password_and_the_person_does_not_join(client, owner, org_a):
    _invitation, token = invitation_create(
        organization=org_a, email="hoa@example.org", role="member", invited_by=owner
    )
    url = reverse("partners:invitation_accept", args=[token])
    data = {"full_name": "Lê Thị Hoa", "language": "vi", "password1": "12345678"}
    response = client.post(url, {**data, "password2": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"] == [
        "This password is too common.",
        "This password is entirely numeric.",
    ]
    assert not Membership.objects.filter(user__email="hoa@example.org").exists()
    assert (
        client.post(
            url, {**data, "password1": "hoa phượng đỏ 1989", "password2": "hoa phượng đỏ 1989"}
        ).status_code
        == 302
    )
