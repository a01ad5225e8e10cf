"""Emails to participants: each person in their own language, sent after the commit."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.mail import send_mail_after_commit
from events.models import Registration
from partners.models import Membership


def registration_contacts(registration: Registration) -> list[tuple[str, str]]:
    """(email, language) of the people to tell about a registration: whoever registered it,
    else the organisation's administrators, else all its members."""
    user = registration.registered_by
    if user is not None and user.is_active:
        return [(user.email, user.language or settings.LANGUAGE_CODE)]
    memberships = list(
        Membership.objects.filter(
            organization_id=registration.organization_id, user__is_active=True
        )
        .select_related("user")
        .order_by("role", "pk")
    )
    admins = [m for m in memberships if m.role == Membership.Role.ADMIN] or memberships
    return [(m.user.email, m.user.language or settings.LANGUAGE_CODE) for m in admins]


def link(viewname: str, *args) -> str:
    """An absolute link for an email, in the active language."""
    return settings.SITE_URL + reverse(viewname, args=args)


def notify(
    registration: Registration,
    *,
    subject: Callable[[], str],
    template: str,
    context: Callable[[], dict],
) -> None:
    """Email the registration's contacts, one message per language.

    ``subject`` and ``context`` are called with each language active, so that translated
    strings and links come out in the reader's language.
    """
    by_language: dict[str, list[str]] = {}
    for email, language in registration_contacts(registration):
        by_language.setdefault(language, []).append(email)
    for language, emails in sorted(by_language.items()):
        with translation.override(language):
            values = {"registration": registration, "event": registration.event, **context()}
            send_mail_after_commit(
                subject=subject(), body=render_to_string(template, values), to=sorted(emails)
            )
