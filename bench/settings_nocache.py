"""The portal's settings with caching switched off, for cold (uncached) benchmark figures."""

from config.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
