import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Membership, Organization

pytestmark = pytest.mark.django_db


def _english(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def _form(**overrides):
    data = {
        "name": "Công ty TNHH Nuôi biển Cát Bà",
        "name_en": "Cat Ba Mariculture Co., Ltd.",
        "country": "VN",
        "kind": "sme",
        "size": "small",
        "tax_code": "0201234567",
        "province": "Hải Phòng",
        "sectors": ["AQU.FAR"],
        "full_name": "Phạm Thị Lan",
        "email": "lan@catba.example.vn",
        "language": "vi",
        "password1": "sóng biển xanh 2026",
        "password2": "sóng biển xanh 2026",
    }
    data.update(overrides)
    return data


def test_sign_up_creates_the_organization_and_its_first_admin(client):
    response = client.post(reverse("partners:sign_up"), _form())
    organization = Organization.objects.get(name="Công ty TNHH Nuôi biển Cát Bà")
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:detail", args=[organization.pk])
    membership = Membership.objects.get(organization=organization)
    assert (membership.user.email, membership.role) == ("lan@catba.example.vn", "admin")
    assert list(organization.sectors.values_list("code", flat=True)) == ["AQU.FAR"]
    assert organization.verified is False
    assert client.get(reverse("accounts:profile")).context["user"] == membership.user


def test_sign_up_refuses_a_vietnamese_firm_without_tax_code_and_keeps_the_input(client):
    # The Vietnamese page, whatever language an earlier test left active in this thread.
    with translation.override("vi"):
        url = reverse("partners:sign_up")
    response = client.post(url, _form(tax_code=""))
    assert response.status_code == 200
    assert response.context["form"].errors["tax_code"] == [
        "Doanh nghiệp Việt Nam phải khai mã số thuế."
    ]
    assert response.context["form"]["name"].value() == "Công ty TNHH Nuôi biển Cát Bà"
    assert Organization.objects.count() == 0


def test_sign_up_in_english_explains_a_malformed_tax_code(client):
    response = client.post(_english("partners:sign_up"), _form(tax_code="12AB"))
    assert response.context["form"].errors["tax_code"] == [
        "A Vietnamese tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch."
    ]


def test_sign_up_refuses_an_email_already_registered(client, member):
    response = client.post(reverse("partners:sign_up"), _form(email=member.email))
    assert "email" in response.context["form"].errors
    assert Organization.objects.filter(name="Công ty TNHH Nuôi biển Cát Bà").count() == 0


def test_sign_up_refuses_mismatched_passwords(client):
    response = client.post(reverse("partners:sign_up"), _form(password2="khác"))
    assert "password2" in response.context["form"].errors


def test_foreign_organization_signs_up_without_tax_code(client):
    response = client.post(
        _english("partners:sign_up"),
        _form(name="Daesung Energy Co.", country="KR", tax_code="", email="kim@daesung.example"),
    )
    assert response.status_code == 302
    assert Organization.objects.get(name="Daesung Energy Co.").country == "KR"
