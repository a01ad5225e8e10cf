"""Write actions of the API app: personal API tokens (create, revoke, use)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken

TOKEN_PREFIX = "tc_"
MAX_ACTIVE_TOKENS = 20
# "Last used" is a hint for the owner, not an audit log: write it at most once a minute.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(clear: str) -> str:
    return hashlib.sha256(clear.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token for ``user``; return it and the clear token.

    The clear token is never stored (only its SHA-256), so the caller shows it once. A person
    has at most ``MAX_ACTIVE_TOKENS`` tokens in use. Side effects: none.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to create an API token."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    # Serialises one person's creations, so two at once cannot both pass the cap.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(count)d tokens in use, the most allowed: revoke one first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=token_hash(clear), prefix=clear[:10])
    token.full_clean()
    token.save()
    return token, clear


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Revoke a token at once: the next request made with it is refused. Its owner (or an
    official) may; revoking twice keeps the first date. Side effects: none."""
    if not (user.is_authenticated and (token.user_id == user.pk or user.is_official)):
        raise PermissionDenied(_("Only the token's owner can revoke it."))
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    token.revoked_at = ApiToken.objects.values_list("revoked_at", flat=True).get(pk=token.pk)
    return token


def token_authenticate(clear: str) -> ApiToken | None:
    """The token in use matching ``clear`` with its active user, or None.

    Side effects: the token's ``last_used_at`` (written at most once a minute).
    """
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(clear), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
