"""What the offer and need pages share: finding a member's record, the edit form flow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from partners.models import Organization


def form_organizations(user, record=None):
    """Organisations a record may belong to in the form: the user's own (and the record's)."""
    condition = Q(memberships__user=user)
    if record is not None and record.pk:
        condition |= Q(pk=record.organization_id)
    organizations = Organization.objects.filter(condition).distinct().order_by("name")
    if not organizations.exists():
        raise PermissionDenied(_("Join or register an organisation first."))
    return organizations


def record_for_member(queryset, user, reference):
    """The record if the user is one of its organisation's members (or an official), else 404.

    404 rather than 403: another organisation's draft is not admitted to exist.
    """
    record = queryset.filter(reference=reference).select_related("organization").first()
    if record is None:
        raise Http404
    if user.is_official or record.organization.memberships.filter(user=user).exists():
        return record
    raise Http404


def edit_record(request, *, form_class, record, save, template, message):
    """Show and process a record's form; ``save`` is the service that writes it."""
    form = form_class(
        request.POST or None,
        request.FILES or None,
        instance=record,
        organizations=form_organizations(request.user, record),
    )
    if request.method == "POST" and form.is_valid():
        record = save(
            form.save(commit=False),
            user=request.user,
            sectors=form.cleaned_data["sectors"],
            transfer_modes=form.cleaned_data["transfer_modes"],
        )
        messages.success(request, message)
        return redirect(record.get_absolute_url())
    return render(request, template, {"form": form, "record": record})
