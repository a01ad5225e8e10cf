"""Write actions on offers and needs: create, edit, submit, publish, review, archive.

Every change that can move scores enqueues a rescoring of that record once the transaction has
committed (``matchmaking.tasks``); archiving removes the record's scores at once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from matchmaking import search
from matchmaking.models import MatchScore, PublicationStatus, TechnologyNeed, TechnologyOffer
from partners.models import Membership, Organization

Record = TechnologyOffer | TechnologyNeed


def require_member(user, organization: Organization) -> None:
    """Members of the organisation act on its records; officials on every record."""
    if user.is_authenticated and (
        user.is_official or Membership.objects.filter(user=user, organization=organization).exists()
    ):
        return
    raise PermissionDenied(
        _("Only members of %(org)s can change its records.") % {"org": organization}
    )


def _enqueue_rescore(record: Record) -> None:
    from matchmaking import tasks

    task = tasks.rescore_offer if isinstance(record, TechnologyOffer) else tasks.rescore_need
    key = "offer_id" if isinstance(record, TechnologyOffer) else "need_id"
    transaction.on_commit(lambda: task.delay(**{key: record.pk}))


def _save(record: Record, *, user, sectors, transfer_modes) -> Record:
    require_member(user, record.organization)
    record.full_clean()
    record.save()
    record.sectors.set(sectors)
    record.transfer_modes.set(transfer_modes)
    if record.status == PublicationStatus.PUBLISHED:
        _enqueue_rescore(record)
    return record


@transaction.atomic
def need_save(*, need: TechnologyNeed, user, sectors, transfer_modes) -> TechnologyNeed:
    """Create or edit a need (it keeps its status; a published need is rescored)."""
    if need.pk is None:
        need.created_by = user
    return _save(need, user=user, sectors=sectors, transfer_modes=transfer_modes)


@transaction.atomic
def offer_save(*, offer: TechnologyOffer, user, sectors, transfer_modes) -> TechnologyOffer:
    """Create or edit an offer. Editing a published offer keeps it published and rescored."""
    if offer.pk is None:
        offer.created_by = user
    return _save(offer, user=user, sectors=sectors, transfer_modes=transfer_modes)


def _set_status(record: Record, status: str, *, note: str = "") -> Record:
    record.status = status
    record.review_note = note
    if status == PublicationStatus.PUBLISHED:
        record.published_at = record.published_at or timezone.now()
    record.save(update_fields=["status", "review_note", "published_at", "updated_at"])
    if status == PublicationStatus.PUBLISHED:
        _enqueue_rescore(record)
    return record


@transaction.atomic
def need_publish(*, need: TechnologyNeed, user) -> TechnologyNeed:
    """Publish a draft need at once, so its organisation sees recommended offers right away.

    Unlike offers, needs do not wait for a review: an SME should not wait to learn what is on
    offer; officials can still send an unsuitable need back (``record_return``), and
    organisations themselves go through the verification queue. A need the officials sent
    back is not published again on its owner's word alone: it goes to their review, and
    their approval clears the note (an official's own publication is immediate). Only drafts
    are published: a need waiting for review waits, an archived need stays withdrawn.
    Side effects: a published need is rescored after commit.
    """
    require_member(user, need.organization)
    if need.status == PublicationStatus.PUBLISHED:
        return need
    if need.status == PublicationStatus.PENDING_REVIEW:
        raise ValidationError(_("This need is waiting for the officials' review."))
    if need.status != PublicationStatus.DRAFT:
        raise ValidationError(_("An archived need cannot be published again."))
    if need.review_note and not user.is_official:
        return _set_status(need, PublicationStatus.PENDING_REVIEW, note=need.review_note)
    return _set_status(need, PublicationStatus.PUBLISHED)


@transaction.atomic
def offer_submit(*, offer: TechnologyOffer, user) -> TechnologyOffer:
    """Send an offer to the officials' review; an official's own submission is published."""
    require_member(user, offer.organization)
    if offer.status == PublicationStatus.PUBLISHED:
        return offer
    if user.is_official:
        return _set_status(offer, PublicationStatus.PUBLISHED)
    return _set_status(offer, PublicationStatus.PENDING_REVIEW)


def _require_official(user) -> None:
    if not user.is_official:
        raise PermissionDenied(_("Only officials can review records."))


@transaction.atomic
def record_approve(*, record: Record, official) -> Record:
    """An official publishes a record waiting for review (rescored after commit).

    The organisation need not be verified yet: verifying an organisation (who it is: name, tax
    code, country) and reviewing a record (what it publishes) are two queues an official may
    work through in either order; the review page marks records of unverified organisations.
    """
    _require_official(official)
    if record.status != PublicationStatus.PENDING_REVIEW:
        raise ValidationError(_("Only records waiting for review can be approved."))
    audit.record(
        actor=official,
        action="matchmaking.record_approve",
        target=record,
        before={"status": record.status},
        after={"status": PublicationStatus.PUBLISHED},
    )
    return _set_status(record, PublicationStatus.PUBLISHED)


@transaction.atomic
def record_return(*, record: Record, official, note: str) -> Record:
    """An official sends a record back to its organisation as a draft, saying why."""
    _require_official(official)
    if not note.strip():
        raise ValidationError({"note": _("Say what must change before publication.")})
    audit.record(
        actor=official,
        action="matchmaking.record_return",
        target=record,
        before={"status": record.status},
        after={"status": PublicationStatus.DRAFT, "note": note.strip()},
    )
    return _set_status(record, PublicationStatus.DRAFT, note=note.strip())


@transaction.atomic
def record_archive(*, record: Record, user) -> Record:
    """Withdraw a record from the catalogue and drop its match scores now."""
    require_member(user, record.organization)
    record.status = PublicationStatus.ARCHIVED
    record.save(update_fields=["status", "updated_at"])
    field = "offer" if isinstance(record, TechnologyOffer) else "need"
    MatchScore.objects.filter(**{field: record}).delete()
    return record


def refresh_search_of_organization(organization: Organization) -> None:
    """An organisation's names are searchable in its records: refresh them after a rename."""
    for model, refresh, fields in (
        (
            TechnologyOffer,
            search.refresh_offer,
            ["search_document", "price_min_vnd", "price_max_vnd"],
        ),
        (TechnologyNeed, search.refresh_need, ["search_document"]),
    ):
        records = list(
            model.objects.filter(organization=organization).select_related("organization")
        )
        for record in records:
            refresh(record)
        model.objects.bulk_update(records, fields, batch_size=500)
