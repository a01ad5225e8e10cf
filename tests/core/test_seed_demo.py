import io

import pytest
from django.apps import apps
from django.core.management import call_command

from events.models import Event, Meeting
from matchmaking.models import Deal, TechnologyNeed, TechnologyOffer
from partners.models import Agreement, Organization

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", scale=40, stdout=io.StringIO())
    first = _row_counts()
    call_command("seed_demo", scale=40, stdout=io.StringIO())
    assert _row_counts() == first
    assert (first["matchmaking.TechnologyOffer"], first["matchmaking.TechnologyNeed"]) == (40, 40)


def test_seed_demo_scale_creates_that_many_offers_and_needs():
    call_command("seed_demo", scale=1000, stdout=io.StringIO())
    assert TechnologyOffer.objects.count() == 1000
    assert TechnologyNeed.objects.count() == 1000
    assert TechnologyOffer.objects.filter(sectors__isnull=True).count() == 0


def test_seed_demo_names_the_organizations_and_agreements_of_the_articles():
    call_command("seed_demo", scale=10, stdout=io.StringIO())
    names = set(Organization.objects.values_list("name_en", flat=True))
    assert {
        "Hai Phong Department of Science and Technology",
        "Canada-ASEAN Business Council",
        "Chungbuk Technopark",
        "Chungbuk Free Economic Zone Authority (CBFEZ)",
        "Jeollanam-do Department of Energy Industry",
        "Research Institute for Marine Fisheries",
    } <= names
    loi = Agreement.objects.get(partner__name_en="Canada-ASEAN Business Council", kind="loi")
    mou = Agreement.objects.get(partner__name_en="Canada-ASEAN Business Council", kind="mou")
    assert (str(loi.signed_on), mou.follows, mou.expected_on.year) == ("2024-10-14", loi, 2025)
    jeonnam = Agreement.objects.get(partner__name_en="Jeollanam-do Department of Energy Industry")
    assert (jeonnam.signed_on.year, jeonnam.signed_on.month) == (2023, 7)
    assert Event.objects.filter(title__contains="Techfest Hải Phòng 2023").count() == 1


def test_seed_demo_reproduces_the_korean_figures_from_rows():
    """Over 10 Korean sessions, 600 1:1 meetings, contracts over 100 billion VND (to 2023)."""
    call_command("seed_demo", scale=10, stdout=io.StringIO())
    korean = Event.objects.filter(
        partners__country="KR",
        starts_on__year__lte=2023,
        kind__in=[Event.Kind.CONNECTION_SESSION, Event.Kind.B2B],
    ).distinct()
    meetings = Meeting.objects.filter(event__in=korean, status=Meeting.Status.HELD).count()
    signed = Deal.objects.filter(source_meeting__event__in=korean, stage="contract_signed")
    total = sum(deal.value_vnd for deal in signed)
    assert korean.count() > 10
    assert meetings == 600
    assert total > 100_000_000_000
