"""Schemathesis against the OpenAPI schema, in-process on the WSGI application.

For an anonymous client and for an organisation member with a personal token, every operation
of the schema gets generated requests, valid and invalid: no answer may be a server error,
every answer must be documented (status code, media type, body schema), and schema-violating
input must be refused with a 4xx. Deterministic (derandomised) and bounded: a few examples per
operation (``API_FUZZ_EXAMPLES``), on the test database seeded with a small portal. For the
member, half the valid requests address rows that exist (the seeded ones), so that the
generated bodies reach the services rather than stopping at a 404.
"""

import os
import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis import checks as common_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi import checks as openapi_checks

from tests.api.conftest import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "8"))

CHECKS = [
    common_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
]


def _schema():
    # Loaded at collection: the schema view needs no database. (The lazy loader,
    # ``schemathesis.pytest.from_fixture``, relies on a pytest internal that pytest 9 removed.)
    from config.wsgi import application

    config = SchemathesisConfig.from_dict(
        {
            "suppress-health-check": ["all"],
            "phases": {"coverage": {"enabled": os.environ.get("API_FUZZ_COVERAGE", "1") == "1"}},
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                "no-shrink": True,
            },
        }
    )
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=config)


schema = _schema()


@pytest.fixture
def no_throttling(settings):
    """Fuzzing sends thousands of requests a minute: throttling would only answer 429."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(("anon", "user", "writes", "runs")),
    }


@pytest.fixture
def keep_connection():
    """Requests go straight to the WSGI application, whose end-of-request signal would close
    the test's database connection (inside its transaction, on PostgreSQL); Django's own test
    client disconnects that handler in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
def test_api_anonymous(case, portal, no_throttling, keep_connection):
    case.call_and_validate(checks=CHECKS)


@pytest.fixture
def member_token(member):
    return token_for(member)


@pytest.fixture
def existing_rows(portal, org_a) -> dict[str, object]:
    """For each resource, a seeded row the member's organisation may act on."""
    return {
        "sectors": "AQU.FAR",
        "organisations": org_a.pk,
        "offers": portal["a_offer"].reference,
        "needs": portal["a_need"].reference,
        "match-scores": portal["a_need"].scores.first().pk,
        "events": portal["event"].pk,
        "registrations": portal["reg_a"].pk,
        "meeting-requests": portal["request_ba"].pk,
        "meetings": portal["published"]
        .meetings.filter(registration_a__organization=org_a)
        .first()
        .pk,
    }


def _address_existing_row(case, rows) -> None:
    """Point half the valid requests with a path parameter at a row that exists."""
    if case.meta is None or case.meta.is_negative_at(ParameterLocation.PATH):
        return
    if not case.path_parameters or zlib.crc32(repr(case.path_parameters).encode()) % 2:
        return
    resource = case.operation.path.removeprefix("/api/v1/").split("/")[0]
    if resource in rows:
        name = next(iter(case.path_parameters))
        case.path_parameters[name] = rows[resource]
        case.meta.mark_dirty(ParameterLocation.PATH)


@schema.parametrize()
def test_api_member_token(case, existing_rows, no_throttling, keep_connection, member_token):
    _address_existing_row(case, existing_rows)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {member_token}"})
