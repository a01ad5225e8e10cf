import pytest
from django.urls import reverse
from django.utils import translation

from matchmaking.models import MatchScore, PublicationStatus, TechnologyNeed
from matchmaking.services import record_return
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _form(org, **overrides):
    data = {
        "organization": org.pk,
        "title": "Xử lý nước thải ao nuôi tôm",
        "description": "Khu nuôi 50 ha cần xử lý nước thải đạt quy chuẩn trước khi xả.",
        "title_en": "Shrimp-pond wastewater treatment",
        "summary_en": "",
        "keywords": "nước thải, ao tôm; wastewater",
        "sectors": ["ENV.WAT", "AQU"],
        "min_trl": "6",
        "transfer_modes": ["turnkey"],
        "budget_min": "500000000",
        "budget_max": "2000000000",
        "currency": "VND",
        "deadline": "2027-06-30",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def test_member_posts_a_need_as_a_draft(client, member, org_a):
    client.force_login(member)
    response = client.post(reverse("matchmaking:need_create"), _form(org_a))
    need = TechnologyNeed.objects.get()
    assert response.status_code == 302
    assert response["Location"] == need.get_absolute_url()
    assert (need.organization, need.status, need.created_by) == (org_a, "draft", member)
    assert need.keywords == ["nước thải", "ao tôm", "wastewater"]
    assert sorted(need.sectors.values_list("code", flat=True)) == ["AQU", "ENV.WAT"]
    assert list(need.transfer_modes.values_list("code", flat=True)) == ["turnkey"]


def test_need_with_budget_upside_down_is_refused_with_a_message_and_nothing_saved(
    client, member, org_a
):
    client.force_login(member)
    response = client.post(
        reverse("matchmaking:need_create"), _form(org_a, budget_min="9000", budget_max="10")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["budget_max"] == [
        "Cận trên không được nhỏ hơn cận dưới."
    ]
    assert response.context["form"]["title"].value() == "Xử lý nước thải ao nuôi tôm"
    assert TechnologyNeed.objects.count() == 0


def test_need_trl_outside_1_to_9_is_refused(client, member, org_a):
    client.force_login(member)
    response = client.post(reverse("matchmaking:need_create"), _form(org_a, min_trl="12"))
    assert "min_trl" in response.context["form"].errors


def test_cannot_post_a_need_for_another_organization(client, member, org_b):
    client.force_login(member)
    response = client.post(reverse("matchmaking:need_create"), _form(org_b))
    assert "organization" in response.context["form"].errors
    assert TechnologyNeed.objects.count() == 0


def test_user_without_organization_cannot_post(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_user("lone@example.org", "x", full_name="L")
    )
    assert client.get(reverse("matchmaking:need_create")).status_code == 403


def test_member_publishes_a_need_at_once_even_before_verification(client, member, org_a):
    assert org_a.verified is False
    need = NeedFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(member)
    client.post(reverse("matchmaking:need_publish", args=[need.reference]))
    need.refresh_from_db()
    assert (need.status, need.published_at is not None) == ("published", True)


def test_outsider_cannot_edit_publish_or_archive_a_need(client, outsider, org_a):
    need = NeedFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(outsider)
    urls = [
        reverse(name, args=[need.reference])
        for name in (
            "matchmaking:need_edit",
            "matchmaking:need_publish",
            "matchmaking:need_archive",
        )
    ]
    assert client.get(urls[0]).status_code == 404
    assert [client.post(url, _form(org_a)).status_code for url in urls] == [404, 404, 404]
    need.refresh_from_db()
    assert (need.status, need.title) == ("draft", need.title)


def test_archiving_a_need_removes_its_scores(client, member, org_a):
    need = NeedFactory(organization=org_a)
    MatchScore.objects.create(offer=OfferFactory(), need=need, score=0.4, algorithm_version="t")
    client.force_login(member)
    client.post(reverse("matchmaking:need_archive", args=[need.reference]))
    need.refresh_from_db()
    assert (need.status, MatchScore.objects.count()) == ("archived", 0)


def test_members_only_need_is_hidden_from_anonymous_visitors(client, outsider):
    need = NeedFactory(visibility=TechnologyNeed.Visibility.MEMBERS)
    url = reverse("matchmaking:need_detail", args=[need.reference])
    assert client.get(url).status_code == 404
    assert list(client.get(reverse("matchmaking:need_list")).context["page"]) == []
    client.force_login(outsider)
    assert client.get(url).status_code == 200


def test_need_page_shows_recommended_offers_with_reasons(client):
    need = NeedFactory()
    offer = OfferFactory(title="Recirculating shrimp farming")
    MatchScore.objects.create(
        offer=offer,
        need=need,
        score=0.83,
        algorithm_version="t",
        components={"sector": 1.0},
        reasons=[{"code": "sector_same", "params": {"sectors": ["AQU.FAR"]}}],
    )
    page = client.get(reverse("matchmaking:need_detail", args=[need.reference])).content.decode()
    assert "Recirculating shrimp farming" in page
    assert "cùng lĩnh vực: Công nghệ nuôi trồng thủy sản" in page
    assert 'value="0.83"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_need_list_query_count_is_constant(client, django_assert_num_queries, count):
    NeedFactory.create_batch(count)
    # count, page with organisations, sectors prefetch, sector tree for the filter
    with django_assert_num_queries(4):
        response = client.get(reverse("matchmaking:need_list"))
    assert len(response.context["page"]) == count


def test_new_need_form_preselects_the_members_only_organization(client, member, org_a):
    client.force_login(member)
    form = client.get(reverse("matchmaking:need_create")).context["form"]
    assert form["organization"].value() == org_a.pk


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PublicationStatus.ARCHIVED, "An archived need cannot be published again."),
        (PublicationStatus.PENDING_REVIEW, "This need is waiting for the officials' review."),
    ],
)
def test_only_a_draft_need_can_be_published(client, member, org_a, status, message):
    need = NeedFactory(organization=org_a, status=status, published_at=None)
    client.force_login(member)
    with translation.override("en"):
        url = reverse("matchmaking:need_publish", args=[need.reference])
    response = client.post(url, follow=True)
    need.refresh_from_db()
    assert (need.status, need.published_at) == (status, None)
    assert [str(m) for m in response.context["messages"]] == [message]


def test_a_need_sent_back_goes_to_review_before_it_is_published_again(
    client, member, official, org_a
):
    need = NeedFactory(organization=org_a, status=PublicationStatus.PENDING_REVIEW)
    record_return(record=need, official=official, note="Nêu rõ công suất xử lý.")
    client.force_login(member)
    client.post(reverse("matchmaking:need_publish", args=[need.reference]))
    need.refresh_from_db()
    assert (need.status, need.review_note) == ("pending_review", "Nêu rõ công suất xử lý.")
    client.force_login(official)
    assert client.get(reverse("matchmaking:review")).context["needs"] == [need]
    client.post(reverse("matchmaking:review_approve", args=["needs", need.reference]))
    need.refresh_from_db()
    assert (need.status, need.review_note) == ("published", "")


def test_needs_list_search_ignores_accents_like_the_catalogue(client):
    shrimp = NeedFactory(title="Cần công nghệ nuôi tôm tuần hoàn")
    NeedFactory(title="Cần máy sấy nông sản", description="Sấy lạnh trái cây xuất khẩu.")
    found = {
        words: [n.pk for n in client.get("/needs/", {"q": words}).context["page"]]
        for words in ("nuoi tom", "NUÔI TÔM", "tôm tuần")
    }
    assert found == {"nuoi tom": [shrimp.pk], "NUÔI TÔM": [shrimp.pk], "tôm tuần": [shrimp.pk]}
