"""Failed log-ins, lock-outs and refused requests are logged with who, from where and when;
passwords and tokens never are."""

import logging

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from partners.services.organizations import invitation_create
from tests.api.conftest import english_client, token_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SECRET_GUESS = "Tr0ub4dor&3-secret-guess"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def _security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "portal.security"]


def _everything_logged(caplog) -> str:
    """Every record of every logger as a handler writes it, with its arguments."""
    parts = [caplog.text]
    for record in caplog.records:
        parts += [record.getMessage(), repr(record.args)]
    return "\n".join(parts)


def test_failed_log_in_is_logged_with_the_account_and_address_but_not_the_password(
    client, member, log
):
    client.post(
        reverse("accounts:login"),
        {"username": member.email.upper(), "password": SECRET_GUESS},
        REMOTE_ADDR="198.51.100.23",
    )
    assert _security_lines(log) == [
        f"log-in failed: user={member.email} ip=198.51.100.23 path=/en/accounts/login/"
    ]
    assert SECRET_GUESS not in _everything_logged(log)


def test_log_in_log_out_and_lock_out_are_logged_and_no_password_appears(client, member, log):
    client.post(reverse("accounts:login"), {"username": member.email, "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": member.email, "password": f"{SECRET_GUESS}{n}"}
        )
    failed = f"log-in failed: user={member.email} ip=127.0.0.1 path=/en/accounts/login/"
    assert _security_lines(log) == [
        f"log-in: user={member.email} (#{member.pk}) ip=127.0.0.1",
        f"log-out: user={member.email} (#{member.pk}) ip=127.0.0.1",
        *[failed] * 4,
        f"lock-out after repeated failed log-ins: user={member.email} ip=127.0.0.1",
        failed,
    ]
    everything = _everything_logged(log)
    assert PASSWORD not in everything
    assert SECRET_GUESS not in everything


def test_refused_request_is_logged_with_the_person_and_address(client, member, log):
    client.force_login(member)
    assert client.get(reverse("core:officials"), REMOTE_ADDR="198.51.100.7").status_code == 403
    assert _security_lines(log)[-1] == (
        f"denied: user={member.email} (#{member.pk}) ip=198.51.100.7 GET /en/officials/"
    )


def test_refused_invitation_link_is_logged_without_its_token(client, owner, outsider, org_a, log):
    _invitation, token = invitation_create(
        organization=org_a, email="hoa@example.org", role="member", invited_by=owner
    )
    client.force_login(outsider)
    assert client.post(reverse("partners:invitation_accept", args=[token])).status_code == 403
    assert _security_lines(log)[-1] == (
        f"denied: user={outsider.email} (#{outsider.pk}) ip=127.0.0.1 "
        "POST /en/organisations/invitations/***/"
    )
    django_lines = [r.getMessage() for r in log.records if r.name == "django.request"]
    assert django_lines == ["Forbidden (Permission denied): /en/organisations/invitations/***/"]
    assert token not in _everything_logged(log)


def test_refused_api_token_is_logged_without_the_token(member, log):
    good = token_for(member)
    wrong = good[:-4] + "abcd"
    response = english_client().get(
        "/api/v1/offers/mine/?format=json", HTTP_AUTHORIZATION=f"Bearer {wrong}"
    )
    assert response.status_code == 401
    assert _security_lines(log) == ["API token refused: ip=127.0.0.1 path=/api/v1/offers/mine/"]
    everything = _everything_logged(log)
    assert wrong not in everything
    assert good not in everything


def test_api_request_refused_to_a_token_user_is_logged_with_the_person(member, log):
    api = english_client()
    token = token_for(member)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/manage/events/").status_code == 403
    assert _security_lines(log) == [
        f"denied: user={member.email} (#{member.pk}) ip=127.0.0.1 GET /api/v1/manage/events/"
    ]
    assert token not in _everything_logged(log)


def test_log_lines_carry_the_time():
    assert "%(asctime)s" in settings.LOGGING["formatters"]["plain"]["format"]
