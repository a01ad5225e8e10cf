"""A participant's agenda: page, printable PDF, iCalendar file.

Members of the participant's organisation see it once the schedule is published; officials
always. The calendar file also opens with a signed link (for calendar subscriptions, which
carry no log-in).
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from events import selectors
from events.documents import pdf, qr
from events.documents.ical import agenda_calendar
from events.forms import slot_label
from events.models import Feedback, Meeting, Registration
from events.services.calendar import calendar_entries_preview, calendar_entries_sync
from events.services.dayof import OUTCOME_OPEN
from events.services.feedback import DUE_AFTER_DAYS, feedback_token
from events.views.common import registration_or_404

CALENDAR_SALT = "events.agenda.ics"


def calendar_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CALENDAR_SALT, compress=True)


def _visible(request, pk: int, rid: int) -> Registration:
    registration = registration_or_404(request, pk, rid)
    if not (request.user.is_official or registration.event.agenda_published):
        raise Http404
    return registration


@login_required
def agenda(request, pk: int, rid: int):
    registration = _visible(request, pk, rid)
    event = registration.event
    meetings = list(selectors.meetings_of(registration))
    rows = [
        (
            meeting,
            slot_label(meeting.slot, event.timezone),
            meeting.registration_b
            if meeting.registration_a_id == registration.pk
            else meeting.registration_a,
        )
        for meeting in meetings
    ]
    feed = request.build_absolute_uri(
        reverse("events:agenda_ics", args=[pk, rid]) + "?token=" + calendar_token(registration)
    )
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "rows": rows,
            "feed": feed,
            **_day_of(registration, meetings),
        },
    )


def _day_of(registration: Registration, meetings) -> dict:
    """The agenda's day-of and after-event parts: the check-in QR code, which meetings the
    participant may mark held, and its feedback links once they apply."""
    event = registration.event
    now = timezone.now()
    markable = set()
    if event.status in OUTCOME_OPEN:
        markable = {
            m.pk
            for m in meetings
            if m.slot.starts_at <= now
            and m.status in (Meeting.Status.SCHEDULED, Meeting.Status.CONFIRMED)
        }
    days_after = (timezone.localdate() - event.ends_on).days
    feedback = [
        (label, reverse("events:feedback", args=[feedback_token(registration, stage)]))
        for stage, label in Feedback.Stage.choices
        if meetings and event.agenda_published and days_after >= DUE_AFTER_DAYS[stage]
    ]
    return {
        "checkin_qr": qr.svg(qr.checkin_url(registration), title=registration.organization.name),
        "markable": markable,
        "feedback_links": feedback,
    }


@login_required
def agenda_pdf(request, pk: int, rid: int):
    registration = _visible(request, pk, rid)
    content = pdf.agenda(
        event=registration.event,
        registration=registration,
        meetings=list(selectors.meetings_of(registration)),
        qr=qr.png(qr.checkin_url(registration)),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{pk}-{rid}.pdf"'
    return response


def agenda_ics(request, pk: int, rid: int):
    """The agenda as iCalendar, for the logged-in member or with the signed ``token``."""
    token = request.GET.get("token")
    if token:
        try:
            allowed = signing.loads(token, salt=CALENDAR_SALT) == rid
        except signing.BadSignature:
            allowed = False
        if not allowed:
            raise Http404
        registration = get_object_or_404(
            Registration.objects.select_related("event", "organization"), pk=rid, event_id=pk
        )
        if not registration.event.agenda_published:
            raise Http404
    elif not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    else:
        registration = _visible(request, pk, rid)
    # What participants were given is remembered; an official's look before publication not.
    if registration.event.agenda_published:
        entries = calendar_entries_sync(registration=registration)
    else:
        entries = calendar_entries_preview(registration=registration)
    content = agenda_calendar(event=registration.event, registration=registration, entries=entries)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{pk}-{rid}.ics"'
    return response
