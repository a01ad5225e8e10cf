"""Reads of the API app."""

from django.db.models import QuerySet

from api.models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    """A person's tokens, those in use first, newest first."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")
