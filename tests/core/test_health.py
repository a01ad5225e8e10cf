"""/healthz answers monitoring: 200 when the database and the broker answer, 503 otherwise."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_portal_says_so(client, settings):
    settings.REDIS_URL = ""  # the embedded demo: tasks run in-process, no broker to reach
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "broker")} == {
        "status": "ok",
        "database": "ok",
        "broker": "not configured",
    }
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_broker_makes_the_portal_unhealthy(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["broker"]) == (
        "error",
        "ok",
        "error: ConnectionError",
    )


def test_reachable_broker_is_reported(client, settings):
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL (CI has it)")
    assert client.get("/healthz").json()["broker"] == "ok"


def test_health_probe_is_answered_over_plain_http_and_only_read(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.REDIS_URL = ""
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301  # every other page goes to HTTPS
    assert client.post("/healthz").status_code == 405
