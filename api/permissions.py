"""Who may call what. The object-level rules ("own organisation") are the services' own checks;
these classes only turn away early who can never succeed."""

from rest_framework import permissions


class IsOfficial(permissions.BasePermission):
    """The Department's officials (the ``officials`` group); others get 401 or 403."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_official)
