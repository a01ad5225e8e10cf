"""Server-side permission checks shared by the views of every app."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def official_required(view):
    """Officials only: anonymous visitors go to the log-in page, other users get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_official:
            raise PermissionDenied(_("This page is for the Department's officials."))
        return view(request, *args, **kwargs)

    return wrapper


def memberships_of(user) -> list:
    """The user's memberships with their organisations, read once per request.

    The layout's menu and the page's own "is this my organisation?" checks share the list,
    so a page pays one query for both.
    """
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_portal_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("organization"))
        user._portal_memberships = cached
    return cached


def is_member(user, organization_id: int) -> bool:
    return any(m.organization_id == organization_id for m in memberships_of(user))


def membership_role(user, organization_id: int) -> str | None:
    roles = (m.role for m in memberships_of(user) if m.organization_id == organization_id)
    return next(roles, None)
