"""QR codes for the day of the event, drawn on the server with segno (no JavaScript, no CDN).

A code carries the absolute check-in URL of a participant (optionally of one representative):
an official's phone camera opens it, or the portal's scanner reads the token out of it.
"""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from events.models import Registration
from events.services.dayof import checkin_token


def checkin_url(registration: Registration, person: int | None = None) -> str:
    """The absolute URL a badge or an agenda encodes, in the portal's default language (the
    scanner reads the token from it whatever the language; a plain camera app opens it)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "events:checkin_token",
            args=[registration.event_id, checkin_token(registration, person)],
        )
    return settings.SITE_URL + path


def svg(data: str, *, scale: int = 3, title: str = "") -> SafeString:
    """An inline SVG (no style attribute, so the Content-Security-Policy holds)."""
    code = segno.make(data, error="m")
    markup = code.svg_inline(scale=scale, title=title or None, svgclass="qr-code", lineclass=None)
    return mark_safe(markup)


def png(data: str, *, scale: int = 8) -> bytes:
    """A PNG for the PDF documents."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
