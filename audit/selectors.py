"""Reads on the audit log."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from audit.models import AuditEntry


def audit_entries(
    *,
    actor: int | None = None,
    app: str = "",
    action: str = "",
    target_type: int | None = None,
    target_id: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """The log, newest first, filtered; actors and record types fetched with the entries."""
    entries = AuditEntry.objects.select_related("actor", "target_type")
    if actor:
        entries = entries.filter(actor_id=actor)
    if action:
        entries = entries.filter(action=action)
    elif app:
        entries = entries.filter(action__startswith=f"{app}.")
    if target_type:
        entries = entries.filter(target_type_id=target_type)
        if target_id:
            entries = entries.filter(target_id=target_id)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries.order_by("-created_at", "-pk")


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())
