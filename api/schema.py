"""What drf-spectacular needs beyond the views: the token scheme, and the problem documents
every operation may answer with (RFC 9457), added to each operation by a post-processing hook."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from api.problems import CONTENT_TYPE


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token (create one on your profile page, “API tokens”): "
                "`Authorization: Bearer tc_…`."
            ),
        }


PROBLEM = {
    "type": "object",
    "description": "An error, as RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "The kind of problem."},
        "title": {"type": "string", "description": "The kind of problem, in words."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong this time."},
        "instance": {"type": "string", "description": "The path of the request."},
        "code": {"type": "string", "description": "A short machine-readable word."},
        "errors": {
            "type": "array",
            "description": "Validation errors only: one entry per problem with a field.",
            "items": {
                "type": "object",
                "properties": {
                    "pointer": {
                        "type": "string",
                        "description": "JSON pointer to the field (absent: the whole request).",
                    },
                    "detail": {"type": "string"},
                    "code": {"type": "string"},
                },
                "required": ["detail", "code"],
            },
        },
    },
    "required": ["type", "title", "status", "detail", "instance", "code"],
}

_DESCRIPTIONS = {
    "400": "Invalid input (field errors in `errors`).",
    "401": "Not logged in, or the token is not valid or was revoked.",
    "403": "Not allowed for this person.",
    "404": "Not found (or not visible to this person).",
    "405": "Method not allowed.",
    "406": "Not acceptable (the API answers JSON only).",
    "409": "Refused in the current state (the detail says why).",
    "415": "Unsupported media type (send JSON).",
    "429": "Too many requests (see Retry-After).",
}
_EVERY = ("400", "401", "403", "404", "406", "429")
_WITH_BODY = ("409", "415")


def add_problem_responses(result, generator, request, public):
    """Document the problem answers on every operation (a post-processing hook)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            codes = _EVERY + (_WITH_BODY if method in ("post", "put", "patch", "delete") else ())
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": _DESCRIPTIONS[code],
                        "content": {CONTENT_TYPE: {"schema": ref}},
                    },
                )
    return result
