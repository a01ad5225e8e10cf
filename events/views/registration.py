"""Organisations register for an event; officials approve or reject the registrations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import official_required
from events import selectors, services
from events.forms import RegistrationForm, RejectForm
from events.models import Registration
from events.views.common import event_or_404, flash_error, registration_or_404, show_error
from partners.models import Organization


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk: int):
    """Register one of the visitor's organisations (``?organization=<id>``)."""
    event = event_or_404(pk)
    organization = get_object_or_404(Organization, pk=request.GET.get("organization") or 0)
    if not organization.memberships.filter(user=request.user).exists():
        raise PermissionDenied(_("Only members of the organisation can register it."))
    registration = Registration.objects.filter(event=event, organization=organization).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return redirect("events:registration_edit", event.pk, registration.pk)
    registration = registration or Registration(event=event, organization=organization)
    return _edit(request, registration, _("Registration sent: the organisers will confirm it."))


@login_required
@require_http_methods(["GET", "POST"])
def registration_edit(request, pk: int, rid: int):
    registration = registration_or_404(request, pk, rid)
    return _edit(request, registration, _("Your registration has been saved."))


def _edit(request, registration, message):
    event = registration.event
    form = RegistrationForm(
        request.POST or None,
        instance=registration,
        event=event,
        offers=selectors.published_offers_of(registration.organization_id),
        needs=selectors.published_needs_of(registration.organization_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_save(
                registration=form.save(commit=False),
                user=request.user,
                offers=form.cleaned_data["offers"],
                needs=form.cleaned_data["needs"],
                unavailable_slots=form.cleaned_data["unavailable_slots"],
            )
        except ValidationError as exc:
            show_error(form, exc)
        else:
            messages.success(request, message)
            return redirect("events:detail", event.pk)
    return render(
        request,
        "events/registration_form.html",
        {"form": form, "event": event, "registration": registration},
    )


@login_required
@require_POST
def registration_cancel(request, pk: int, rid: int):
    registration = registration_or_404(request, pk, rid)
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect("events:detail", pk)


@official_required
def registrations(request, pk: int):
    event = event_or_404(pk)
    status = request.GET.get("status", "")
    rows = selectors.event_registrations(event)
    if status in Registration.Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "events/manage/registrations.html",
        {
            "event": event,
            "registrations": rows,
            "status": status,
            "statuses": Registration.Status.choices,
            "reject_form": RejectForm(),
        },
    )


def _registration(pk: int, rid: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event", "organization", "registered_by"),
        pk=rid,
        event_id=pk,
    )


@official_required
@require_POST
def registration_approve(request, pk: int, rid: int):
    registration = _registration(pk, rid)
    try:
        services.registration_approve(registration=registration, official=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("%(org)s is approved.") % {"org": registration.organization})
    return redirect("events:registrations", pk)


@official_required
@require_POST
def registration_reject(request, pk: int, rid: int):
    registration = _registration(pk, rid)
    form = RejectForm(request.POST)
    form.is_valid()
    try:
        services.registration_reject(
            registration=registration,
            official=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("%(org)s is rejected.") % {"org": registration.organization})
    return redirect("events:registrations", pk)
