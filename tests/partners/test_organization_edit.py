import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _profile(**overrides):
    data = {
        "name": "Công ty TNHH Thủy sản Đồ Sơn",
        "name_en": "Do Son Seafood Co., Ltd.",
        "country": "VN",
        "kind": "sme",
        "size": "small",
        "tax_code": "0200000099",
        "description": "Nuôi tôm và chế biến hải sản.",
    }
    data.update(overrides)
    return data


def test_admin_edits_own_organization(client, owner, org_a):
    client.force_login(owner)
    response = client.post(
        reverse("partners:edit", args=[org_a.pk]), _profile(province="Hải Phòng")
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.province, org_a.description) == ("Hải Phòng", "Nuôi tôm và chế biến hải sản.")


def test_member_of_another_organization_cannot_edit(client, outsider, org_a):
    before = org_a.name
    client.force_login(outsider)
    assert client.get(reverse("partners:edit", args=[org_a.pk])).status_code == 403
    response = client.post(reverse("partners:edit", args=[org_a.pk]), _profile(name="Hijacked"))
    assert response.status_code == 403
    org_a.refresh_from_db()
    assert org_a.name == before


def test_plain_member_cannot_edit_the_profile(client, member, org_a):
    client.force_login(member)
    assert client.post(reverse("partners:edit", args=[org_a.pk]), _profile()).status_code == 403


def test_anonymous_is_sent_to_login(client, org_a):
    response = client.get(reverse("partners:edit", args=[org_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_official_can_edit_any_organization(client, official, org_a):
    client.force_login(official)
    response = client.post(reverse("partners:edit", args=[org_a.pk]), _profile(province="Hà Nội"))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.province == "Hà Nội"


def test_invalid_edit_keeps_what_was_saved(client, owner, org_a):
    client.force_login(owner)
    response = client.post(reverse("partners:edit", args=[org_a.pk]), _profile(website="not a url"))
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    org_a.refresh_from_db()
    assert org_a.website == ""


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_profile_opens_for_a_visitor_without_edit_link(client, org_a, prefix):
    url = prefix + reverse("partners:detail", args=[org_a.pk]).removeprefix("/en")
    response = client.get(url)
    assert response.status_code == 200
    assert reverse("partners:edit", args=[org_a.pk]) not in response.content.decode()
