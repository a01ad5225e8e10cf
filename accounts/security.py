"""The security log and the log-in lock-out's hooks.

Every line names the person (the email typed, or the logged-in account), the client address and,
through the log format, the time. Passwords, tokens and query strings never go into it: Django
hands the signals cleansed credentials, and URL parts that are secrets are masked.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.shortcuts import render

from core import ratelimit
from core.logfilters import safe_path
from core.network import client_ip

logger = logging.getLogger("portal.security")


def _who(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"{user.email} (#{user.pk})"
    return "anonymous"


def login_username(request, credentials) -> str | None:
    """The account a log-in attempt is for, as the lock-out counts it: one spelling per email
    (upper case or spaces must not give an attacker fresh attempts)."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return username.strip().lower() if username else None


def locked_out(request, response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60) if cooloff else None
    return render(request, "429.html", {"cooloff_minutes": minutes}, status=429)


def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    ratelimit.record("login-failures", request)
    logger.warning(
        "log-in failed: user=%s ip=%s path=%s",
        login_username(request, credentials) or "-",
        client_ip(request),
        safe_path(request),
    )


def on_logged_in(sender, request, user, **kwargs):
    if request is None:
        return
    logger.info("log-in: user=%s (#%s) ip=%s", user.email, user.pk, client_ip(request))


def on_logged_out(sender, request, user, **kwargs):
    if request is None or user is None:
        return
    logger.info("log-out: user=%s (#%s) ip=%s", user.email, user.pk, client_ip(request))


def on_locked_out(sender, request, username, ip_address, **kwargs):
    logger.warning(
        "lock-out after repeated failed log-ins: user=%s ip=%s", username or "-", ip_address
    )


class DeniedRequestLogMiddleware:
    """Writes each refused request (403) to the security log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            logger.warning(
                "denied: user=%s ip=%s %s %s",
                _who(request),
                client_ip(request),
                request.method,
                safe_path(request),
            )
        return response
