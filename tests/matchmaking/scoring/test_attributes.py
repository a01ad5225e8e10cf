from matchmaking.scoring import NEUTRAL, rank
from tests.matchmaking.scoring.builders import component, need, offer, offer_ids


def test_trl_component_is_one_at_or_above_the_minimum_and_decays_below():
    offers = [
        offer("O1", trl=8),
        offer("O2", trl=6),
        offer("O3", trl=5),
        offer("O4", trl=2),
        offer("O5"),
    ]
    result = rank(offers, [need("N1", min_trl=6), need("N2")])
    assert component(result, "N1", "trl") == {
        "O1": 1.0,
        "O2": 1.0,
        "O3": 0.75,
        "O5": NEUTRAL,
        "O4": 0.0,
    }
    # Everything else is equal, so TRL alone orders them (the tie O1/O2 by id).
    assert offer_ids(result.for_need("N1")) == ["O1", "O2", "O3", "O5", "O4"]
    assert set(component(result, "N2", "trl").values()) == {1.0}


def test_mode_component_is_the_share_of_wanted_modes_offered():
    offers = [
        offer("O1", transfer_modes=["licence"]),
        offer("O2", transfer_modes=["licence", "training", "turnkey"]),
        offer("O3", transfer_modes=["turnkey"]),
        offer("O4"),
    ]
    result = rank(offers, [need("N1", transfer_modes=["licence", "training"]), need("N2")])
    assert component(result, "N1", "mode") == {"O1": 0.5, "O2": 1.0, "O3": 0.0, "O4": NEUTRAL}
    assert component(result, "N2", "mode") == {"O1": 1.0, "O2": 1.0, "O3": 1.0, "O4": 1.0}


def test_budget_component_converts_currencies_with_the_given_rates():
    rates = {"VND": 1.0, "USD": 25_000.0, "EUR": 27_000.0}
    offers = [
        offer("O1", price_min=100_000, currency="USD"),  # 2.5 bn VND: at the maximum
        offer("O2", price_min=200_000, currency="USD"),  # 5 bn: twice the maximum
        offer("O3", price_min=50_000, price_max=80_000, currency="EUR"),  # 1.35–2.16 bn
        offer("O4"),  # no price
        offer("O5", price_min=1_000, currency="XYZ"),  # no rate: unknown
        offer("O6", price_max=200_000_000),  # VND, a fifth of the minimum
    ]
    needs = [
        need("N1", budget_min=1e9, budget_max=2.5e9, currency="VND"),
        need("N2", budget_max=40_000, currency="USD"),  # 1 bn VND
        need("N3"),
    ]
    result = rank(offers, needs, rates=rates)
    assert component(result, "N1", "budget") == {
        "O1": 1.0,
        "O2": 0.5,
        "O3": 1.0,
        "O4": NEUTRAL,
        "O5": NEUTRAL,
        "O6": 0.2,
    }
    assert component(result, "N2", "budget")["O3"] == 0.7407  # 1 bn / 1.35 bn
    assert set(component(result, "N3", "budget").values()) == {1.0}


def test_budget_component_uses_the_default_rates_without_a_table():
    result = rank([offer("O1", price_min=100_000, currency="USD")], [need("N1", budget_max=2.5e9)])
    assert component(result, "N1", "budget") == {"O1": 0.9615}  # 2.5 bn / 2.6 bn


def test_country_component_checks_preferences_and_target_countries():
    offers = [
        offer("O1", country="KR"),
        offer("O2", country="TW"),
        offer("O3"),
        offer("O4", country="JP", target_countries=["TH"]),
        offer("O5", country="KR", target_countries=["VN"]),
    ]
    needs = [
        need("N1", country="VN", preferred_countries=["KR", "JP"]),
        need("N2"),
    ]
    result = rank(offers, needs)
    assert component(result, "N1", "country") == {
        "O1": 1.0,
        "O2": 0.0,
        "O3": NEUTRAL,
        "O4": 0.0,
        "O5": 1.0,
    }
    # No preference; O4 targets Thailand and the need's country is unknown.
    assert component(result, "N2", "country") == {
        "O1": 1.0,
        "O2": 1.0,
        "O3": 1.0,
        "O4": NEUTRAL,
        "O5": NEUTRAL,
    }
