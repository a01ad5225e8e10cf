"""Guessing passwords, tokens and flooding sign-up or password reset is stopped per client
address, and a forged X-Forwarded-For header gives no fresh attempts."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from tests.api.conftest import english_client, token_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_LIMIT = 5  # settings.AXES_FAILURE_LIMIT


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _login(client, email, password, forwarded=None, url=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        url or reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def _fail_until_locked(client, email, url=None):
    """Wrong passwords, each with a different forged X-Forwarded-For; returns the statuses."""
    return [
        _login(client, email, f"wrong {n}", forwarded=f"203.0.113.{n}", url=url).status_code
        for n in range(LOGIN_LIMIT)
    ]


def test_repeated_wrong_passwords_lock_the_account_even_with_forged_forwarded_for(client, member):
    assert _fail_until_locked(client, member.email) == [200] * (LOGIN_LIMIT - 1) + [429]
    response = _login(client, member.email, PASSWORD, forwarded="198.51.100.7")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "Please wait 15 minutes and try again." in response.content.decode()
    assert not client.get(reverse("accounts:profile")).wsgi_request.user.is_authenticated


def test_spelling_the_email_differently_gives_no_fresh_attempts(client, member):
    spellings = [member.email.upper(), f" {member.email} ", member.email.title()]
    for n in range(LOGIN_LIMIT - 1):
        assert _login(client, spellings[n % 3], f"wrong {n}").status_code == 200
    assert _login(client, member.email, "wrong again").status_code == 429


def test_lock_out_is_per_client_address_so_others_can_still_log_in(client, member):
    _fail_until_locked(client, member.email)
    elsewhere = client.__class__(REMOTE_ADDR="192.0.2.50")
    assert _login(elsewhere, member.email, PASSWORD).status_code == 302


def test_lock_out_ends_after_the_cool_off_time(client, member):
    _fail_until_locked(client, member.email)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, member.email, PASSWORD).status_code == 302


def test_a_successful_log_in_clears_the_earlier_failures(client, member):
    for n in range(LOGIN_LIMIT - 1):
        _login(client, member.email, f"wrong {n}")
    assert _login(client, member.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    assert _login(client, member.email, "wrong once more").status_code == 200


def test_the_admin_log_in_is_locked_too(client, official):
    url = reverse("admin:login")
    statuses = _fail_until_locked(client, official.email, url=url)
    assert statuses[-1] == 429
    assert _login(client, official.email, PASSWORD, url=url).status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302  # still logged out


def test_behind_one_proxy_only_the_address_it_appended_counts(client, member, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    # The proxy appends the real client (198.51.100.1); what the client wrote stays on the left.
    for n in range(LOGIN_LIMIT):
        _login(client, member.email, f"wrong {n}", forwarded=f"10.9.9.{n}, 198.51.100.1")
    assert _login(client, member.email, PASSWORD, forwarded="198.51.100.1").status_code == 429
    other_person = _login(client, member.email, PASSWORD, forwarded="10.9.9.1, 198.51.100.2")
    assert other_person.status_code == 302


def test_many_accounts_tried_from_one_address_are_stopped(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-failures": "3/hour"}
    statuses = [
        _login(client, f"person{n}@example.org", "guess", forwarded=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_sign_up_is_limited_per_client_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign-up": "2/hour"}
    url = reverse("partners:sign_up")
    statuses = [
        client.post(url, {"name": "x"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_password_reset_is_limited_per_client_address(client, member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password-reset": "2/hour"}
    url = reverse("accounts:password_reset")
    statuses = [
        client.post(url, {"email": member.email}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_api_anonymous_throttle_ignores_a_forged_forwarded_for(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "3/minute",
        },
    }
    api = english_client()
    statuses = [
        api.get("/api/v1/sectors/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_api_throttle_behind_one_proxy_counts_each_real_client(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
    }
    api = english_client()

    def get(forwarded):
        return api.get("/api/v1/sectors/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [get(f"10.0.0.{n}, 198.51.100.1") for n in range(3)] == [200, 200, 429]
    assert get("198.51.100.2") == 200


def test_wrong_api_tokens_are_refused_for_a_while_whatever_the_forwarded_for(member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api-bad-tokens": "3/hour"}
    good = token_for(member)
    api = english_client()

    def get(token, n):
        return api.get(
            "/api/v1/offers/mine/",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code

    assert [get(f"tm_guess{n}", n) for n in range(4)] == [401, 401, 401, 429]
    assert get(good, 9) == 429  # even the right token, from that address, until it expires
    elsewhere = english_client()
    elsewhere.defaults["REMOTE_ADDR"] = "192.0.2.50"
    assert (
        elsewhere.get("/api/v1/offers/mine/", HTTP_AUTHORIZATION=f"Bearer {good}").status_code
        == 200
    )
