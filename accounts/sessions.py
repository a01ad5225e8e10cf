"""Idle and absolute session time-outs.

A session ends after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and in any case
``SESSION_ABSOLUTE_TIMEOUT`` seconds after the log-in (the cookie's own lifetime is the same, so
the browser drops it then too). The last-seen time is written at most once a minute, so a busy
page does not write the session on every request.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib import auth, messages
from django.utils.translation import gettext as _

from core.network import client_ip

logger = logging.getLogger("portal.security")

LOGIN_AT = "_portal_login_at"
SEEN_AT = "_portal_seen_at"
SEEN_RESOLUTION = 60


def on_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if auth.SESSION_KEY in session:
            now = int(time.time())
            login_at = session.setdefault(LOGIN_AT, now)
            seen_at = session.setdefault(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
            too_old = now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or too_old:
                logger.info(
                    "session expired (%s): user=#%s ip=%s",
                    "idle" if idle else "too old",
                    session[auth.SESSION_KEY],
                    client_ip(request),
                )
                auth.logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
            elif now - seen_at >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)
