"""The day of the event: check-in (search or QR scan), the live board, meetings held or missed,
last-minute meetings, and the badges to print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import official_required
from events import selectors
from events.documents import pdf, qr
from events.forms import OnSiteMeetingForm, slot_label
from events.models import Meeting, Registration, Slot, Table
from events.services import dayof
from events.views.common import event_or_404, flash_error, registration_or_404, show_error


def _registration(event, rid: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("organization", "event"), pk=rid, event=event
    )


@official_required
def checkin(request, pk: int):
    """Search participants by organisation or person and check them in; scan badges."""
    event = event_or_404(pk)
    context = _results(event, request.GET.get("q", ""))
    # The search pushes its URL: going back to it after htmx's history cache missed is a
    # history-restore request, which replaces the whole page and so needs the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "events/manage/_checkin_results.html", context)
    else:
        response = render(request, "events/manage/checkin.html", context)
    patch_vary_headers(response, ["HX-Request"])  # the two answers must not share a cache entry
    return response


def _results(event, query: str) -> dict:
    """The search results and the counts of the check-in desk."""
    query = query.strip()[:100]
    everyone = selectors.checkin_participants(event)
    return {
        "event": event,
        "query": query,
        "results": selectors.checkin_participants(event, query) if query else everyone,
        "present": sum(1 for r in everyone if r.checked_in_at),
        "total": len(everyone),
        "open": event.status in dayof.CHECKIN_OPEN,
    }


def _check_in(request, event, registration, *, undo: bool = False) -> bool:
    try:
        dayof.registration_check_in(registration=registration, official=request.user, undo=undo)
    except ValidationError as exc:
        flash_error(request, exc)
        return False
    return True


@official_required
@require_POST
def checkin_participant(request, pk: int, rid: int):
    """Check one participant in from the search results (htmx: the row comes back)."""
    event = event_or_404(pk)
    registration = _registration(event, rid)
    undo = request.POST.get("undo") == "1"
    done = _check_in(request, event, registration, undo=undo)
    if request.htmx:
        context = _results(event, request.POST.get("q", ""))
        context["failed"] = None if done else registration.pk
        return render(request, "events/manage/_checkin_results.html", context)
    if done:
        messages.success(
            request,
            (_("%(org)s: check-in undone.") if undo else _("%(org)s is checked in."))
            % {"org": registration.organization.display_name},
        )
    return redirect(reverse("events:checkin", args=[pk]) + "?q=" + request.POST.get("q", ""))


@official_required
@require_http_methods(["GET", "POST"])
def checkin_token(request, pk: int, token: str):
    """The URL a badge or agenda QR code carries: shows who it is and checks them in on POST
    (the scanner posts it; a phone's camera app opens it and the official confirms)."""
    event = event_or_404(pk)
    parsed = dayof.checkin_token_parse(token)
    if parsed is None:
        raise Http404
    registration = _registration(event, parsed[0])
    people = registration.representatives or []
    person = people[parsed[1]] if parsed[1] is not None and 0 <= parsed[1] < len(people) else None
    already = registration.checked_in_at is not None
    failed = False
    if request.method == "POST":
        failed = not _check_in(request, event, registration)
        if not request.htmx and not failed:
            messages.success(
                request,
                _("%(org)s is checked in.") % {"org": registration.organization.display_name},
            )
            return redirect("events:checkin_token", pk, token)
    context = {
        "event": event,
        "registration": registration,
        "person": person if isinstance(person, dict) else None,
        "already": already,
        "failed": failed,
        "posted": request.method == "POST",
        "meetings": list(selectors.meetings_of(registration)),
        "open": event.status in dayof.CHECKIN_OPEN,
    }
    if request.htmx:
        context["inline_messages"] = True
        return render(request, "events/manage/_checkin_scanned.html", context)
    return render(request, "events/manage/checkin_token.html", context)


def _board_context(event):
    board = selectors.live_board(event)
    board["rows"] = [
        {**row, "label": slot_label(row["slot"], event.timezone)} for row in board["rows"]
    ]
    return {
        "event": event,
        "board": board,
        "marking": event.status in dayof.OUTCOME_OPEN,
        "adding": event.status in dayof.ON_SITE_OPEN,
    }


@official_required
def live(request, pk: int):
    """The live board: slots × tables, who is there, what is on now, no-shows. htmx polls the
    board part every 15 seconds."""
    event = event_or_404(pk)
    context = _board_context(event)
    if request.htmx:
        return render(request, "events/manage/_live_board.html", context)
    return render(request, "events/manage/live.html", context)


def _meeting(pk: int, mid: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("event", "slot", "registration_a", "registration_b"),
        pk=mid,
        event_id=pk,
    )


@official_required
@require_POST
def meeting_mark(request, pk: int, mid: int):
    """An official records a meeting held, no-show, or back to scheduled."""
    meeting = _meeting(pk, mid)
    try:
        dayof.meeting_mark(meeting=meeting, user=request.user, status=request.POST.get("status"))
    except ValidationError as exc:
        flash_error(request, exc)
    if request.htmx:
        return render(request, "events/manage/_live_board.html", _board_context(meeting.event))
    return redirect("events:live", pk)


@login_required
@require_POST
def meeting_held(request, pk: int, rid: int, mid: int):
    """A participant records its own meeting as held (from its agenda)."""
    registration = registration_or_404(request, pk, rid)
    meeting = _meeting(pk, mid)
    if registration.pk not in (meeting.registration_a_id, meeting.registration_b_id):
        raise Http404
    try:
        dayof.meeting_mark(meeting=meeting, user=request.user, status=Meeting.Status.HELD)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The meeting is recorded as held. Thank you."))
    return redirect("events:agenda", pk, rid)


@official_required
@require_http_methods(["GET", "POST"])
def meeting_add_on_site(request, pk: int, slot: int, table: int):
    """A last-minute meeting at a free table for two checked-in participants free then."""
    event = event_or_404(pk)
    slot = get_object_or_404(Slot, pk=slot, event=event)
    table = get_object_or_404(Table, pk=table, event=event)
    participants = selectors.free_participants(event, slot)
    form = OnSiteMeetingForm(request.POST or None, participants=participants)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                dayof.meeting_add_on_site(
                    event=event, slot=slot, table=table, official=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                show_error(form, exc)
                status = 409
            else:
                messages.success(request, _("The meeting has been added."))
                return redirect("events:live", pk)
    return render(
        request,
        "events/manage/meeting_add_on_site.html",
        {
            "event": event,
            "slot": slot,
            "slot_label": slot_label(slot, event.timezone),
            "table": table,
            "form": form,
            "participants": participants,
        },
        status=status,
    )


def _badges(event, registrations) -> HttpResponse:
    items = []
    for registration in registrations:
        people = [p for p in registration.representatives or [] if isinstance(p, dict)]
        if not people:
            items.append((registration, None, qr.png(qr.checkin_url(registration))))
        for index, person in enumerate(people):
            items.append((registration, person, qr.png(qr.checkin_url(registration, index))))
    response = HttpResponse(pdf.badges(event=event, badges=items), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badges-event-{event.pk}.pdf"'
    return response


@official_required
def badges(request, pk: int):
    """Every approved participant's badges, for the registration desk."""
    event = event_or_404(pk)
    registrations = Registration.objects.filter(
        event=event, status=Registration.Status.APPROVED
    ).select_related("organization")
    return _badges(event, registrations.order_by("organization__name"))


@login_required
def my_badges(request, pk: int, rid: int):
    """A participant's own badges (one per representative), once its agenda is out."""
    registration = registration_or_404(request, pk, rid)
    if not (request.user.is_official or registration.event.agenda_published):
        raise Http404
    return _badges(registration.event, [registration])
