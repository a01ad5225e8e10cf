"""The portal's 404 and 500 handlers: the API's clients get problem details (JSON), people get
the friendly pages (templates/404.html, 500.html)."""

from django.utils.translation import gettext as _
from django.views import defaults

from api.problems import outside_drf


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def page_not_found(request, exception):
    if _is_api(request):
        detail = _("There is nothing at this address.")
        return outside_drf(request, status_code=404, code="not_found", detail=detail)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        # Nothing about the failure itself: it is in the server's log, with its traceback.
        return outside_drf(
            request,
            status_code=500,
            code="server_error",
            detail=_("The server failed to answer this request. Try again later."),
        )
    return defaults.server_error(request)
