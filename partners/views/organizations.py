from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.files import download
from core.permissions import membership_role
from core.uploads import IMAGES
from matchmaking.selectors import catalogue_offers
from partners import selectors, services
from partners.forms import AcceptInvitationForm, InvitationForm, OrganizationForm, SignUpForm
from partners.models import Membership, Organization


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = services.organization_sign_up(
            organization_fields=form.organization_fields(),
            sectors=form.cleaned_data["sectors"],
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            job_title=form.cleaned_data["job_title"],
            password=form.cleaned_data["password1"],
            language=form.cleaned_data["language"],
        )
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! %(org)s is registered. Officials will verify it shortly.")
            % {"org": membership.organization},
        )
        return redirect("partners:detail", pk=membership.organization.pk)
    return render(request, "partners/sign_up.html", {"form": form})


def organization_detail(request, pk: int):
    organization = get_object_or_404(Organization.objects.prefetch_related("sectors"), pk=pk)
    role = membership_role(request.user, organization.pk)
    offers = catalogue_offers().filter(organization=organization)[:12]
    return render(
        request,
        "partners/detail.html",
        {
            "organization": organization,
            "role": role,
            "offers": offers,
            "can_edit": role == Membership.Role.ADMIN
            or (request.user.is_authenticated and request.user.is_official),
            "headed_delegations": selectors.delegations_headed_by(request.user),
        },
    )


@require_safe
def organization_logo(request, pk: int):
    """The logo of any organisation (its page is public), as an image attachment."""
    organization = get_object_or_404(Organization, pk=pk)
    return download(organization.logo, filename=f"logo-{pk}", allowed=IMAGES, public=True)


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk: int):
    organization = get_object_or_404(Organization, pk=pk)
    services.require_org_admin(request.user, organization)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "sectors"}
        services.organization_update(
            organization=organization,
            user=request.user,
            fields=fields,
            sectors=form.cleaned_data["sectors"],
        )
        messages.success(request, _("The organisation's profile has been saved."))
        return redirect("partners:detail", pk=organization.pk)
    return render(request, "partners/edit.html", {"form": form, "organization": organization})


@login_required
@require_http_methods(["GET", "POST"])
def organization_members(request, pk: int):
    organization = get_object_or_404(Organization, pk=pk)
    services.require_org_admin(request.user, organization)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("partners:members", pk=organization.pk)
    return render(
        request,
        "partners/members.html",
        {
            "organization": organization,
            "members": selectors.organization_members(organization),
            "invitations": organization.invitations.filter(accepted_at__isnull=True),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "partners/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            raise PermissionDenied(
                _("This invitation was sent to another email address. Log out and open it again.")
            )
        if request.method == "POST":
            membership = services.invitation_accept(invitation=invitation, user=request.user)
            return _welcome(request, membership)
        return render(request, "partners/invitation_join.html", {"invitation": invitation})

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, membership)
    return render(
        request, "partners/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _welcome(request, membership: Membership):
    """After joining: an administrator of an organisation without a description completes it."""
    organization = membership.organization
    if membership.role == Membership.Role.ADMIN and not (
        organization.description or organization.description_en
    ):
        messages.success(
            request,
            _("Welcome! You have joined %(org)s: please complete its profile.")
            % {"org": organization},
        )
        return redirect("partners:edit", pk=organization.pk)
    messages.success(request, _("Welcome! You have joined %(org)s.") % {"org": organization})
    return redirect("partners:detail", pk=organization.pk)
