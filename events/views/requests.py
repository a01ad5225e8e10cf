"""Participants browse each other, ask for meetings and answer the requests they receive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries as all_countries

from events import selectors, services
from events.forms import ParticipantFilterForm, RequestForm
from events.models import MeetingRequest, Registration
from events.views.common import registration_or_404, show_error
from matchmaking.models import Sector
from partners.models import Membership


def _approved(request, pk: int, rid: int) -> Registration:
    registration = registration_or_404(request, pk, rid)
    if registration.status != Registration.Status.APPROVED:
        raise Http404
    return registration


@login_required
def participants(request, pk: int, rid: int):
    me = _approved(request, pk, rid)
    services.requests_expire_due(event=me.event)
    codes = sorted(
        set(
            Registration.objects.filter(
                event_id=pk, status=Registration.Status.APPROVED
            ).values_list("organization__country", flat=True)
        )
    )
    names = dict(all_countries)
    sectors = [(s.code, s.name) for s in Sector.objects.all()]
    form = ParticipantFilterForm(
        request.GET or None, countries=[(c, names.get(c, c)) for c in codes], sectors=sectors
    )
    filters = form.cleaned_data if form.is_valid() else {}
    rows, scores = selectors.other_participants(
        me,
        country=filters.get("country") or "",
        sector=filters.get("sector") or "",
        min_score=filters.get("min_score"),
    )
    sent = selectors.request_partners(me)
    received = dict(
        MeetingRequest.objects.filter(recipient=me).values_list("requester_id", "status")
    )
    return render(
        request,
        "events/participants.html",
        {
            "event": me.event,
            "me": me,
            "rows": [
                (r, scores.get(r.pk), _status(sent.get(r.pk)), received.get(r.pk)) for r in rows
            ],
            "form": form,
        },
    )


def _status(value):
    return MeetingRequest.Status(value) if value else None


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request, pk: int, rid: int, to: int):
    me = _approved(request, pk, rid)
    recipient = get_object_or_404(
        Registration.objects.select_related("organization").prefetch_related("offers", "needs"),
        pk=to,
        event_id=pk,
        status=Registration.Status.APPROVED,
    )
    form = RequestForm(request.POST or None, requester=me, recipient=recipient)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_send(
                requester=me,
                recipient=recipient,
                user=request.user,
                priority=form.cleaned_data["priority"],
                message=form.cleaned_data["message"],
                offer=form.cleaned_data["offer"],
                need=form.cleaned_data["need"],
            )
        except ValidationError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request,
                _("Your request has been sent to %(org)s.") % {"org": recipient.organization},
            )
            return redirect("events:requests", pk, me.pk)
    return render(
        request,
        "events/request_form.html",
        {"form": form, "event": me.event, "me": me, "recipient": recipient},
    )


@login_required
def requests(request, pk: int, rid: int):
    me = _approved(request, pk, rid)
    services.requests_expire_due(event=me.event)
    received, sent = selectors.requests_of(me)
    return render(
        request,
        "events/requests.html",
        {"event": me.event, "me": me, "received": received, "sent": sent},
    )


def _request_for(request, pk: int, req: int, side: str) -> MeetingRequest:
    """The request if the visitor belongs to the organisation on ``side``; 404 otherwise."""
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related(
            "event", "requester__organization", "recipient__organization", "offer", "need"
        ),
        pk=req,
        event_id=pk,
    )
    party = getattr(meeting_request, side)
    if not Membership.objects.filter(
        user=request.user, organization_id=party.organization_id
    ).exists():
        raise Http404
    return meeting_request


def _answer(request, pk: int, req: int, *, side: str, action, done: str):
    meeting_request = _request_for(request, pk, req, side)
    error = None
    try:
        action(request=meeting_request, user=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    me = getattr(meeting_request, side)
    if request.htmx:
        return render(
            request,
            "events/_request_row.html",
            {
                "item": meeting_request,
                "me": me,
                "incoming": side == "recipient",
                "error": error,
                "notice": None if error else done,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("events:requests", pk, me.pk)


@login_required
@require_POST
def request_accept(request, pk: int, req: int):
    return _answer(
        request,
        pk,
        req,
        side="recipient",
        action=services.request_accept,
        done=_("Accepted: the organisers will schedule this meeting."),
    )


@login_required
@require_POST
def request_decline(request, pk: int, req: int):
    return _answer(
        request, pk, req, side="recipient", action=services.request_decline, done=_("Declined.")
    )


@login_required
@require_POST
def request_withdraw(request, pk: int, req: int):
    return _answer(
        request, pk, req, side="requester", action=services.request_withdraw, done=_("Withdrawn.")
    )
