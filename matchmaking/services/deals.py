"""Deals: what a meeting led to, from first contact to a signed contract (or nothing).

A deal belongs to its two organisations: their members and the officials edit it, nobody else.
Its contract value is kept in the original currency with the rate to VND of the signing date
(``rate_to_vnd``: entered, else taken from ``settings.CURRENCY_RATES_VND`` when the deal is
signed), so reports in VND do not move when rates do. Every change leaves an audit entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from matchmaking.models import Currency, Deal, MatchScore
from partners.models import Membership

S = Deal.Stage
# The pipeline's order; "lost" may follow any stage. Answers from the follow-up survey only
# move a deal forward along it.
PIPELINE = [S.CONTACTED, S.NEGOTIATING, S.NDA, S.CONTRACT_SIGNED]
AUDITED = [
    "title", "stage", "offer", "need", "contract_value", "currency", "rate_to_vnd", "signed_on",
    "notes", "supplier", "seeker", "source_meeting",
]  # fmt: skip


def can_edit(user, deal: Deal) -> bool:
    """Members of either organisation, and officials."""
    if not (user is not None and user.is_authenticated):
        return False
    return user.is_official or (
        Membership.objects.filter(
            user=user, organization_id__in=[deal.supplier_id, deal.seeker_id]
        ).exists()
    )


def require_party(user, deal: Deal) -> None:
    if not can_edit(user, deal):
        raise PermissionDenied(_("Only the two organisations and officials can change this deal."))


def rate_on_signing(currency: str) -> Decimal:
    """VND per unit of ``currency`` on the signing day: the portal's configured rate."""
    if currency == Currency.VND:
        return Decimal(1)
    try:
        return Decimal(str(settings.CURRENCY_RATES_VND[currency]))
    except (KeyError, InvalidOperation):
        raise ValidationError(
            {
                "rate_to_vnd": _("No rate is known for %(currency)s: enter it.")
                % {"currency": currency}
            }
        ) from None


def _validate(deal: Deal) -> None:
    """The rules of a deal's fields, whoever edits it (signing fixes date, value and rate)."""
    if deal.offer_id and deal.offer.organization_id != deal.supplier_id:
        raise ValidationError({"offer": _("Choose one of the supplier's offers.")})
    if deal.need_id and deal.need.organization_id != deal.seeker_id:
        raise ValidationError({"need": _("Choose one of the technology seeker's needs.")})
    if deal.contract_value is not None and deal.contract_value < 0:
        raise ValidationError({"contract_value": _("The value cannot be negative.")})
    if deal.stage == S.CONTRACT_SIGNED:
        if deal.contract_value is None:
            raise ValidationError({"contract_value": _("Give the contract's value.")})
        deal.signed_on = deal.signed_on or timezone.localdate()
        if deal.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
        if deal.currency == Currency.VND:
            deal.rate_to_vnd = Decimal(1)
        elif not deal.rate_to_vnd:
            deal.rate_to_vnd = rate_on_signing(deal.currency)
    else:
        # Date and rate belong to a signature: a deal that is not (or no longer) signed has none.
        deal.signed_on = None
        deal.rate_to_vnd = None


@transaction.atomic
def deal_save(*, deal: Deal, user) -> Deal:
    """Create or edit a deal (any field but its two organisations and its source meeting,
    which only officials change).

    Refused (nothing saved) for anyone but the two organisations' members and officials; the
    permission is checked against the stored deal, so a form cannot hand a deal to others.
    Side effects: an audit entry with the values before and after.
    """
    stored = None
    if deal.pk:
        stored = Deal.objects.select_for_update().get(pk=deal.pk)
        require_party(user, stored)
        if not user.is_official and (
            (deal.supplier_id, deal.seeker_id, deal.source_meeting_id)
            != (stored.supplier_id, stored.seeker_id, stored.source_meeting_id)
        ):
            raise PermissionDenied(_("Only officials can change a deal's organisations."))
    require_party(user, deal)
    _validate(deal)
    deal.full_clean()
    deal.save()
    audit.record(
        actor=user,
        action="matchmaking.deal_save",
        target=deal,
        before=audit.snapshot(stored, AUDITED) if stored else None,
        after=audit.snapshot(deal, AUDITED),
    )
    return deal


@transaction.atomic
def deal_move(*, deal: Deal, user, stage: str) -> Deal:
    """Move a deal to another stage of the pipeline (the board's buttons).

    Moving to "contract signed" needs the contract's value: without one it is refused with a
    message on ``contract_value`` (the edit form asks for it). Side effects: as ``deal_save``.
    """
    if stage not in S.values:
        raise ValidationError({"stage": _("Choose a stage of the pipeline.")})
    deal = Deal.objects.select_related("offer", "need").get(pk=deal.pk)
    require_party(user, deal)
    if deal.stage == stage:
        return deal
    deal.stage = stage
    return deal_save(deal=deal, user=user)


def meeting_parties(meeting):
    """(supplier, seeker) registrations of a meeting: by the roles they registered with, else
    the foreign organisation supplies, else the first side."""
    from events.models import Registration

    a, b = meeting.registration_a, meeting.registration_b
    offering, seeking = Registration.Role.OFFERING, Registration.Role.SEEKING
    if a.role == offering or b.role == seeking:
        return a, b
    if b.role == offering or a.role == seeking:
        return b, a
    if str(a.organization.country) == "VN" and str(b.organization.country) != "VN":
        return b, a
    return a, b


def _subject(meeting, supplier, seeker):
    """The offer and need a meeting was about: its request's, else the best-scored pair of
    what the two presented, else none."""
    request = meeting.request
    if request is not None:
        offer = request.offer if request.offer_id else None
        need = request.need if request.need_id else None
        fits = (offer is None or offer.organization_id == supplier.organization_id) and (
            need is None or need.organization_id == seeker.organization_id
        )
        if fits and (offer or need):
            return offer, need
    best = (
        MatchScore.objects.filter(offer__in=supplier.offers.all(), need__in=seeker.needs.all())
        .select_related("offer", "need")
        .order_by("-score", "pk")
        .first()
    )
    if best is not None:
        return best.offer, best.need
    return supplier.offers.order_by("pk").first(), seeker.needs.order_by("pk").first()


def _deal_for_meeting(meeting) -> tuple[Deal, bool]:
    """The meeting's deal (locked), or a new unsaved one at "contacted".

    The meeting row is locked first: two first answers about one meeting (both sides at once)
    then make one deal, the second finds the first's (the unique constraint is the backstop).
    """
    type(meeting).objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    existing = (
        Deal.objects.select_for_update().filter(source_meeting=meeting).order_by("pk").first()
    )
    if existing is not None:
        return existing, False
    supplier, seeker = meeting_parties(meeting)
    offer, need = _subject(meeting, supplier, seeker)
    deal = Deal(
        title=(offer.display_title if offer else "")[:255],
        supplier=supplier.organization,
        seeker=seeker.organization,
        offer=offer,
        need=need,
        source_meeting=meeting,
        stage=S.CONTACTED,
        currency=Currency.VND,
    )
    return deal, True


@transaction.atomic
def deal_start(*, meeting, user) -> Deal:
    """Open the deal of a meeting (or return the one it has): stage "contacted", the two
    organisations by their roles, the offer and need the meeting was about.

    For the meeting's two organisations and officials. Side effects: an audit entry.
    """
    if meeting.status == meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    deal, new = _deal_for_meeting(meeting)
    if not new:
        require_party(user, deal)
        return deal
    return deal_save(deal=deal, user=user)


@transaction.atomic
def deal_record_outcome(
    *,
    meeting,
    outcome: str,
    reported_by,
    contract_value: Decimal | None = None,
    currency: str = Currency.VND,
    signed_on: date | None = None,
) -> Deal | None:
    """Turn a participant's six-month answer about a meeting into the meeting's deal.

    "contract signed" creates or updates the deal at that stage with the value, the currency
    and the rate of the signing date (today unless given); "negotiating" and "NDA" create the
    deal or move it forward, never back; "no result" changes nothing (a deal a participant
    still works on is not closed by the other side's survey). The answer comes from a signed
    link, not a log-in: ``reported_by`` is the answering registration, which must be one of
    the meeting's two sides. Side effects: an audit entry (no actor, the participant named).
    """
    from events.models import Feedback

    if reported_by.pk not in (meeting.registration_a_id, meeting.registration_b_id):
        raise PermissionDenied(_("Only the two participants can report on their meeting."))
    target = {
        Feedback.Outcome.NEGOTIATING: S.NEGOTIATING,
        Feedback.Outcome.NDA: S.NDA,
        Feedback.Outcome.CONTRACT_SIGNED: S.CONTRACT_SIGNED,
    }.get(outcome)
    if target is None:
        return None
    deal, new = _deal_for_meeting(meeting)
    before = None if new else audit.snapshot(deal, AUDITED)
    if target == S.CONTRACT_SIGNED:
        if contract_value is None:
            raise ValidationError({"contract_value": _("Give the contract's value.")})
        deal.stage = target
        deal.contract_value = contract_value
        if deal.currency != currency or not deal.signed_on:
            deal.rate_to_vnd = None  # taken again for the new currency or signing
        deal.currency = currency
        deal.signed_on = signed_on or deal.signed_on or timezone.localdate()
    elif deal.stage in PIPELINE and PIPELINE.index(target) > PIPELINE.index(deal.stage):
        deal.stage = target
    elif not new:
        return deal
    else:
        deal.stage = target
    _validate(deal)
    deal.full_clean()
    deal.save()
    audit.record(
        actor=None,
        action="matchmaking.deal_record_outcome",
        target=deal,
        before=before,
        after={**audit.snapshot(deal, AUDITED), "reported_by": str(reported_by.organization)},
    )
    return deal
