import pytest
from django.urls import reverse

from matchmaking import scoring, services
from matchmaking.models import MatchScore, ScoringRun
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _score(offer, need, value=0.5):
    return MatchScore.objects.create(
        offer=offer,
        need=need,
        score=value,
        algorithm_version=scoring.ALGORITHM_VERSION,
        reasons=[{"code": "trl_ok", "params": {"trl": 8, "min_trl": 6}}],
    )


def test_matches_page_refuses_anonymous_and_non_officials(client, member):
    url = reverse("matchmaking:match_list")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(reverse("matchmaking:recompute")).status_code == 403
    assert ScoringRun.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_matches_page_query_count_is_constant(client, official, django_assert_num_queries, count):
    for _ in range(count):
        _score(OfferFactory(), NeedFactory())
    client.force_login(official)
    # session, user, memberships (layout), official check, count, page of matches with both
    # records and organisations, sector tree, latest run
    with django_assert_num_queries(8):
        response = client.get(reverse("matchmaking:match_list"))
    assert len(response.context["page"]) == count


def test_matches_page_filters_by_minimum_score_and_sector(client, official):
    strong = _score(OfferFactory(sectors=["ENV.WAT"]), NeedFactory(sectors=["ENV.WAT"]), 0.9)
    _score(OfferFactory(), NeedFactory(), 0.3)
    client.force_login(official)
    by_score = client.get(reverse("matchmaking:match_list"), {"min_score": "0.5"})
    by_sector = client.get(reverse("matchmaking:match_list"), {"sector": "ENV"})
    assert list(by_score.context["page"]) == [strong]
    assert list(by_sector.context["page"]) == [strong]


def test_recompute_button_runs_a_full_recompute_and_shows_progress(
    client, official, django_capture_on_commit_callbacks
):
    offer, need = OfferFactory(sectors=["AQU.FAR"]), NeedFactory(sectors=["AQU.FAR"])
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matchmaking:recompute"), HTTP_HX_REQUEST="true")
    run = ScoringRun.objects.get(kind="full")
    assert response.status_code == 200
    assert run.status == "succeeded"
    assert MatchScore.objects.filter(offer=offer, need=need).count() == 1
    progress = client.get(reverse("matchmaking:run_progress", args=[run.pk])).content.decode()
    assert "hx-trigger" not in progress  # finished: the page stops polling


def test_progress_of_a_running_recompute_keeps_polling(client, official):
    run = ScoringRun.objects.create(
        kind="full", status="running", total=200, done=50, algorithm_version="1"
    )
    client.force_login(official)
    page = client.get(reverse("matchmaking:run_progress", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'value="25"' in page


def test_second_recompute_request_while_one_runs_returns_the_same_run(official):
    first = services.scoring_run_start(user=official)
    assert services.scoring_run_start(user=official) == first
    assert ScoringRun.objects.count() == 1


def test_offer_page_lists_needs_it_answers_respecting_visibility(client, outsider):
    offer = OfferFactory()
    public, members = (
        NeedFactory(title="Public need"),
        NeedFactory(title="Members need", visibility="members"),
    )
    _score(offer, public, 0.8)
    _score(offer, members, 0.7)
    url = reverse("matchmaking:offer_detail", args=[offer.reference])
    anonymous = [m.need for m in client.get(url).context["interested_needs"]]
    client.force_login(outsider)
    logged_in = [m.need for m in client.get(url).context["interested_needs"]]
    assert (anonymous, logged_in) == ([public], [public, members])
