"""Deals: the pipeline after a meeting, edited by the two organisations and officials only;
contract values in their currency with the rate of the signing date (issue 8)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEntry
from events.models import Meeting, MeetingRequest, Registration
from matchmaking.models import Deal
from matchmaking.services import deals as services
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def deal(org_a, org_b):
    """B supplies A; a third organisation has nothing to do with it."""
    return Deal.objects.create(title="Hệ thống nuôi tôm tuần hoàn", supplier=org_b, seeker=org_a)


def _row(deal) -> tuple:
    fresh = Deal.objects.get(pk=deal.pk)
    return (fresh.stage, fresh.contract_value, fresh.currency, fresh.rate_to_vnd, fresh.notes)


def test_members_of_either_side_edit_the_deal(deal, owner, outsider):
    deal.notes = "Gửi báo giá"
    services.deal_save(deal=deal, user=owner)
    deal.stage = Deal.Stage.NEGOTIATING
    services.deal_save(deal=deal, user=outsider)
    assert _row(deal)[0::4] == (Deal.Stage.NEGOTIATING, "Gửi báo giá")
    entries = AuditEntry.objects.filter(action="matchmaking.deal_save").order_by("pk")
    assert [(e.actor, e.before["stage"], e.after["stage"]) for e in entries] == [
        (owner, "contacted", "contacted"),
        (outsider, "contacted", "negotiating"),
    ]


def test_another_organisation_cannot_edit_the_deal(client, deal):
    stranger = OrganizationFactory()
    user = MembershipFactory(organization=stranger).user
    before = _row(deal)
    deal.notes = "hijacked"
    with pytest.raises(PermissionDenied):
        services.deal_save(deal=deal, user=user)
    client.force_login(user)
    response = client.post(
        reverse("deals:edit", args=[deal.pk]), {"title": "x", "stage": "lost", "currency": "VND"}
    )
    assert response.status_code == 404
    assert client.post(reverse("deals:move", args=[deal.pk]), {"stage": "lost"}).status_code == 404
    assert _row(deal) == before


def test_a_member_cannot_hand_the_deal_to_other_organisations(deal, owner):
    deal.supplier = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        services.deal_save(deal=deal, user=owner)
    assert Deal.objects.get(pk=deal.pk).supplier_id != deal.supplier_id


def test_signing_takes_the_rate_of_the_day_for_the_currency(deal, owner):
    deal.stage, deal.contract_value, deal.currency = Deal.Stage.CONTRACT_SIGNED, 1_000_000, "KRW"
    services.deal_save(deal=deal, user=owner)
    fresh = Deal.objects.get(pk=deal.pk)
    assert (fresh.rate_to_vnd, fresh.signed_on) == (Decimal("18.4000"), timezone.localdate())
    assert fresh.value_vnd == Decimal("18400000")


@pytest.mark.parametrize(
    ("language", "value", "in_vnd"),
    [
        ("vi", "1.000.000\u00a0KRW", "≈ 18.400.000\u00a0₫"),
        ("en", "1,000,000\u00a0KRW", "≈ 18,400,000\u00a0VND"),
    ],
)
def test_board_and_form_write_values_as_the_readers_language_does(
    client, deal, owner, org_a, language, value, in_vnd
):
    deal.stage, deal.contract_value, deal.currency = Deal.Stage.CONTRACT_SIGNED, 1_000_000, "KRW"
    services.deal_save(deal=deal, user=owner)
    client.force_login(owner)
    with translation.override(language):
        board = client.get(reverse("deals:organization", args=[org_a.pk])).content.decode()
        form = client.get(reverse("deals:edit", args=[deal.pk])).content.decode()
    assert value in board
    assert in_vnd in board
    assert in_vnd.removeprefix("≈ ") in form


def test_signing_keeps_an_entered_rate_and_vnd_has_rate_one(deal, owner):
    deal.stage, deal.contract_value, deal.currency = Deal.Stage.CONTRACT_SIGNED, 1000, "USD"
    deal.rate_to_vnd = Decimal("24000")
    services.deal_save(deal=deal, user=owner)
    assert Deal.objects.get(pk=deal.pk).value_vnd == Decimal("24000000")
    deal.currency, deal.rate_to_vnd = "VND", None
    services.deal_save(deal=deal, user=owner)
    assert Deal.objects.get(pk=deal.pk).rate_to_vnd == 1


def test_signing_needs_a_value_and_a_date_not_in_the_future(deal, owner):
    before = _row(deal)
    deal.stage = Deal.Stage.CONTRACT_SIGNED
    with pytest.raises(ValidationError, match="value"):
        services.deal_save(deal=deal, user=owner)
    deal.contract_value = 5
    deal.signed_on = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="future"):
        services.deal_save(deal=deal, user=owner)
    assert _row(deal) == before


def test_leaving_the_signed_stage_drops_date_and_rate(deal, owner):
    deal.stage, deal.contract_value, deal.currency = Deal.Stage.CONTRACT_SIGNED, 10, "EUR"
    services.deal_save(deal=deal, user=owner)
    services.deal_move(deal=deal, user=owner, stage=Deal.Stage.LOST)
    fresh = Deal.objects.get(pk=deal.pk)
    assert (fresh.stage, fresh.signed_on, fresh.rate_to_vnd) == ("lost", None, None)


def test_board_move_and_edit_form(client, deal, owner, org_a):
    client.force_login(owner)
    board = reverse("deals:organization", args=[org_a.pk])
    response = client.post(reverse("deals:move", args=[deal.pk]), {"stage": "nda", "next": board})
    assert (response.status_code, response["Location"]) == (302, board)
    assert _row(deal)[0] == Deal.Stage.NDA
    # Signing from the board without a value sends to the form, nothing changes.
    client.post(reverse("deals:move", args=[deal.pk]), {"stage": "contract_signed"})
    assert _row(deal)[0] == Deal.Stage.NDA
    response = client.post(
        reverse("deals:edit", args=[deal.pk]),
        {
            "title": deal.title,
            "stage": "contract_signed",
            "contract_value": "2500000000",
            "currency": "VND",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert _row(deal)[:3] == (Deal.Stage.CONTRACT_SIGNED, Decimal("2500000000.00"), "VND")


def test_deal_starts_from_a_meeting_with_its_parties_and_subject(client, owner, org_a, org_b):
    a = RegistrationFactory(organization=org_a, role=Registration.Role.SEEKING)
    b = RegistrationFactory(event=a.event, organization=org_b, role=Registration.Role.OFFERING)
    offer, need = OfferFactory(organization=org_b), NeedFactory(organization=org_a)
    request = MeetingRequest.objects.create(
        event=a.event, requester=a, recipient=b, offer=offer, need=need, status="accepted"
    )
    meeting = MeetingFactory(
        event=a.event,
        registration_a=a,
        registration_b=b,
        request=request,
        status=Meeting.Status.HELD,
    )
    client.force_login(owner)
    response = client.post(reverse("deals:start", args=[meeting.pk]))
    deal = Deal.objects.get(source_meeting=meeting)
    assert response["Location"] == reverse("deals:edit", args=[deal.pk])
    assert (deal.supplier, deal.seeker, deal.offer, deal.need, deal.stage) == (
        org_b,
        org_a,
        offer,
        need,
        Deal.Stage.CONTACTED,
    )
    client.post(reverse("deals:start", args=[meeting.pk]))
    assert Deal.objects.filter(source_meeting=meeting).count() == 1


def test_outsider_cannot_start_a_deal_from_others_meeting(client, outsider):
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    client.force_login(outsider)
    assert client.post(reverse("deals:start", args=[meeting.pk])).status_code == 404
    assert Deal.objects.count() == 0


# --- Refusals and query counts ----------------------------------------------------------------


def test_officials_board_refuses_others(client, member):
    url = reverse("deals:board")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(member)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("organization", "get"),
        ("edit", "get"),
        ("edit", "post"),
        ("move", "post"),
        ("start", "post"),
        ("mine", "get"),
    ],
)
def test_deal_pages_send_anonymous_visitors_to_log_in(client, deal, org_a, name, method):
    args = {"organization": [org_a.pk], "mine": [], "start": [MeetingFactory().pk]}.get(
        name, [deal.pk]
    )
    response = getattr(client, method)(reverse(f"deals:{name}", args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_organisation_board_refuses_other_organisations(client, org_a, outsider, official):
    client.force_login(outsider)
    assert client.get(reverse("deals:organization", args=[org_a.pk])).status_code == 403
    client.force_login(official)
    assert client.get(reverse("deals:organization", args=[org_a.pk])).status_code == 200


@pytest.fixture(params=[1, 3])
def deals(request, org_a):
    """``count`` deals of A, each from a held meeting, and ``count`` held meetings of A
    without a deal."""
    for k in range(request.param):
        meeting = MeetingFactory(status=Meeting.Status.HELD, registration_a__organization=org_a)
        Deal.objects.create(
            supplier=meeting.registration_b.organization,
            seeker=org_a,
            source_meeting=meeting,
            offer=OfferFactory(organization=meeting.registration_b.organization),
            stage=Deal.Stage.values[k],
        )
        MeetingFactory(status=Meeting.Status.HELD, registration_b__organization=org_a)
    return request.param


def test_officials_board_query_count(client, deals, official, django_assert_num_queries):
    client.force_login(official)
    # 4 common, deals with both sides, offer, need and the source meeting's event
    with django_assert_num_queries(5):
        response = client.get(reverse("deals:board"))
    assert sum(len(cards) for _s, _l, cards in response.context["columns"]) == deals


def test_organisation_board_query_count(client, deals, org_a, owner, django_assert_num_queries):
    client.force_login(owner)
    # 4 common, organisation, membership check, deals, held meetings without a deal
    with django_assert_num_queries(8):
        response = client.get(reverse("deals:organization", args=[org_a.pk]))
    assert len(response.context["waiting"]) == deals


def test_a_meeting_has_one_deal_even_through_the_orm(org_a, org_b, owner):
    from django.db import IntegrityError, transaction

    a = RegistrationFactory(organization=org_a, role=Registration.Role.SEEKING)
    b = RegistrationFactory(event=a.event, organization=org_b, role=Registration.Role.OFFERING)
    meeting = MeetingFactory(event=a.event, registration_a=a, registration_b=b)
    first = services.deal_start(meeting=meeting, user=owner)
    assert services.deal_start(meeting=meeting, user=owner) == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Deal.objects.create(title="Again", supplier=org_b, seeker=org_a, source_meeting=meeting)
    assert Deal.objects.filter(source_meeting=meeting).count() == 1
