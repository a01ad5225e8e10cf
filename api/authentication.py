"""Personal API tokens: ``Authorization: Bearer <token>``."""

import logging

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api import services
from core import ratelimit
from core.network import client_ip

logger = logging.getLogger("portal.security")


class TokenAuthentication(authentication.BaseAuthentication):
    """Authenticates ``Authorization: Bearer <token>`` with a personal token.

    A request without this header is left to the next class (the session); a wrong or revoked
    token is refused outright rather than treated as anonymous.
    """

    keyword = b"bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        # Tokens are far too long to guess, but a client that keeps sending wrong ones is
        # refused for a while all the same (and costs no more database look-ups).
        if ratelimit.is_limited("api-bad-tokens", request):
            raise exceptions.Throttled()
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”.")
            )
        try:
            clear = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = services.token_authenticate(clear)
        if token is None:
            ratelimit.record("api-bad-tokens", request)
            logger.warning("API token refused: ip=%s path=%s", client_ip(request), request.path)
            raise exceptions.AuthenticationFailed(_("The token is not valid or was revoked."))
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request that needs a log-in and has none.
        return 'Bearer realm="api"'
