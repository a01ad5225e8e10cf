"""What a browser receives from the portal under production settings.

Run by tests/core/test_production_headers.py in a subprocess whose environment is a deployment's
(DEBUG=0, a real SECRET_KEY, TLS on): settings are computed at import, so they cannot be switched
inside the test session. Prints one JSON document: for each request, its status, headers and the
attributes of every cookie it set.
"""

import json
import sys

import django
from django.conf import settings

HOST = "portal.example.org"
EMAIL, PASSWORD = "probe@example.org", "a long probe passphrase 42"


def _describe(response) -> dict:
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {
            name: {
                "value_set": bool(morsel.value),
                "secure": bool(morsel["secure"]),
                "httponly": bool(morsel["httponly"]),
                "samesite": morsel["samesite"],
                "max-age": morsel["max-age"],
            }
            for name, morsel in response.cookies.items()
        },
    }


def main() -> None:
    # Tables straight from the models: the probe needs one user, not the data migrations.
    settings.DATABASES["default"]["TEST"] = {"MIGRATE": False}
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import User

    setup_test_environment(debug=False)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    User.objects.create_user(EMAIL, PASSWORD, full_name="Probe")

    browser = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    secure = {"secure": True}
    results = {"home": _describe(browser.get("/en/", **secure))}
    login_page = browser.get("/en/accounts/login/", **secure)
    results["login_page"] = _describe(login_page)
    results["login"] = _describe(
        browser.post(
            "/en/accounts/login/",
            {
                "username": EMAIL,
                "password": PASSWORD,
                "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
            },
            HTTP_ORIGIN=f"https://{HOST}",
            **secure,
        )
    )
    results["dashboard"] = _describe(browser.get("/en/dashboard/", **secure))
    results["api"] = _describe(browser.get("/api/v1/sectors/", **secure))
    results["plain_http"] = _describe(Client(HTTP_HOST=HOST).get("/en/"))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
