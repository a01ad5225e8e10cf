"""Audit log of officials' actions: who changed what, when, with the values before and after.

``audit.record(actor=, action=, target=, before=, after=)`` is the one entry point; the
services that officials use call it inside their transaction, so an action that rolls back
leaves no entry behind.
"""


def record(*, actor, action: str, target, before=None, after=None):
    """See ``audit.services.record`` (imported lazily: this package loads before the models)."""
    from audit.services import record as _record

    return _record(actor=actor, action=action, target=target, before=before, after=after)


def snapshot(instance, fields):
    """See ``audit.services.snapshot``."""
    from audit.services import snapshot as _snapshot

    return _snapshot(instance, fields)
