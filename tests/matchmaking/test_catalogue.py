"""The offers catalogue: filters in the URL, accent-insensitive search, sorting, htmx partials."""

from decimal import Decimal

import pytest
from django.db import connection

from matchmaking.models import Sector, TransferMode
from tests.factories import ForeignOrganizationFactory, OfferFactory

pytestmark = pytest.mark.django_db
URL = "/offers/"


def _titles(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [offer.title for offer in response.context["page"]]


def test_search_ignores_accents_both_ways(client):
    OfferFactory(title="Công nghệ nuôi tôm tuần hoàn", language="vi")
    OfferFactory(title="Rooftop solar")
    assert _titles(client, q="nuoi tom") == ["Công nghệ nuôi tôm tuần hoàn"]
    assert _titles(client, q="NUÔI TÔM") == ["Công nghệ nuôi tôm tuần hoàn"]


def test_search_finds_keywords_and_organization_names(client):
    OfferFactory(
        title="Cage system",
        keywords=["HDPE", "lồng nuôi"],
        organization=ForeignOrganizationFactory(name="Penghu Aquatech Co., Ltd."),
    )
    OfferFactory(title="Other")
    assert _titles(client, q="long nuoi") == ["Cage system"]
    assert _titles(client, q="penghu") == ["Cage system"]


def test_search_tolerates_a_typo_on_postgresql(client):
    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is the PostgreSQL search")
    OfferFactory(title="Recirculating shrimp farming system")
    OfferFactory(title="Rooftop solar panels")
    assert _titles(client, q="recirculatng shrimp") == ["Recirculating shrimp farming system"]


def test_filters_by_trl_range_mode_and_ip_status(client):
    OfferFactory(title="Mature", trl=9, ip_status="patented")
    young = OfferFactory(title="Young", trl=4, ip_status="none")
    young.transfer_modes.set(["licence"])
    assert _titles(client, trl_min=8) == ["Mature"]
    assert _titles(client, trl_max=5, mode="licence") == ["Young"]
    assert _titles(client, ip="patented") == ["Mature"]


def test_price_filter_converts_currencies(client, settings):
    settings.CURRENCY_RATES_VND = {"VND": 1, "USD": 25_000, "KRW": 20}
    OfferFactory(
        title="Cheap in VND",
        price_min=Decimal(50_000_000),
        price_max=Decimal(100_000_000),
        currency="VND",
    )
    OfferFactory(
        title="Dear in USD", price_min=Decimal(400_000), price_max=Decimal(900_000), currency="USD"
    )
    OfferFactory(title="Mid in KRW", price_min=Decimal(100_000_000), price_max=None, currency="KRW")
    # Up to 10,000 USD = 250 million VND: 50-100 million VND and 2,000 million VND (KRW) out.
    assert _titles(client, price_to=10_000, price_currency="USD") == ["Cheap in VND"]
    assert sorted(_titles(client, price_from=1_000_000_000, price_currency="VND")) == [
        "Dear in USD",
        "Mid in KRW",
    ]


def test_filters_by_country_and_kind_of_organization(client):
    OfferFactory(title="Korean", organization=ForeignOrganizationFactory(country="KR"))
    OfferFactory(
        title="Taiwanese institute",
        organization=ForeignOrganizationFactory(country="TW", kind="research_institute"),
    )
    assert _titles(client, country="KR") == ["Korean"]
    assert _titles(client, kind="research_institute") == ["Taiwanese institute"]


def test_sorting_by_maturity_and_by_title(client):
    OfferFactory(title="B middle", trl=6)
    OfferFactory(title="A young", trl=4)
    OfferFactory(title="C mature", trl=9)
    assert _titles(client, sort="-trl") == ["C mature", "B middle", "A young"]
    assert _titles(client, sort="title") == ["A young", "B middle", "C mature"]


def test_pagination_links_keep_the_filters(client):
    OfferFactory.create_batch(21, trl=8)
    page = client.get(URL, {"trl_min": 8, "sort": "title"}).content.decode()
    assert "?page=2&amp;sort=title&amp;trl_min=8" in page


def test_htmx_request_gets_only_the_results(client):
    OfferFactory(title="Recirculating shrimp farming system")
    response = client.get(URL, {"q": "shrimp"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Recirculating shrimp farming system" in body
    assert "<html" not in body


def test_invalid_filter_values_are_reported_not_crashing(client):
    response = client.get(URL, {"trl_min": "abc", "sector": "NOPE"})
    page = response.content.decode()
    assert response.status_code == 200
    assert ('id="id_trl_min_errors"' in page, 'id="id_sector_errors"' in page) == (True, True)


def test_cached_results_follow_every_change_to_an_offer(client):
    offer = OfferFactory(title="Shrimp RAS", trl=7)
    assert _titles(client, q="shrimp") == ["Shrimp RAS"]
    offer.title = "Shrimp RAS, second generation"
    offer.save()
    assert _titles(client, q="shrimp") == ["Shrimp RAS, second generation"]
    offer.status = "archived"
    offer.save()
    assert _titles(client, q="shrimp") == []


def test_history_restore_request_gets_the_whole_page(client):
    # htmx asks for the whole page when going back finds nothing in its history cache.
    OfferFactory(title="Recirculating shrimp farming system")
    response = client.get(
        URL, {"q": "shrimp"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    body = response.content.decode()
    assert ("<html" in body, 'id="offer-results"' in body) == (True, True)
    assert "Recirculating shrimp farming system" in body


def test_page_and_fragment_are_told_apart_by_caches(client):
    page = client.get(URL, {"q": "shrimp"})
    fragment = client.get(URL, {"q": "shrimp"}, HTTP_HX_REQUEST="true")
    assert "HX-Request" in page["Vary"]
    assert "HX-Request" in fragment["Vary"]


def test_junk_parameters_share_the_cache_entry_of_the_clean_url(client, django_assert_num_queries):
    OfferFactory(title="Shrimp RAS", trl=7)
    client.get(URL, {"q": "shrimp", "trl_min": "7"})
    with django_assert_num_queries(0):
        response = client.get(
            URL, {"trl_min": "7.0", "q": " shrimp ", "utm_source": "mail", "fbclid": "x1"}
        )
    assert [title for title in ["Shrimp RAS"] if title in response.content.decode()] == [
        "Shrimp RAS"
    ]


def test_pagination_links_carry_only_the_filters(client):
    OfferFactory.create_batch(21, trl=8)
    results = client.get(URL, {"trl_min": "08", "utm_source": "mail"}, HTTP_HX_REQUEST="true")
    assert 'href="?page=2&amp;trl_min=8"' in results.content.decode()
    assert "utm_source" not in results.content.decode()


def test_refused_filter_values_are_not_cached(client, django_assert_num_queries):
    OfferFactory(title="Shrimp RAS", trl=7)
    client.get(URL, {"trl_min": "12"})
    # Computed again, not read from the cache (only valid filters get an entry): the count,
    # the page and its sectors; the filters' choices come from the cache.
    with django_assert_num_queries(3):
        response = client.get(URL, {"trl_min": "12"})
    assert 'id="id_trl_min_errors"' in response.content.decode()


def test_cached_filter_panel_follows_renamed_sectors_and_modes(client):
    client.get(URL)
    sector = Sector.objects.get(code="AQU.FAR")
    sector.name_vi = "Nuôi trồng thủy sản tuần hoàn"
    sector.save()
    mode = TransferMode.objects.get(code="licence")
    mode.name_vi = "Chuyển giao quyền sử dụng"
    mode.save()
    page = client.get(URL).content.decode()
    assert ("Nuôi trồng thủy sản tuần hoàn" in page, "Chuyển giao quyền sử dụng" in page) == (
        True,
        True,
    )


def test_checkbox_groups_are_fieldsets_named_by_their_legend(client):
    import re

    page = client.get("/en" + URL).content.decode()
    groups = {
        legend: [
            re.search(r'name="(\w+)"', tag)[1]
            for tag in re.findall(r"<input[^>]*>", body)
            if 'type="checkbox"' in tag
        ]
        for legend, body in re.findall(
            r'<fieldset class="mb-3">\s*<legend class="form-label fs-6 mb-1">([^<]+)</legend>'
            r"(.*?)</fieldset>",
            page,
            re.S,
        )
    }
    assert {legend: set(names) for legend, names in groups.items()} == {
        "Transfer modes": {"mode"},
        "Intellectual property": {"ip"},
    }
    assert (len(groups["Transfer modes"]), len(groups["Intellectual property"])) == (8, 7)
    assert ('for="id_mode"' in page, 'for="id_ip"' in page) == (False, False)


def test_sector_choices_stay_current_once_the_filter_fields_exist(client):
    # The API schema builds the shared filters' form fields once per process; their choices
    # must still be read per request, not frozen at that moment.
    from matchmaking.filters import OfferFilter

    assert OfferFilter.base_filters["sector"].field is not None
    OfferFactory(title="Shrimp RAS", sectors=["AQU.FAR"])
    OfferFactory(title="Rooftop solar", sectors=["ENE.SOL"])
    assert _titles(client, sector="AQU") == ["Shrimp RAS"]
