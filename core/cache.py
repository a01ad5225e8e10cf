"""Versioned caching of public pages: a version number in every key, bumped on each change.

Stale entries are never read again (their key holds an old version) and expire on their own,
so no code has to know which cached pages a change affects. Needs a cache shared by the web
processes (Redis, as in production) to be exact across processes.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

TTL_SECONDS = 600


def _version_key(name: str) -> str:
    return f"version:{name}"


def version(name: str) -> int:
    current = cache.get(_version_key(name))
    if current is None:
        cache.add(_version_key(name), 1, timeout=None)
        current = cache.get(_version_key(name), 1)
    return current


def bump(name: str) -> None:
    try:
        cache.incr(_version_key(name))
    except ValueError:  # not set yet (or evicted): any new value invalidates the old keys
        cache.set(_version_key(name), 2, timeout=None)


def key(name: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{name}:{version(name)}:{digest}"
