"""``/healthz``: whether this web process can reach what it needs, for load balancers and
monitoring. Plain JSON, no language prefix, no log-in, no cache, nothing about the data."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

BROKER_TIMEOUT_SECONDS = 2


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _broker() -> str:
    """Redis (broker and cache); without it the portal runs its tasks in-process."""
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        socket_timeout=BROKER_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the broker answer, else 503 naming what failed."""
    started = time.perf_counter()
    checks = {}
    for name, check in (("database", _database), ("broker", _broker)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure to reach it is the answer, not an error page
            checks[name] = f"error: {type(exc).__name__}"
    healthy = all(not value.startswith("error") for value in checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **checks,
            "seconds": round(time.perf_counter() - started, 3),
        },
        status=200 if healthy else 503,
    )
