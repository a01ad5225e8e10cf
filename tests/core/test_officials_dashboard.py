"""The officials' dashboard: what needs their attention, counted from the rows themselves."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Registration
from matchmaking.models import PublicationStatus, ScoringRun, TechnologyNeed, TechnologyOffer
from partners.models import Agreement, Organization
from partners.selectors import EXPIRY_WARNING_DAYS
from tests.factories import (
    EventFactory,
    ForeignOrganizationFactory,
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db
PENDING = PublicationStatus.PENDING_REVIEW
S = Agreement.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _agreement(partner, counterpart, **fields):
    return Agreement.objects.create(
        title=f"Agreement {Agreement.objects.count()}",
        kind=Agreement.Kind.MOU,
        partner=partner,
        counterpart=counterpart,
        **fields,
    )


@pytest.fixture
def busy_day(db):
    """A bit of everything, on both sides of each line the dashboard draws."""
    today = timezone.localdate()
    department = OrganizationFactory(kind="government_agency", tax_code="", verified=True)
    partner = ForeignOrganizationFactory(verified=True)
    ForeignOrganizationFactory.create_batch(6)  # to verify
    ForeignOrganizationFactory(returned_at=timezone.now(), review_note="Website?")  # sent back
    OfferFactory.create_batch(7, status=PENDING, published_at=None)
    OfferFactory.create_batch(2)  # published
    NeedFactory.create_batch(2, status=PENDING, published_at=None)
    NeedFactory(status=PublicationStatus.DRAFT, published_at=None)
    upcoming = EventFactory(
        starts_on=today + timedelta(days=10), ends_on=today + timedelta(days=10)
    )
    EventFactory(starts_on=today, ends_on=today, status=Event.Status.RUNNING)
    EventFactory(starts_on=today - timedelta(days=40), ends_on=today - timedelta(days=40))
    EventFactory(
        starts_on=today + timedelta(days=5),
        ends_on=today + timedelta(days=5),
        status=Event.Status.FINISHED,
    )
    RegistrationFactory.create_batch(3, event=upcoming, status=Registration.Status.PENDING)
    RegistrationFactory(event=upcoming, status=Registration.Status.APPROVED)
    _agreement(partner, department, status=S.ACTIVE, ends_on=today + timedelta(days=30))
    _agreement(partner, department, status=S.ACTIVE, ends_on=today - timedelta(days=3))
    _agreement(partner, department, status=S.SIGNED, ends_on=today + timedelta(days=90))
    _agreement(partner, department, status=S.ACTIVE, ends_on=today + timedelta(days=91))
    _agreement(partner, department, status=S.EXPIRED, ends_on=today - timedelta(days=30))
    _agreement(partner, department, status=S.PROPOSED, expected_on=today - timedelta(days=1))
    _agreement(partner, department, status=S.NEGOTIATING, expected_on=today - timedelta(days=60))
    _agreement(partner, department, status=S.NEGOTIATING, expected_on=today)
    _agreement(partner, department, status=S.SIGNED, expected_on=today - timedelta(days=9))
    ScoringRun.objects.create(kind="full", status="succeeded", algorithm_version="1")
    return today


def test_dashboard_counts_equal_the_rows(client, official, busy_day):
    today = busy_day
    client.force_login(official)
    response = client.get(reverse("core:officials"))
    assert response.status_code == 200
    expected = {
        "organization_count": Organization.objects.filter(
            verified=False, returned_at__isnull=True
        ).count(),
        "offer_count": TechnologyOffer.objects.filter(status=PENDING).count(),
        "need_count": TechnologyNeed.objects.filter(status=PENDING).count(),
        "registration_count": Registration.objects.filter(
            status=Registration.Status.PENDING
        ).count(),
        "event_count": Event.objects.filter(ends_on__gte=today)
        .exclude(status=Event.Status.FINISHED)
        .count(),
        "expiring_count": Agreement.objects.filter(
            status__in=[S.SIGNED, S.ACTIVE],
            ends_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
        ).count(),
        "overdue_count": Agreement.objects.filter(
            status__in=[S.PROPOSED, S.NEGOTIATING], expected_on__lt=today
        ).count(),
    }
    assert {key: response.context[key] for key in expected} == expected
    # Every factory-made organisation is unverified too, so only the others are spelt out.
    assert {key: value for key, value in expected.items() if key != "organization_count"} == {
        "offer_count": 7,
        "need_count": 2,
        "registration_count": 3,
        "event_count": 2,
        "expiring_count": 3,
        "overdue_count": 2,
    }
    html = response.content.decode()
    badges = {
        "organizations": expected["organization_count"],
        "offers": 7,
        "needs": 2,
        "registrations": 3,
        "events": 2,
        "expiring": 3,
        "overdue": 2,
    }
    for name, value in badges.items():
        assert f'data-count="{name}"' in html
        assert html.split(f'data-count="{name}"')[1].split(">")[1].startswith(f"{value}<")


def test_dashboard_lists_show_the_oldest_first_five_at_most(client, official, busy_day):
    client.force_login(official)
    context = client.get(reverse("core:officials")).context
    oldest_offers = TechnologyOffer.objects.filter(status=PENDING).order_by("updated_at", "pk")
    assert [row["pk"] for row in context["offers"]] == [o.pk for o in oldest_offers[:5]]
    assert len(context["needs"]) == 2
    assert [o.pk for o in context["organizations"]] == list(
        Organization.objects.filter(verified=False, returned_at__isnull=True)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:5]
    )
    assert [a.ends_on for a in context["expiring"]] == sorted(
        a.ends_on for a in context["expiring"]
    )
    assert context["latest_run"] == ScoringRun.objects.get()


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count(client, official, django_assert_num_queries, count):
    today = timezone.localdate()
    department = OrganizationFactory(kind="government_agency", tax_code="", verified=True)
    for _ in range(count):
        ForeignOrganizationFactory()
        OfferFactory(status=PENDING, published_at=None)
        NeedFactory(status=PENDING, published_at=None)
        RegistrationFactory(status=Registration.Status.PENDING)
        partner = ForeignOrganizationFactory(verified=True)
        _agreement(partner, department, status=S.ACTIVE, ends_on=today)
        _agreement(partner, department, status=S.PROPOSED, expected_on=today - timedelta(days=1))
    client.force_login(official)
    # 4 common, organisations, offers and needs (one union), registrations with events and
    # organisations, upcoming events, agreements (both kinds, one query), the latest run
    with django_assert_num_queries(10):
        response = client.get(reverse("core:officials"))
    assert (response.context["expiring_count"], response.context["overdue_count"]) == (count, count)


def test_dashboard_refuses_anonymous_and_non_officials(client, owner):
    url = reverse("core:officials")
    anonymous = client.get(url)
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("accounts:login"))
    client.force_login(owner)
    assert client.get(url).status_code == 403


def test_officials_entry_in_the_navigation_is_for_officials_only(client, official, owner):
    link = f'href="{reverse("core:officials")}"'
    client.force_login(owner)
    assert link not in client.get(reverse("core:home")).content.decode()
    client.force_login(official)
    assert link in client.get(reverse("core:home")).content.decode()


def test_empty_dashboard_says_there_is_nothing_to_do(client, official):
    client.force_login(official)
    response = client.get(reverse("core:officials"))
    html = response.content.decode()
    assert "Nothing to verify." in html
    assert "Nothing to review." in html
    assert response.context["latest_run"] is None
