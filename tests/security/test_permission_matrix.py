"""Every URL of the project × every role gets the outcome declared in ``matrix.py``.

The URLs come from Django's resolver, so a new URL without a declaration fails
``test_every_url_has_a_declared_outcome`` with its name. Each request runs in a savepoint that is
rolled back, so a POST that does its work (an approval, a cancellation) leaves the next request
the same world; the cache (throttles, cached pages) is emptied between requests.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from tests.security.matrix import ADMIN_OFFICIALS, ADMIN_SITE, ROUTES
from tests.security.routes import (
    Pattern,
    admin_models,
    admin_target,
    all_patterns,
    outcome,
    url_for,
)
from tests.security.world import ROLES, World, build_world

ADMIN_NON_STAFF = "admin-login"
ADMIN_NEEDS = {
    "changelist": {"view", "change"},
    "history": {"view", "change"},
    "change": {"view", "change"},
    "add": {"add"},
    "delete": {"delete"},
    "password": {"change"},
}


def _base_key(pattern: Pattern) -> str:
    return pattern.name or pattern.route


def _official_admin_rights(label: str) -> set[str] | None:
    app = label.split(".")[0]
    for key in (label, f"{app}.*"):
        if key in ADMIN_OFFICIALS:
            return ADMIN_OFFICIALS[key]
    return None


# --- The table covers every URL, and only URLs that exist ----------------------------------
def test_every_url_has_a_declared_outcome():
    missing, unknown_admin = [], []
    for pattern in all_patterns():
        if pattern.is_admin:
            target = admin_target(pattern)
            if target is None and pattern.key not in ADMIN_SITE:
                unknown_admin.append(f"{pattern.key}  (/{pattern.route}) → add it to ADMIN_SITE")
            elif target is not None and _official_admin_rights(target[0]) is None:
                unknown_admin.append(f"admin model {target[0]} → add it to ADMIN_OFFICIALS")
        elif _base_key(pattern) not in ROUTES:
            missing.append(f"{pattern.key}  (/{pattern.route}) → add it to ROUTES")
    problems = sorted(set(missing)) + sorted(set(unknown_admin))
    assert not problems, "URLs without a declared outcome in tests/security/matrix.py:\n" + (
        "\n".join(problems)
    )


def test_every_declaration_names_an_existing_url_and_all_its_parameters():
    patterns = {p.key: p for p in all_patterns() if not p.is_admin and not p.is_format_twin}
    problems = [f"{key}: no such URL any more" for key in ROUTES if key not in patterns]
    for key, pattern in patterns.items():
        declared = ROUTES.get(key)
        if declared is not None and set(declared.params) != set(pattern.kwargs):
            problems.append(
                f"{key}: parameters {sorted(pattern.kwargs)}, declared {sorted(declared.params)}"
            )
    assert not problems, "\n".join(problems)


# --- The requests -----------------------------------------------------------------------------
def _send(client: Client, method: str, url: str) -> str:
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    try:
        with transaction.atomic():
            if method == "post" and url.startswith("/api/"):
                response = client.post(url, data="{}", content_type="application/json")
            else:
                response = getattr(client, method)(url)
            transaction.set_rollback(True)
        return outcome(response)
    except Exception as exc:  # a crash is reported with the other mismatches
        return f"crash ({type(exc).__name__}: {exc})"
    finally:
        # A log-out (or a log-in page) replaced the session cookie: the role keeps its own.
        for name, value in cookies.items():
            client.cookies[name] = value
        cache.clear()


def _admin_object_values(pattern: Pattern, world: World) -> dict:
    values = {}
    if pattern.key == "admin:view_on_site":
        return world.values["view_on_site"]
    for name in pattern.kwargs:
        if name in ("object_id", "id"):
            label = admin_target(pattern)[0]
            row = admin_models()[label]._default_manager.order_by("pk").first()
            assert row is not None, f"the world has no {label} for /{pattern.route}: add one"
            values[name] = row.pk
        elif name == "app_label":
            values[name] = "partners"
        elif name == "url":
            values[name] = "no-such-page/"
    return values


def _admin_expected(pattern: Pattern, role: str, method: str) -> str:
    target = admin_target(pattern)
    if target is None:
        declared = ADMIN_SITE[pattern.key]
        return (declared.get if method == "get" else declared.post).split()[ROLES.index(role)]
    if role != "official":
        return ADMIN_NON_STAFF
    label, action = target
    if action == "object":
        return "302"  # to the change page, which checks the permission
    allowed = bool(ADMIN_NEEDS[action] & _official_admin_rights(label))
    return "200" if allowed else "403"


def _cases(world: World, role: str):
    """(what, method, url, expected outcome) for every URL pattern and method."""
    index = ROLES.index(role)
    for pattern in all_patterns():
        if pattern.is_admin:
            url = url_for(pattern, _admin_object_values(pattern, world))
            methods = ("get",) if role == "official" else ("get", "post")
            for method in methods:
                yield pattern.key, method, url, _admin_expected(pattern, role, method)
            continue
        declared = ROUTES[_base_key(pattern)]
        kwargs = {name: world.values[value] for name, value in declared.params.items()}
        if pattern.is_format_twin:
            kwargs["format"] = "json"
        url = url_for(pattern, kwargs)
        if declared.query:
            url += "?" + urlencode({k: world.values[v] for k, v in declared.query.items()})
        yield pattern.key, "get", url, declared.get.split()[index]
        if not pattern.is_format_twin:
            yield pattern.key, "post", url, declared.post.split()[index]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the five roles, in a transaction rolled back after the last of them."""
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        with translation.override("en"):
            built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_declared(role, world):
    with translation.override("en"):
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        # Every URL is built before the first request: a request activates its own language.
        cases = list(_cases(world, role))
        mismatches = []
        for key, method, url, expected in cases:
            got = _send(client, method, url)
            if got != expected:
                mismatches.append(f"{method.upper()} {url} ({key}): declared {expected}, got {got}")
    assert not mismatches, f"{len(mismatches)} outcomes differ for {role}:\n" + "\n".join(
        mismatches
    )
