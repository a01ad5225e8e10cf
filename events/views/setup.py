"""Officials set events up: the event, sessions, tables, interpreters and its state."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import official_required
from events import selectors, services
from events.forms import (
    EventForm,
    InterpreterFormSet,
    SessionFormSet,
    StatusForm,
    TableFormSet,
)
from events.models import Event, MeetingRequest, Registration
from events.services.setup import manual_transitions
from events.views.common import event_or_404, flash_error, show_error


@official_required
def manage_list(request):
    page = Paginator(selectors.events_for_officials(), 25).get_page(request.GET.get("page"))
    return render(request, "events/manage/list.html", {"page": page})


@official_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    return _edit(request, Event(), _("The event has been created as a draft."))


@official_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    return _edit(request, event_or_404(pk), _("The event has been saved."))


def _edit(request, event, message):
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                event=form.save(commit=False),
                user=request.user,
                sectors=form.cleaned_data["sectors"],
            )
        except ValidationError as exc:
            show_error(form, exc)
        else:
            messages.success(request, message)
            return redirect("events:manage", event.pk)
    return render(request, "events/manage/event_form.html", {"form": form, "event": event})


@official_required
def event_manage(request, pk: int):
    event = event_or_404(pk)
    registrations = event.registrations.aggregate(
        pending=Count("pk", filter=Q(status=Registration.Status.PENDING)),
        approved=Count("pk", filter=Q(status=Registration.Status.APPROVED)),
    )
    requests = event.meeting_requests.aggregate(
        pending=Count("pk", filter=Q(status=MeetingRequest.Status.PENDING)),
        accepted=Count("pk", filter=Q(status=MeetingRequest.Status.ACCEPTED)),
    )
    transitions = [(value, Event.Status(value).label) for value in manual_transitions(event)]
    return render(
        request,
        "events/manage/dashboard.html",
        {
            "event": event,
            "registrations": registrations,
            "requests": requests,
            "sessions": list(event.sessions.all()),
            "slot_count": event.slots.count(),
            "tables": list(event.tables.select_related("host__organization")),
            "interpreters": list(event.interpreters.all()),
            "transitions": transitions,
            "latest_run": selectors.latest_run(event),
            "share_link": ""
            if event.is_public
            else request.build_absolute_uri(
                reverse("events:detail", args=[event.pk]) + "?k=" + selectors.unlisted_key(event)
            ),
        },
    )


@official_required
@require_POST
def event_status(request, pk: int):
    event = event_or_404(pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.event_transition(event=event, to=form.cleaned_data["to"], user=request.user)
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(
                request,
                _("The event is now “%(status)s”.") % {"status": event.get_status_display()},
            )
    return redirect("events:manage", event.pk)


def _formset_page(request, event, *, formset, save, template, message):
    if request.method == "POST" and formset.is_valid():
        try:
            save(
                saved=formset.save(commit=False),
                deleted=formset.deleted_objects,
            )
        except ValidationError as exc:
            for text in exc.messages:
                formset._non_form_errors.append(text)
        else:
            messages.success(request, message)
            return redirect("events:manage", event.pk)
    return render(request, template, {"event": event, "formset": formset})


@official_required
@require_http_methods(["GET", "POST"])
def event_sessions(request, pk: int):
    event = event_or_404(pk)
    formset = SessionFormSet(request.POST or None, queryset=event.sessions.all(), prefix="sessions")
    return _formset_page(
        request,
        event,
        formset=formset,
        save=lambda **kw: services.event_sessions_update(event=event, user=request.user, **kw),
        template="events/manage/sessions.html",
        message=_("Sessions saved; the slots follow them."),
    )


@official_required
@require_http_methods(["GET", "POST"])
def event_tables(request, pk: int):
    event = event_or_404(pk)
    formset = TableFormSet(
        request.POST or None,
        queryset=event.tables.all(),
        prefix="tables",
        form_kwargs={"event": event},
    )
    return _formset_page(
        request,
        event,
        formset=formset,
        save=lambda **kw: services.event_tables_update(event=event, user=request.user, **kw),
        template="events/manage/tables.html",
        message=_("Tables saved."),
    )


@official_required
@require_http_methods(["GET", "POST"])
def event_interpreters(request, pk: int):
    event = event_or_404(pk)
    formset = InterpreterFormSet(
        request.POST or None, queryset=event.interpreters.all(), prefix="interpreters"
    )
    return _formset_page(
        request,
        event,
        formset=formset,
        save=lambda **kw: services.event_interpreters_update(event=event, user=request.user, **kw),
        template="events/manage/interpreters.html",
        message=_("Interpreters saved."),
    )
