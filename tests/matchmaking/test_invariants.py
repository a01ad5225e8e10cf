"""The database itself refuses impossible offers, needs and scores (no model validation used)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from matchmaking.models import MatchScore
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _violates(statement):
    with pytest.raises(IntegrityError), transaction.atomic():
        statement()


@pytest.mark.parametrize("trl", [0, 10])
def test_offer_trl_outside_1_to_9_is_refused(trl):
    _violates(lambda: OfferFactory(trl=trl))


def test_offer_trl_bounds_are_accepted():
    assert [OfferFactory(trl=1).trl, OfferFactory(trl=9).trl] == [1, 9]


def test_need_min_trl_outside_1_to_9_is_refused():
    _violates(lambda: NeedFactory(min_trl=10))


def test_offer_price_min_above_max_is_refused():
    _violates(lambda: OfferFactory(price_min=Decimal(500), price_max=Decimal(100)))


def test_need_budget_min_above_max_is_refused():
    _violates(lambda: NeedFactory(budget_min=Decimal(2_000_000), budget_max=Decimal(1_000_000)))


def test_need_budget_equal_bounds_are_accepted():
    need = NeedFactory(budget_min=Decimal(1_000_000), budget_max=Decimal(1_000_000))
    assert need.budget_min == need.budget_max


def test_score_is_unique_per_offer_and_need():
    offer, need = OfferFactory(), NeedFactory()
    MatchScore.objects.create(offer=offer, need=need, score=0.5, algorithm_version="t")
    _violates(
        lambda: MatchScore.objects.create(offer=offer, need=need, score=0.7, algorithm_version="t")
    )


def test_score_outside_0_to_1_is_refused():
    _violates(
        lambda: MatchScore.objects.create(
            offer=OfferFactory(), need=NeedFactory(), score=1.2, algorithm_version="t"
        )
    )
