"""Attempts per client address on what attackers hammer: sign-up, password reset, failed
log-ins (on top of the per-account lock-out of django-axes) and wrong API tokens.

Rates are ``RATE_LIMITS`` in the settings ("10/hour"). Counters are fixed windows in the cache:
shared by every process with Redis (production); without it each process counts on its own,
which still stops a single-process demo from being hammered.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from core.network import client_ip

logger = logging.getLogger("portal.security")

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}

# Views whose POSTs are limited, and whether each POST counts (otherwise the view's own code
# records what counts, e.g. a failed log-in).
LIMITED_VIEWS = {
    "accounts:login": ("login-failures", False),
    "admin:login": ("login-failures", False),
    "partners:sign_up": ("sign-up", True),
    "accounts:password_reset": ("password-reset", True),
}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/hour"`` → ``(10, 3600)``."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period.strip()]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(
            f"A rate limit must look like 10/hour (second, minute, hour, day), got {rate!r}"
        ) from None


def _key(scope: str, request) -> str:
    return f"ratelimit:{scope}:{client_ip(request)}"


def is_limited(scope: str, request) -> bool:
    limit, _period = parse_rate(settings.RATE_LIMITS[scope])
    return cache.get(_key(scope, request), 0) >= limit


def record(scope: str, request) -> None:
    _limit, period = parse_rate(settings.RATE_LIMITS[scope])
    key = _key(scope, request)
    if cache.add(key, 1, timeout=period):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=period)


def too_many_attempts(request, scope: str):
    logger.warning(
        "rate limit reached: scope=%s ip=%s path=%s", scope, client_ip(request), request.path
    )
    return render(request, "429.html", status=429)


class RateLimitMiddleware:
    """Refuses a POST to a limited view once its client address has used up its rate."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        limited = LIMITED_VIEWS.get(request.resolver_match.view_name)
        if limited is None:
            return None
        scope, every_post_counts = limited
        if is_limited(scope, request):
            return too_many_attempts(request, scope)
        if every_post_counts:
            record(scope, request)
        return None
