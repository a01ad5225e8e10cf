from django.conf import settings

from core.permissions import memberships_of


def portal(request):
    """What the base layout needs on every page: the visitor's organisations and role."""
    user = getattr(request, "user", None)
    memberships = []
    is_official = False
    if user is not None and user.is_authenticated:
        memberships = memberships_of(user)
        is_official = user.is_official
    return {
        "my_memberships": memberships,
        "is_official": is_official,
        "site_url": settings.SITE_URL,
    }
