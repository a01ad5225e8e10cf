"""Sectors, organisations, offers, needs and match scores through the API: public reads,
the organisation's own writes through the services, and every refusal."""

import pytest

from matchmaking.models import PublicationStatus, TechnologyNeed, TechnologyOffer
from partners.models import Organization
from tests.api.conftest import client_with_token, problem
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

OFFER = {"title": "Máy sấy lạnh", "trl": 6, "sectors": ["AGR.FOD"]}
NEED = {"title": "Cần máy sấy", "description": "Sấy trái cây xuất khẩu.", "sectors": ["AGR.FOD"]}


def _refs(response) -> list[str]:
    return [row["reference"] for row in response.json()["results"]]


def _row(model, pk) -> dict:
    """Every column of a row, to compare before and after a refused change."""
    return model.objects.filter(pk=pk).values().get()


# --- Reference data -------------------------------------------------------------------------------


def test_sectors_list_the_taxonomy(api):
    response = api.get("/api/v1/sectors/")
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()]
    assert "AQU" in codes
    assert "AQU.FAR" in codes
    leaf = api.get("/api/v1/sectors/AQU.FAR/").json()
    assert (leaf["parent"], leaf["name_en"]) == ("AQU", leaf["name"])


def test_transfer_modes_are_listed(api):
    codes = [row["code"] for row in api.get("/api/v1/transfer-modes/").json()]
    assert "licence" in codes


# --- Organisations --------------------------------------------------------------------------------


def test_organisations_show_public_data_only(api, org_a):
    org_a.email, org_a.phone = "contact@doson.vn", "0225 123 456"
    org_a.save()
    row = api.get(f"/api/v1/organisations/{org_a.pk}/").json()
    assert row["name"] == org_a.name
    assert {"email", "phone", "address", "tax_code"} & set(row) == set()


def test_organisations_mine_gives_the_full_profile_and_role(owner, org_a, org_b):
    response = client_with_token(owner).get("/api/v1/organisations/mine/")
    [row] = response.json()["results"]
    assert (row["id"], row["role"], row["tax_code"]) == (org_a.pk, "admin", org_a.tax_code)


def test_organisation_admin_changes_the_profile(owner, org_a):
    response = client_with_token(owner).patch(
        f"/api/v1/organisations/{org_a.pk}/",
        {"province": "Hải Phòng", "sectors": ["AQU.FAR"]},
    )
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.province == "Hải Phòng"
    assert list(org_a.sectors.values_list("code", flat=True)) == ["AQU.FAR"]


def test_organisation_verification_cannot_be_set_by_its_admin(owner, org_a):
    response = client_with_token(owner).patch(
        f"/api/v1/organisations/{org_a.pk}/",
        {"verified": True, "review_note": "self-approved", "province": "Hải Phòng"},
    )
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert (org_a.verified, org_a.review_note, org_a.province) == (False, "", "Hải Phòng")


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_organisation_profile_refused_to_others(request, org_a, who):
    before = _row(Organization, org_a.pk)
    client = client_with_token(request.getfixturevalue(who))
    response = client.patch(f"/api/v1/organisations/{org_a.pk}/", {"name": "Taken over"})
    assert response.status_code == 403
    assert problem(response)["code"] == "permission_denied"
    assert _row(Organization, org_a.pk) == before


def test_organisation_profile_refused_to_anonymous(api, org_a):
    before = _row(Organization, org_a.pk)
    assert api.patch(f"/api/v1/organisations/{org_a.pk}/", {"name": "X"}).status_code == 401
    assert _row(Organization, org_a.pk) == before


def test_organisation_vietnamese_firm_keeps_its_tax_code(owner, org_a):
    response = client_with_token(owner).patch(
        f"/api/v1/organisations/{org_a.pk}/", {"tax_code": ""}
    )
    assert response.status_code == 400
    assert [e["pointer"] for e in problem(response)["errors"]] == ["#/tax_code"]


# --- Offers ---------------------------------------------------------------------------------------


def test_offers_list_published_ones_with_the_catalogue_filters(api):
    shrimp = OfferFactory(title="Shrimp RAS", trl=8)
    drone = OfferFactory(title="Drone sprayer", summary="Spraying rice fields.", trl=5)
    OfferFactory(title="Draft", status=PublicationStatus.DRAFT, published_at=None)
    OfferFactory(title="Waiting", status=PublicationStatus.PENDING_REVIEW, published_at=None)
    assert len(_refs(api.get("/api/v1/offers/"))) == 2
    assert _refs(api.get("/api/v1/offers/", {"trl_min": 7})) == [shrimp.reference]
    assert _refs(api.get("/api/v1/offers/", {"q": "drone"})) == [drone.reference]
    assert _refs(api.get("/api/v1/offers/", {"sort": "-trl"}))[0] == shrimp.reference


def test_offers_of_another_organisation_in_draft_are_not_found(member, org_b):
    draft = OfferFactory(organization=org_b, status=PublicationStatus.DRAFT, published_at=None)
    client = client_with_token(member)
    response = client.get(f"/api/v1/offers/{draft.reference}/")
    assert response.status_code == 404
    assert problem(response)["code"] == "not_found"
    assert draft.reference not in _refs(client.get("/api/v1/offers/"))


def test_offers_own_drafts_are_readable(member, org_a):
    draft = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    client = client_with_token(member)
    assert client.get(f"/api/v1/offers/{draft.reference}/").status_code == 200
    assert _refs(client.get("/api/v1/offers/mine/")) == [draft.reference]


def test_offer_create_uses_the_persons_organisation_as_a_draft(member, org_a):
    response = client_with_token(member).post("/api/v1/offers/", OFFER)
    assert response.status_code == 201
    offer = TechnologyOffer.objects.get(reference=response.json()["reference"])
    assert (offer.organization, offer.status, offer.created_by) == (org_a, "draft", member)
    assert list(offer.sectors.values_list("code", flat=True)) == ["AGR.FOD"]


def test_offer_protected_fields_cannot_be_set_at_creation(member, org_a):
    response = client_with_token(member).post(
        "/api/v1/offers/",
        {
            **OFFER,
            "status": "published",
            "reference": "OF-00-HACKED",
            "published_at": "2020-01-01T00:00:00Z",
            "review_note": "approved",
        },
    )
    assert response.status_code == 201
    offer = TechnologyOffer.objects.get(reference=response.json()["reference"])
    assert offer.reference != "OF-00-HACKED"
    assert (offer.status, offer.published_at, offer.review_note) == ("draft", None, "")


def test_offer_cannot_be_created_for_another_organisation(member, org_b):
    response = client_with_token(member).post(
        "/api/v1/offers/", {**OFFER, "organization": org_b.pk}
    )
    assert response.status_code == 403
    assert TechnologyOffer.objects.count() == 0


def test_offer_creation_needs_an_organisation(db):
    from tests.factories import UserFactory

    response = client_with_token(UserFactory()).post("/api/v1/offers/", OFFER)
    assert response.status_code == 400
    assert [e["pointer"] for e in problem(response)["errors"]] == ["#/organization"]


def test_offer_protected_fields_cannot_be_changed(member, org_a, org_b):
    offer = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    before = _row(TechnologyOffer, offer.pk)
    response = client_with_token(member).patch(
        f"/api/v1/offers/{offer.reference}/",
        {
            "organization": org_b.pk,
            "status": "published",
            "reference": "OF-00-HACKED",
            "review_note": "ok",
        },
    )
    assert response.status_code == 200
    after = _row(TechnologyOffer, offer.pk)
    for field in ("organization_id", "status", "reference", "review_note", "published_at"):
        assert after[field] == before[field]


def test_offer_of_another_organisation_cannot_be_changed(member, org_b):
    offer = OfferFactory(organization=org_b, title="Theirs")
    before = _row(TechnologyOffer, offer.pk)
    client = client_with_token(member)
    for method, url, body in (
        ("patch", f"/api/v1/offers/{offer.reference}/", {"title": "Mine now"}),
        ("put", f"/api/v1/offers/{offer.reference}/", {**OFFER, "title": "Mine now"}),
        ("post", f"/api/v1/offers/{offer.reference}/archive/", None),
        ("post", f"/api/v1/offers/{offer.reference}/submit/", None),
    ):
        response = getattr(client, method)(url, body)
        assert response.status_code == 403, (method, url)
        assert problem(response)["status"] == 403
    assert _row(TechnologyOffer, offer.pk) == before


def test_offer_submit_sends_it_to_review_and_archive_withdraws_it(member, org_a):
    offer = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    client = client_with_token(member)
    response = client.post(f"/api/v1/offers/{offer.reference}/submit/")
    assert (response.status_code, response.json()["status"]) == (200, "pending_review")
    response = client.post(f"/api/v1/offers/{offer.reference}/archive/")
    assert (response.status_code, response.json()["status"]) == (200, "archived")


def test_offer_invalid_input_is_refused_with_field_errors(member, org_a):
    response = client_with_token(member).post(
        "/api/v1/offers/",
        {"title": "", "trl": 12, "sectors": ["NOPE"], "price_min": "10", "price_max": "5"},
    )
    assert response.status_code == 400
    pointers = {e["pointer"] for e in problem(response)["errors"]}
    assert pointers == {"#/title", "#/trl", "#/sectors"}


def test_offer_price_range_is_checked_by_the_model(member, org_a):
    response = client_with_token(member).post(
        "/api/v1/offers/", {**OFFER, "price_min": "10.00", "price_max": "5.00"}
    )
    assert response.status_code == 400
    assert TechnologyOffer.objects.count() == 0


# --- Needs ----------------------------------------------------------------------------------------


def test_needs_members_only_ones_need_a_log_in(api, member, org_b):
    public = NeedFactory(organization=org_b)
    members = NeedFactory(organization=org_b, visibility=TechnologyNeed.Visibility.MEMBERS)
    NeedFactory(organization=org_b, status=PublicationStatus.DRAFT)
    assert _refs(api.get("/api/v1/needs/")) == [public.reference]
    assert api.get(f"/api/v1/needs/{members.reference}/").status_code == 404
    client = client_with_token(member)
    assert sorted(_refs(client.get("/api/v1/needs/"))) == sorted(
        [public.reference, members.reference]
    )
    assert client.get(f"/api/v1/needs/{members.reference}/").status_code == 200


def test_needs_of_another_organisation_in_draft_are_not_found(member, org_b):
    draft = NeedFactory(organization=org_b, status=PublicationStatus.DRAFT)
    assert client_with_token(member).get(f"/api/v1/needs/{draft.reference}/").status_code == 404


def test_need_create_publish_archive(member, org_a):
    client = client_with_token(member)
    response = client.post("/api/v1/needs/", {**NEED, "visibility": "members"})
    assert response.status_code == 201
    reference = response.json()["reference"]
    assert response.json()["status"] == "draft"
    response = client.post(f"/api/v1/needs/{reference}/publish/")
    assert response.json()["status"] == "published"
    assert client.post(f"/api/v1/needs/{reference}/archive/").json()["status"] == "archived"
    need = TechnologyNeed.objects.get(reference=reference)
    assert (need.organization, need.visibility, need.status) == (org_a, "members", "archived")


def test_need_of_another_organisation_cannot_be_changed(member, org_b):
    need = NeedFactory(organization=org_b)
    before = _row(TechnologyNeed, need.pk)
    client = client_with_token(member)
    assert client.patch(f"/api/v1/needs/{need.reference}/", {"title": "X"}).status_code == 403
    assert client.post(f"/api/v1/needs/{need.reference}/archive/").status_code == 403
    assert _row(TechnologyNeed, need.pk) == before


# --- Match scores ---------------------------------------------------------------------------------


def test_match_scores_are_those_of_the_persons_records(api, member, outsider, portal):
    response = client_with_token(member).get("/api/v1/match-scores/")
    rows = response.json()["results"]
    assert [(r["offer"]["reference"], r["need"]["reference"]) for r in rows] == [
        (portal["b_offer"].reference, portal["a_need"].reference),
        (portal["a_offer"].reference, portal["b_need"].reference),
    ]
    assert rows[0]["reasons"] == ["same sector: Aquaculture farming systems"]
    filtered = client_with_token(member).get(
        "/api/v1/match-scores/", {"need": portal["a_need"].reference}
    )
    assert len(filtered.json()["results"]) == 1
    assert api.get("/api/v1/match-scores/").status_code == 401
