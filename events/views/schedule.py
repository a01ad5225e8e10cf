"""Officials run the scheduler, review and adjust the schedule, publish it, print for the venue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import official_required
from events import selectors, services
from events.documents import pdf
from events.figures import run_details, run_percent, run_summary
from events.forms import AddMeetingForm, MoveForm, RunForm, SwapForm, slot_label
from events.models import Meeting, Registration, ScheduleRun
from events.services.schedule import above_maximum
from events.views.common import event_or_404, flash_error, show_error


def _run_context(run):
    if run is None:
        return {"run": None}
    return {
        "run": run,
        "run_percent": run_percent(run),
        "run_stale": run.is_stale,
        "run_summary": run_summary(run) if run.status == ScheduleRun.Status.SUCCEEDED else "",
        "run_details": run_details(run) if run.status == ScheduleRun.Status.SUCCEEDED else [],
    }


@official_required
def schedule(request, pk: int):
    event = event_or_404(pk)
    slots, tables, rows = selectors.schedule_grid(event)
    grid = [
        (slot, slot_label(slot, event.timezone), list(zip(tables, cells, strict=True)))
        for slot, cells in zip(slots, rows, strict=True)
    ]
    participants = (
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .select_related("organization")
        .order_by("organization__name")
    )
    return render(
        request,
        "events/manage/schedule.html",
        {
            "event": event,
            "tables": tables,
            "grid": grid,
            "participants": participants,
            "run_form": RunForm(),
            **_run_context(selectors.latest_run(event)),
        },
    )


@official_required
def schedule_participant(request, pk: int, rid: int):
    event = event_or_404(pk)
    registration = get_object_or_404(
        Registration.objects.select_related("organization"), pk=rid, event=event
    )
    meetings = {m.slot_id: m for m in selectors.meetings_of(registration)}
    unavailable = set(registration.unavailable_slots.values_list("pk", flat=True))
    rows = [
        (slot, slot_label(slot, event.timezone), meetings.get(slot.pk), slot.pk in unavailable)
        for slot in event.slots.order_by("starts_at")
    ]
    return render(
        request,
        "events/manage/schedule_participant.html",
        {"event": event, "registration": registration, "rows": rows},
    )


@official_required
@require_POST
def run_start(request, pk: int):
    event = event_or_404(pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a time limit between 5 and 300 seconds."))
        return redirect("events:schedule", pk)
    try:
        services.schedule_run_start(
            event=event,
            user=request.user,
            time_limit=form.cleaned_data["time_limit"],
            seed=form.cleaned_data["seed"] or 0,
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.info(request, _("The scheduler has started; this page shows its progress."))
    return redirect("events:schedule", pk)


@official_required
def run_status(request, pk: int, run: int):
    event = event_or_404(pk)
    schedule_run = get_object_or_404(ScheduleRun, pk=run, event=event)
    return render(
        request, "events/manage/_run.html", {"event": event, **_run_context(schedule_run)}
    )


@official_required
@require_POST
def run_cancel(request, pk: int, run: int):
    """Cancel a queued or running run (one stuck with a lost worker, or started by mistake)."""
    event = event_or_404(pk)
    schedule_run = get_object_or_404(ScheduleRun, pk=run, event=event)
    try:
        services.schedule_run_cancel(run=schedule_run, user=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The run is cancelled; the schedule is as it was."))
    return redirect("events:schedule", pk)


def _meeting(pk: int, mid: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related(
            "event", "slot", "table", "registration_a__organization", "registration_b__organization"
        ),
        pk=mid,
        event_id=pk,
    )


def _meeting_page(request, meeting, *, move_form=None, swap_form=None, status=200):
    event = meeting.event
    return render(
        request,
        "events/manage/meeting.html",
        {
            "event": event,
            "meeting": meeting,
            "when": slot_label(meeting.slot, event.timezone),
            "move_form": move_form
            or MoveForm(event=event, initial={"slot": meeting.slot, "table": meeting.table}),
            "swap_form": swap_form or SwapForm(meeting=meeting),
        },
        status=status,
    )


@official_required
def meeting_detail(request, pk: int, mid: int):
    return _meeting_page(request, _meeting(pk, mid))


@official_required
@require_POST
def meeting_move(request, pk: int, mid: int):
    """Move a meeting; a refusal shows the reasons on the form (409: nothing changed)."""
    meeting = _meeting(pk, mid)
    form = MoveForm(request.POST, event=meeting.event)
    if not form.is_valid():
        return _meeting_page(request, meeting, move_form=form, status=400)
    try:
        services.meeting_move(
            meeting=meeting,
            slot=form.cleaned_data["slot"],
            table=form.cleaned_data["table"],
            official=request.user,
        )
    except ValidationError as exc:
        show_error(form, exc)
        return _meeting_page(request, meeting, move_form=form, status=409)
    messages.success(request, _("The meeting has been moved (and locked)."))
    return redirect("events:schedule", pk)


@official_required
@require_POST
def meeting_swap(request, pk: int, mid: int):
    meeting = _meeting(pk, mid)
    form = SwapForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _meeting_page(request, meeting, swap_form=form, status=400)
    try:
        services.meeting_swap(
            meeting=meeting, other=form.cleaned_data["other"], official=request.user
        )
    except ValidationError as exc:
        show_error(form, exc)
        return _meeting_page(request, meeting, swap_form=form, status=409)
    messages.success(request, _("The two meetings have swapped places (both locked)."))
    return redirect("events:schedule", pk)


@official_required
@require_POST
def meeting_cancel(request, pk: int, mid: int):
    meeting = _meeting(pk, mid)
    try:
        services.meeting_cancel(meeting=meeting, official=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The meeting has been cancelled."))
    return redirect("events:schedule", pk)


@official_required
@require_POST
def meeting_lock(request, pk: int, mid: int):
    meeting = _meeting(pk, mid)
    locked = request.POST.get("locked") == "1"
    try:
        services.meeting_lock(meeting=meeting, official=request.user, locked=locked)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            _("The meeting is locked: a re-run keeps it.")
            if locked
            else _("The meeting is unlocked: a re-run may move it."),
        )
    return redirect("events:meeting", pk, mid)


@official_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk: int):
    event = event_or_404(pk)
    form = AddMeetingForm(request.POST or None, event=event, initial=request.GET.dict())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                meeting = services.meeting_add(
                    event=event, official=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                show_error(form, exc)
                status = 409
            else:
                messages.success(request, _("The meeting has been added (and locked)."))
                regs = [meeting.registration_a, meeting.registration_b]
                for warning in above_maximum(event, regs):
                    messages.warning(request, warning)
                return redirect("events:schedule", pk)
    return render(
        request, "events/manage/meeting_add.html", {"event": event, "form": form}, status=status
    )


@official_required
@require_POST
def publish(request, pk: int):
    event = event_or_404(pk)
    try:
        event = services.event_publish(event=event, official=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            _("The schedule is published (version %(version)d); participants are notified.")
            % {"version": event.schedule_version},
        )
    return redirect("events:schedule", pk)


@official_required
def door_list(request, pk: int):
    event = event_or_404(pk)
    rows = [
        (registration, first, slot_label(first.slot, event.timezone) if first else "", count)
        for registration, first, count in selectors.door_list(event)
    ]
    return render(request, "events/manage/door_list.html", {"event": event, "rows": rows})


@official_required
def table_signs(request, pk: int):
    event = event_or_404(pk)
    _slots, tables, rows = selectors.schedule_grid(event)
    by_table = {table.pk: [] for table in tables}
    for cells in rows:
        for table, meeting in zip(tables, cells, strict=True):
            if meeting is not None:
                by_table[table.pk].append(meeting)
    content = pdf.table_signs(event=event, tables=[(t, by_table[t.pk]) for t in tables])
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tables-event-{event.pk}.pdf"'
    return response
