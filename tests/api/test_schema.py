"""The OpenAPI schema and the documentation page (served from installed packages, no CDN,
under the site's Content-Security-Policy)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_1_with_the_token_scheme_and_problems(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"] == "3.1.0"
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["tokenAuth"]["description"],
    }
    assert set(schema["components"]["schemas"]["Problem"]["required"]) == {
        "type",
        "title",
        "status",
        "detail",
        "instance",
        "code",
    }
    offers = schema["paths"]["/api/v1/offers/"]
    assert "application/problem+json" in offers["post"]["responses"]["400"]["content"]
    # Anonymous reads are documented as such; writes need a log-in.
    assert {} in offers["get"]["security"]
    assert {} not in offers["post"]["security"]
    manage = schema["paths"]["/api/v1/manage/events/"]["get"]
    assert {} not in manage["security"]


def test_docs_page_has_no_inline_script_or_style_and_a_strict_csp(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    html = response.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert " style=" not in html
    assert "cdn" not in html.lower()
    sources = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in sources
    assert "api/docs.js" in sources
    for path in sources:
        assert finders.find(path), path
    assert 'data-schema-url="/api/schema/?format=json"' in html
