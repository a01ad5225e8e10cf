"""Every error is an RFC 9457 problem document (application/problem+json)."""

import pytest
from django.conf import settings

from tests.api.conftest import client_with_token, problem
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

FIELDS = {"type", "title", "status", "detail", "instance", "code"}


def _check(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = problem(response)
    assert set(body) >= FIELDS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"{settings.SITE_URL}/api/problems/#{code.replace('_', '-')}"
    assert body["instance"] == response.wsgi_request.get_full_path()
    assert isinstance(body["title"], str)
    assert body["title"]
    assert body["detail"]
    return body


def test_problem_400_lists_field_errors_with_pointers(member, org_a):
    response = client_with_token(member).post(
        "/api/v1/offers/?x=1", {"trl": "seven", "sectors": [], "keywords": ["ok", 5]}
    )
    body = _check(response, 400, "invalid")
    assert body["title"] == "Invalid input"
    assert body["instance"] == "/api/v1/offers/?x=1"
    errors = {(e["pointer"], e["code"]) for e in body["errors"]}
    assert errors == {
        ("#/title", "required"),
        ("#/trl", "invalid_type"),
        ("#/sectors", "empty"),
        ("#/keywords/1", "invalid_type"),
    }
    assert all(e["detail"] for e in body["errors"])


def test_problem_400_for_a_bad_query_parameter(api):
    body = _check(api.get("/api/v1/offers/", {"trl_min": "high"}), 400, "invalid")
    assert [e["pointer"] for e in body["errors"]] == ["#/trl_min"]


def test_problem_400_for_malformed_json(member):
    client = client_with_token(member)
    response = client.generic(
        "POST", "/api/v1/offers/", "{not json", content_type="application/json"
    )
    _check(response, 400, "parse_error")


def test_problem_401(api):
    response = api.get("/api/v1/offers/mine/")
    body = _check(response, 401, "not_authenticated")
    assert body["title"] == "Authentication required"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_problem_403_carries_the_services_message(member, org_b):
    offer = OfferFactory(organization=org_b)
    response = client_with_token(member).post(f"/api/v1/offers/{offer.reference}/archive/")
    body = _check(response, 403, "permission_denied")
    assert body["detail"] == f"Only members of {org_b} can change its records."


def test_problem_404_for_a_row_and_for_an_unknown_path(api):
    _check(api.get("/api/v1/offers/OF-00-NOPE/"), 404, "not_found")
    _check(api.get("/api/v1/events/999999/"), 404, "not_found")
    _check(api.get("/api/v1/events/not-a-number/"), 404, "not_found")
    _check(api.get("/api/v1/no-such-thing/"), 404, "not_found")
    _check(api.delete("/api/v1/no-such-thing/"), 404, "not_found")


def test_problem_405(api):
    response = api.delete("/api/v1/sectors/")
    _check(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_problem_406(api):
    _check(api.get("/api/v1/sectors/", HTTP_ACCEPT="text/html"), 406, "not_acceptable")


def test_problem_409_for_a_service_refusal(member, portal):
    client = client_with_token(member)
    client.post(f"/api/v1/meeting-requests/{portal['request_ba'].pk}/accept/")
    response = client.post(f"/api/v1/meeting-requests/{portal['request_ba'].pk}/accept/")
    body = _check(response, 409, "conflict")
    assert body["title"] == "Conflict with the current state"
    assert "errors" not in body


def test_problem_415(member):
    response = client_with_token(member).post(
        "/api/v1/offers/", "title=x", content_type="application/x-www-form-urlencoded"
    )
    _check(response, 415, "unsupported_media_type")


def test_problem_429_with_retry_after(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
    }
    assert [api.get("/api/v1/sectors/").status_code for _ in range(2)] == [200, 200]
    response = api.get("/api/v1/sectors/")
    _check(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60


def test_problems_speak_the_clients_language(api):
    english = api.get("/api/v1/events/999999/")
    vietnamese = api.get("/api/v1/events/999999/", HTTP_ACCEPT_LANGUAGE="vi")
    assert (english["Content-Language"], vietnamese["Content-Language"]) == ("en", "vi")
    assert (problem(english)["detail"], problem(vietnamese)["detail"]) == (
        "Not found.",
        "Không tìm thấy.",
    )


def test_problem_types_are_documented(client):
    response = client.get("/api/problems/")
    assert response.status_code == 200
    assert 'id="not-authenticated"' in response.content.decode()


def test_problem_404_outside_the_versioned_api_but_html_for_pages(api, client):
    _check(api.get("/api/v2/offers/"), 404, "not_found")
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_problem_500_when_the_api_crashes_and_no_trace_leaks(api, monkeypatch):
    from api.views import catalogue

    def crash(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(catalogue.SectorViewSet, "list", crash)
    api.raise_request_exception = False
    response = api.get("/api/v1/sectors/")
    body = _check(response, 500, "server_error")
    assert "secret internals" not in response.content.decode()
    assert body["title"] == "Internal error"
