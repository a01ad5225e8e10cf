"""Reads on deals (the pipeline after a meeting): boards, one deal, meetings a deal may start
from. Kept beside ``selectors.py``, like ``services/deals.py`` beside the other services."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from events.models import Meeting
from matchmaking.models import Deal


def _deals() -> QuerySet[Deal]:
    return Deal.objects.select_related(
        "supplier", "seeker", "offer", "need", "source_meeting__event"
    ).order_by("-updated_at", "-pk")


def deal_board(
    *, organization_id: int | None = None, country: str = "", event_id: int | None = None
) -> dict[str, list[Deal]]:
    """Deals by stage for a kanban board (every stage present, the latest change first): one
    organisation's (either side), or everyone's for officials, optionally where either side is
    from ``country`` or the deal came from a meeting of ``event_id``. 1 query."""
    deals = _deals()
    if organization_id:
        deals = deals.filter(Q(supplier_id=organization_id) | Q(seeker_id=organization_id))
    if country:
        deals = deals.filter(Q(supplier__country=country) | Q(seeker__country=country))
    if event_id:
        deals = deals.filter(source_meeting__event_id=event_id)
    columns: dict[str, list[Deal]] = {stage: [] for stage in Deal.Stage.values}
    for deal in deals:
        columns[deal.stage].append(deal)
    return columns


def deal_of(pk: int) -> Deal | None:
    """A deal with what its page shows, or None."""
    return _deals().filter(pk=pk).first()


def meetings_without_deal(organization_id: int, limit: int = 20) -> list[Meeting]:
    """The organisation's held meetings that have no deal yet, latest first: where a deal may
    start. 1 query."""
    return list(
        Meeting.objects.filter(
            Q(registration_a__organization_id=organization_id)
            | Q(registration_b__organization_id=organization_id),
            status=Meeting.Status.HELD,
            deals__isnull=True,
        )
        .select_related(
            "event", "slot", "registration_a__organization", "registration_b__organization"
        )
        .order_by("-slot__starts_at")[:limit]
    )
