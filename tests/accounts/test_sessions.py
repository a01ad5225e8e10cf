"""Sessions: a new key at log-in, dead after log-out, and an end after idling or a long day."""

import logging
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.sessions import LOGIN_AT, SEEN_AT
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _log_in(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def _replay(cookie_value) -> Client:
    """A new browser that sends a stolen or remembered session cookie."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = cookie_value
    return other


def _logged_in(client) -> bool:
    return client.get(reverse("accounts:profile")).status_code == 200


def _age_session(client, **seconds_ago):
    store = SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    now = int(time.time())
    for key, ago in (("login", seconds_ago.get("login")), ("seen", seconds_ago.get("seen"))):
        if ago is not None:
            store[LOGIN_AT if key == "login" else SEEN_AT] = now - ago
    store.save()


def test_log_in_gives_a_new_session_key_and_the_old_one_opens_nothing(client, member):
    client.get(reverse("accounts:login"))
    session = client.session
    session["language_hint"] = "en"
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    _log_in(client, member)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert _logged_in(client)
    assert not _logged_in(_replay(before))


def test_log_out_kills_the_session_for_whoever_kept_the_cookie(client, member):
    _log_in(client, member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _logged_in(_replay(cookie))
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert not Session.objects.filter(session_key=cookie).exists()
    assert not _logged_in(_replay(cookie))
    assert not _logged_in(client)


def test_session_cookie_lives_no_longer_than_the_absolute_time_out(client, member):
    response = _log_in(client, member)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
    assert cookie["httponly"] is True


def test_session_ends_after_two_hours_without_a_request(client, member, caplog):
    _log_in(client, member)
    _age_session(client, seen=2 * 60 * 60 + 1)
    caplog.set_level(logging.INFO, logger="portal.security")
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page = client.get(response["Location"])
    assert "Your session has expired. Please log in again." in page.content.decode()
    assert not _logged_in(client)
    assert f"session expired (idle): user=#{member.pk} ip=127.0.0.1" in caplog.messages


def test_activity_keeps_the_session_alive_and_is_remembered(client, member):
    _log_in(client, member)
    _age_session(client, seen=2 * 60 * 60 - 60)
    assert _logged_in(client)
    store = SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert int(time.time()) - store[SEEN_AT] < 60


def test_session_ends_twelve_hours_after_log_in_however_active(client, member):
    _log_in(client, member)
    _age_session(client, login=12 * 60 * 60 + 1, seen=10)
    assert not _logged_in(client)


def test_time_outs_follow_the_settings(client, member, settings):
    settings.SESSION_IDLE_TIMEOUT = 300
    _log_in(client, member)
    _age_session(client, seen=301)
    assert not _logged_in(client)
