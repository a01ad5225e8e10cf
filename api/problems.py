"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error of the API has the same shape: ``type`` (a URI naming the kind of problem),
``title`` (the kind, in words), ``status``, ``detail`` (this occurrence), ``instance`` (the
request's path) and ``code`` (a short machine-readable word); validation errors add
``errors``, one entry per field with a JSON pointer into the request body (or the name of the
query parameter). The services' own refusals are mapped here too: a Django
``ValidationError`` naming fields is a 400 like any invalid input, one that does not (the action
conflicts with the current state: registration closed, slot taken…) is a 409, and
``PermissionDenied`` a 403.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

CONTENT_TYPE = "application/problem+json"


class Conflict(exceptions.APIException):
    """A service refused the action in the current state of the resource."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The action is not possible in the current state.")
    default_code = "conflict"


# code → title. The code is DRF's (or ours); the titles stay the same for every occurrence.
TITLES = {
    "invalid": _("Invalid input"),
    "parse_error": _("Malformed request body"),
    "not_authenticated": _("Authentication required"),
    "authentication_failed": _("Authentication failed"),
    "permission_denied": _("Permission denied"),
    "not_found": _("Not found"),
    "method_not_allowed": _("Method not allowed"),
    "not_acceptable": _("Not acceptable"),
    "conflict": _("Conflict with the current state"),
    "unsupported_media_type": _("Unsupported media type"),
    "throttled": _("Too many requests"),
    "server_error": _("Internal error"),
    "error": _("Error"),
}


def problem_type(code: str) -> str:
    """The problem's ``type``: an absolute URI on the portal, documented on one page."""
    return f"{settings.SITE_URL}/api/problems/#{code.replace('_', '-')}"


def _field_errors(detail, pointer: str = "") -> list[dict]:
    """DRF's nested error detail flattened into ``{pointer, detail, code}`` entries."""
    if isinstance(detail, dict):
        return [
            entry
            for key, value in detail.items()
            for entry in _field_errors(
                value,
                pointer if key in (NON_FIELD_ERRORS, "non_field_errors") else f"{pointer}/{key}",
            )
        ]
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [_entry(item, pointer) for item in detail]
        return [
            entry
            for index, item in enumerate(detail)
            for entry in _field_errors(item, f"{pointer}/{index}")
        ]
    return [_entry(detail, pointer)]


def _entry(message, pointer: str) -> dict:
    entry = {"detail": str(message), "code": getattr(message, "code", None) or "invalid"}
    if pointer:
        entry["pointer"] = "#" + pointer
    return entry


def _from_service(exc: DjangoValidationError) -> exceptions.APIException:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {
                field: [str(message) for error in errors for message in error.messages]
                for field, errors in exc.error_dict.items()
            }
        )
    return Conflict(" ".join(str(m) for m in exc.messages))


def _body(code: str, status_code: int, detail, request) -> dict:
    """The members every problem document has."""
    return {
        "type": problem_type(code),
        "title": str(TITLES.get(code, TITLES["error"])),
        "status": status_code,
        "detail": str(detail),
        "instance": request.get_full_path() if request is not None else "",
        "code": code,
    }


def problem_response(exc: exceptions.APIException, request) -> Response:
    code = getattr(exc, "default_code", "error")
    body = _body(code, exc.status_code, "", request)
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        general = [e["detail"] for e in errors if "pointer" not in e]
        body["detail"] = " ".join(general) or str(_("Check the fields listed in “errors”."))
        body["errors"] = errors
    else:
        body["detail"] = str(exc.detail)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    return Response(body, status=exc.status_code, headers=headers, content_type=CONTENT_TYPE)


def problem_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: every API error becomes a problem document.

    Exceptions that are not known errors (bugs) are left to Django: logged, and a 500.
    """
    if isinstance(exc, DjangoValidationError):
        exc = _from_service(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # the same words whatever was looked for
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if not isinstance(exc, exceptions.APIException):
        return None
    from rest_framework.views import set_rollback

    set_rollback()
    return problem_response(exc, context.get("request"))


def outside_drf(request, *, status_code: int, code: str, detail) -> HttpResponse:
    """A problem document for what never reached a DRF view: an unknown path under /api/
    (Django's 404) or a crash (Django's 500). Built without DRF's renderer, which needs a view."""
    body = _body(code, status_code, detail, request)
    return HttpResponse(json.dumps(body), status=status_code, content_type=CONTENT_TYPE)
