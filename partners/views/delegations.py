"""Delegations: officials manage them; the head of a delegation reads its page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from core.permissions import official_required
from partners import selectors, services
from partners.forms import DelegationFilterForm, DelegationForm
from partners.models import Delegation

PAGE_SIZE = 25


@official_required
def delegation_list(request):
    form = DelegationFilterForm(request.GET or None)
    delegations = selectors.delegations_for_officials(**form.filters())
    page = Paginator(delegations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/delegations/list.html", {"form": form, "page": page})


@login_required
def delegation_detail(request, pk: int):
    """Read-only: the delegation's organisations, their registrations and meetings.

    For the head of the delegation and officials; anyone else gets 403.
    """
    delegation = selectors.delegation_by_pk(pk)
    if delegation is None:
        raise Http404
    if not (request.user.is_official or delegation.head_id == request.user.pk):
        raise PermissionDenied(_("This page is for the head of the delegation and officials."))
    return render(
        request,
        "partners/delegations/detail.html",
        {"delegation": delegation, **selectors.delegation_overview(delegation)},
    )


@official_required
@require_http_methods(["GET", "POST"])
def delegation_create(request):
    return _edit(request, Delegation(), _("The delegation has been created."))


@official_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request, pk: int):
    delegation = selectors.delegation_by_pk(pk)
    if delegation is None:
        raise Http404
    return _edit(request, delegation, _("The delegation has been saved."))


def _edit(request, delegation: Delegation, message: str):
    form = DelegationForm(
        request.POST or None,
        instance=delegation,
        head_candidates=selectors.delegation_head_candidates(delegation.head_id),
        events=selectors.events_for_delegation_form(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            delegation = services.delegation_save(
                delegation=form.save(commit=False),
                official=request.user,
                members=form.cleaned_data["members"],
                events=form.cleaned_data["events"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("partners:delegation", delegation.pk)
    return render(
        request, "partners/delegations/form.html", {"form": form, "delegation": delegation}
    )
