"""Security headers and cookie flags on real responses under production settings."""

import json
import secrets

import pytest

from tests.core.test_settings import _run


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    result = _run(
        ["-m", "tests.core.production_probe"],
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.org",
        SITE_URL="https://portal.example.org",
        VAR_DIR=str(tmp_path_factory.mktemp("var")),
        # Templates link static files by name: no collectstatic manifest is needed for headers.
        STATIC_MANIFEST="0",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _csp(response) -> dict[str, list[str]]:
    directives = [
        d.strip().split() for d in response["headers"]["Content-Security-Policy"].split(";")
    ]
    return {d[0]: d[1:] for d in directives if d}


def test_the_probe_logged_in(seen):
    assert [seen[name]["status"] for name in ("home", "login_page", "login", "dashboard")] == [
        200,
        200,
        302,
        200,
    ]
    assert seen["login"]["headers"]["Location"] == "/en/"


def test_plain_http_is_sent_to_https(seen):
    assert seen["plain_http"]["status"] == 301
    assert seen["plain_http"]["headers"]["Location"] == "https://portal.example.org/en/"


@pytest.mark.parametrize("page", ["home", "login_page", "login", "dashboard", "api"])
def test_every_response_carries_the_security_headers(seen, page):
    headers = seen[page]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=(self)" in headers["Permissions-Policy"].split(", ")
    assert "microphone=()" in headers["Permissions-Policy"].split(", ")


@pytest.mark.parametrize("page", ["home", "login_page", "dashboard", "api"])
def test_content_security_policy_forbids_plugins_base_changes_and_framing(seen, page):
    csp = _csp(seen[page])
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


def test_session_cookie_set_at_log_in_is_secure_http_only_and_same_site(seen):
    cookie = seen["login"]["cookies"]["sessionid"]
    assert cookie == {
        "value_set": True,
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
        "max-age": 12 * 60 * 60,
    }


def test_csrf_cookie_is_secure_and_same_site(seen):
    cookie = seen["login_page"]["cookies"]["csrftoken"]
    assert (cookie["value_set"], cookie["secure"], cookie["samesite"]) == (True, True, "Lax")
    # The log-in rotates it, with the same flags.
    rotated = seen["login"]["cookies"]["csrftoken"]
    assert (rotated["secure"], rotated["samesite"]) == (True, "Lax")
