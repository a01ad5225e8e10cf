"""Outgoing email: queued to the worker once the surrounding transaction has committed."""

from django.db import transaction

from core.tasks import send_email


def send_mail_after_commit(*, subject: str, body: str, to: list[str]) -> None:
    """Send after commit, so a rolled-back action never leaves an email behind."""
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to))
