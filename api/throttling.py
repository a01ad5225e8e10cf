"""Request rates, from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (see config/settings.py).

- ``anon``: every request without a log-in, per client address;
- ``user``: every request of a logged-in person (session or token);
- ``writes``: what changes data (POST, PUT, PATCH, DELETE), per person;
- ``runs``: starting a scheduler run, per person (the heaviest request there is).

The rates are read at each request (DRF binds them at import), so a changed setting applies.
The client address is the portal's own (``core.network.client_ip``, ``TRUSTED_PROXY_HOPS``), the
same one the log-in lock-out counts, so a forged ``X-Forwarded-For`` gets no fresh allowance.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings

from core.network import client_ip


class _LiveRates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)


class AnonThrottle(_LiveRates, throttling.AnonRateThrottle):
    pass


class UserThrottle(_LiveRates, throttling.UserRateThrottle):
    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None  # anonymous requests count against "anon" only
        return super().get_cache_key(request, view)


class WriteThrottle(UserThrottle):
    scope = "writes"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class RunThrottle(UserThrottle):
    """Put on the views that start scheduler runs (with ``throttle_classes``)."""

    scope = "runs"

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)
