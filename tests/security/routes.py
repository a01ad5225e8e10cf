"""Every URL pattern of the project, how to build a real URL for it, and what a request got."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import admin
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, reverse

FORMAT_GROUP = "(?P<format>"


@dataclass(frozen=True)
class Pattern:
    route: str  # the full pattern, e.g. "offers/<str:reference>/edit/"
    name: str  # namespaced URL name, "" when unnamed
    kwargs: tuple[str, ...]  # the URL parameters

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:") or self.route.startswith("admin/")

    @property
    def is_format_twin(self) -> bool:
        """DRF's copy of a route with a ``.json``-style suffix."""
        return FORMAT_GROUP in self.route

    @property
    def key(self) -> str:
        """What the declaration table is keyed on: the URL name, or the pattern if unnamed."""
        return self.name or self.route


def _kwargs(pattern) -> tuple[str, ...]:
    regex = pattern.pattern.regex
    return tuple(regex.groupindex)


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            # The language prefix is left out: it depends on the active language.
            here = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            for route, name, kwargs in _walk(entry.url_patterns, prefix + here, inner):
                yield route, name, _kwargs(entry) + kwargs
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield prefix + str(entry.pattern), name, _kwargs(entry)


def all_patterns() -> list[Pattern]:
    return [
        Pattern(route, name, kwargs) for route, name, kwargs in _walk(get_resolver().url_patterns)
    ]


# --- The admin ------------------------------------------------------------------------------
ADMIN_ACTIONS = ("changelist", "add", "history", "delete", "change")


def admin_models() -> dict[str, type]:
    """``"app_label.model_name"`` → model, for every model registered in the admin."""
    return {f"{m._meta.app_label}.{m._meta.model_name}": m for m in admin.site._registry}


def admin_target(pattern: Pattern) -> tuple[str, str] | None:
    """(model label, action) of a standard model admin page; None for any other admin page."""
    parts = pattern.route.split("/")
    label = f"{parts[1]}.{parts[2]}" if len(parts) > 3 else ""
    if label not in admin_models():
        return None
    name = pattern.name.removeprefix("admin:")
    for action in ADMIN_ACTIONS:
        if name == f"{parts[1]}_{parts[2]}_{action}":
            return label, action
    if name == "auth_user_password_change":
        return label, "password"
    if not pattern.name and pattern.route.endswith("/<path:object_id>/"):
        return label, "object"  # redirects to the change page
    return None  # a page a model admin added: it needs its own entry


def url_for(pattern: Pattern, kwargs: dict) -> str:
    """A concrete URL for ``pattern`` with the given parameter values."""
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    path = pattern.route
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), path)
    path = path.replace("^", "").replace("$", "")
    if pattern.is_admin:
        return reverse("admin:index") + path.removeprefix("admin/")
    return "/" + path


# --- What a response means ------------------------------------------------------------------
def outcome(response) -> str:
    """``200``, ``login`` (sent to the portal's log-in), ``admin-login``, ``302`` (sent anywhere
    else: the work was done), or the status code."""
    if response.status_code in (301, 302):
        location = response["Location"]
        if "/admin/login/" in location:
            return "admin-login"
        if "/accounts/login/" in location:
            return "login"
        return "302"
    return str(response.status_code)
