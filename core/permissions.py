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
