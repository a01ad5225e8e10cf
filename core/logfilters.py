"""Keeps secrets out of log lines: URL parts that are credentials in themselves."""

from __future__ import annotations

import logging

# Invitation, feedback, check-in and password-reset links carry their credential in the path.
SECRET_URL_KWARGS = {"token", "uidb64"}


def safe_path(request) -> str:
    """The request's path without its query string and with secret URL parts masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_KWARGS and value:
                path = path.replace(str(value), "***")
    return path


class MaskSecretURLParts(logging.Filter):
    """Masks secret URL parts in Django's own request lines ("Forbidden: /invitations/…/")."""

    def filter(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path and isinstance(record.args, tuple):
            masked = safe_path(request)
            if masked != path:
                record.args = tuple(masked if arg == path else arg for arg in record.args)
        return True
