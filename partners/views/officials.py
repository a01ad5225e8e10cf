"""Officials' pages on organisations: the list, one organisation, verification, invitations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.permissions import official_required
from matchmaking.models import TechnologyNeed, TechnologyOffer
from matchmaking.selectors import records_overview
from partners import selectors, services
from partners.forms import DelegationInviteForm, OrganizationFilterForm, ReturnForm

PAGE_SIZE = 25


@official_required
def organization_list(request):
    form = OrganizationFilterForm(request.GET or None)
    organizations = selectors.organizations_for_officials(**form.filters())
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "partners/officials/organization_list.html", {"form": form, "page": page}
    )


@official_required
def organization_manage(request, pk: int):
    organization = selectors.organization_for_officials(pk)
    if organization is None:
        raise Http404
    records, totals = records_overview(
        TechnologyOffer.objects.filter(organization=organization),
        TechnologyNeed.objects.filter(organization=organization),
    )
    return render(
        request,
        "partners/officials/organization_detail.html",
        {
            "organization": organization,
            "members": selectors.organization_members(organization),
            "invitations": selectors.pending_invitations(organization),
            "records": records,
            "totals": totals,
            "registrations": selectors.organization_registrations(organization),
            "return_form": ReturnForm(),
        },
    )


@official_required
def verification(request):
    to_verify, returned = selectors.verification_queue()
    return render(
        request,
        "partners/officials/verification.html",
        {"to_verify": to_verify, "returned": returned, "return_form": ReturnForm()},
    )


def _organization_or_404(pk: int):
    organization = selectors.organization_with_admins(pk)
    if organization is None:
        raise Http404
    return organization


def _back(request, default: str, *args):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default, *args)


def _row(request, organization, *, done: str = "", form=None):
    return render(
        request,
        "partners/officials/_verification_row.html",
        {"organization": organization, "done": done, "return_form": form or ReturnForm()},
    )


@official_required
@require_POST
def organization_verify(request, pk: int):
    organization = _organization_or_404(pk)
    services.organization_verify(organization=organization, official=request.user)
    if request.htmx:
        return _row(request, organization, done="verified")
    messages.success(request, _("%(org)s is verified.") % {"org": organization})
    return _back(request, "partners:verification")


@official_required
@require_POST
def organization_return(request, pk: int):
    organization = _organization_or_404(pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.organization_return(
                organization=organization,
                official=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        if request.htmx:
            return _row(request, organization, form=form)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, "partners:verification")
    if request.htmx:
        return _row(request, organization, done="returned")
    messages.success(
        request, _("%(org)s has been sent back with your note.") % {"org": organization}
    )
    return _back(request, "partners:verification")


@official_required
@require_http_methods(["GET", "POST"])
def invite(request):
    """Invite a person (typically a foreign delegation's member) into an organisation."""
    initial = {
        key: request.GET[key] for key in ("organization", "delegation") if request.GET.get(key)
    }
    form = DelegationInviteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.delegation_member_invite(
                official=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=form.cleaned_data["language"],
                organization=form.cleaned_data["organization"],
                organization_fields=form.organization_fields(),
                delegation=form.cleaned_data["delegation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("An invitation to join %(org)s has been sent to %(email)s.")
                % {"org": invitation.organization, "email": invitation.email},
            )
            return redirect("partners:manage", invitation.organization_id)
    return render(request, "partners/officials/invite.html", {"form": form})
