"""The API's documentation: the OpenAPI schema, a Swagger UI page that holds under the site's
Content-Security-Policy, the page describing the problem types, and JSON 404s under /api/v1/."""

from django.shortcuts import render
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from api.problems import TITLES


def docs(request):
    """Swagger UI from drf-spectacular-sidecar's files (no CDN). drf-spectacular's own page has
    an inline script and style, which the CSP refuses: this one starts Swagger UI from a static
    file (static/api/docs.js) that reads the schema's URL from a data attribute."""
    return render(request, "api/docs.html")


def problems(request):
    return render(
        request,
        "api/problems.html",
        {"problems": [(code.replace("_", "-"), title) for code, title in TITLES.items()]},
    )


class NotFoundView(APIView):
    """Any other path under /api/v1/: a problem document rather than the HTML 404 page."""

    schema = None  # not an operation of the API
    permission_classes = [AllowAny]

    def _not_found(self, request, *args, **kwargs):
        raise NotFound()

    get = post = put = patch = delete = _not_found
