"""Writing the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from audit.models import AuditEntry


def _jsonable(value):
    """Plain JSON (dates as ISO strings, decimals as strings) so the log stores what it shows."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(instance, fields: Iterable[str]) -> dict:
    """The named fields of a model instance as plain JSON (foreign keys as their ids)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            values[name] = getattr(instance, field.attname)
        else:
            values[name] = getattr(instance, name)
    return _jsonable(values)


def record(*, actor, action: str, target, before=None, after=None) -> AuditEntry:
    """Write one audit entry.

    ``action`` is ``<app>.<service>`` (``events.meeting_move``); ``target`` the changed model
    instance (or None); ``before``/``after`` anything JSON can hold (see ``snapshot``). Called
    inside the service's transaction: when the action rolls back, so does its entry.
    """
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    label = ""
    if authenticated:
        label = (actor.get_full_name() or actor.email)[:255]
    target_type = target_id = None
    target_label = ""
    if target is not None:
        target_type = ContentType.objects.get_for_model(type(target))
        target_id = str(target.pk)
        target_label = str(target)[:255]
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_label=label,
        action=action[:64],
        target_type=target_type,
        target_id=target_id or "",
        target_label=target_label,
        before=_jsonable(before),
        after=_jsonable(after),
    )
