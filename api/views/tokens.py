"""A person's API tokens (HTML pages under /accounts/tokens/, linked from the profile)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api import selectors, services
from api.forms import TokenForm
from api.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """The person's tokens and a form for a new one, whose clear token is shown once, here."""
    form = TokenForm(request.POST or None)
    new_token = clear = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token, clear = services.token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("name" if hasattr(exc, "error_dict") else None, message)
        else:
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": selectors.tokens_of(request.user),
            "new_token": new_token,
            "clear_token": clear,
        },
    )
    response["Cache-Control"] = "no-store"  # the clear token must not stay in a cache
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(token=token, user=request.user)
    messages.success(
        request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("api_tokens:list")
