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


def test_a_website_typed_without_its_scheme_is_kept_as_https(client, owner, org_a):
    client.force_login(owner)
    response = client.post(
        reverse("partners:edit", args=[org_a.pk]), _profile(website="doson.example.vn")
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.website == "https://doson.example.vn"


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


@pytest.fixture
def verified_org_a(org_a, official):
    from partners.services import organization_verify

    return organization_verify(organization=org_a, official=official)


def _unchanged(organization, **changes):
    return _profile(**{"name": organization.name, "tax_code": organization.tax_code, **changes})


def _queue_ids():
    from partners.selectors import verification_queue

    return [organization.pk for organization in verification_queue()[0]]


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Công ty Cổ phần Thủy sản Đồ Sơn"},
        {"tax_code": "0200000100"},
        {"country": "KR", "tax_code": ""},
    ],
    ids=["name", "tax code", "country"],
)
def test_changing_what_was_verified_sends_the_organization_back_to_verification(
    client, owner, verified_org_a, change
):
    client.force_login(owner)
    url = reverse("partners:edit", args=[verified_org_a.pk])
    assert client.post(url, _unchanged(verified_org_a, **change)).status_code == 302
    verified_org_a.refresh_from_db()
    assert (verified_org_a.verified, verified_org_a.verified_by) == (False, None)
    assert _queue_ids() == [verified_org_a.pk]


def test_other_changes_keep_the_verification(client, owner, verified_org_a):
    client.force_login(owner)
    response = client.post(
        reverse("partners:edit", args=[verified_org_a.pk]),
        _unchanged(verified_org_a, description="Nuôi tôm công nghệ cao.", size="medium"),
    )
    assert response.status_code == 302
    verified_org_a.refresh_from_db()
    assert (verified_org_a.verified, _queue_ids()) == (True, [])


def test_an_officials_correction_keeps_the_verification(client, official, verified_org_a):
    client.force_login(official)
    response = client.post(
        reverse("partners:edit", args=[verified_org_a.pk]),
        _profile(name="Công ty TNHH Thủy sản Đồ Sơn Hải Phòng"),
    )
    assert response.status_code == 302
    verified_org_a.refresh_from_db()
    assert (verified_org_a.name, verified_org_a.verified) == (
        "Công ty TNHH Thủy sản Đồ Sơn Hải Phòng",
        True,
    )


def test_renamed_organization_is_found_by_its_new_name(client, owner, org_a):
    from tests.factories import NeedFactory, OfferFactory

    offer = OfferFactory(organization=org_a, title="Máy cho tôm ăn tự động")
    need = NeedFactory(organization=org_a, title="Cần cảm biến oxy hòa tan")
    assert [o.pk for o in client.get("/offers/", {"q": "Do Son"}).context["page"]] == [offer.pk]
    client.force_login(owner)
    client.post(
        reverse("partners:edit", args=[org_a.pk]),
        _profile(name="Công ty TNHH Hải sản Cát Hải", name_en="Cat Hai Seafood Co., Ltd."),
    )
    found = {
        words: (
            [o.pk for o in client.get("/offers/", {"q": words}).context["page"]],
            [n.pk for n in client.get("/needs/", {"q": words}).context["page"]],
        )
        for words in ("Cat Hai", "hai san cat hai", "Do Son")
    }
    assert found == {
        "Cat Hai": ([offer.pk], [need.pk]),
        "hai san cat hai": ([offer.pk], [need.pk]),
        "Do Son": ([], []),
    }
