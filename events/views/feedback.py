"""The feedback form a participant opens from its email (a signed link, no log-in)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from events.forms import AfterEventFeedbackForm, FollowUpFeedbackForm, slot_label
from events.models import Feedback, Registration
from events.services.feedback import (
    feedback_meetings,
    feedback_submit,
    feedback_token_parse,
)
from events.views.common import show_error

FORMS = {
    Feedback.Stage.AFTER_EVENT: (AfterEventFeedbackForm, ("interest", "next_step", "comment")),
    Feedback.Stage.FOLLOW_UP: (
        FollowUpFeedbackForm,
        ("outcome", "contract_value", "currency", "comment"),
    ),
}


@require_http_methods(["GET", "POST"])
def feedback(request, token: str):
    """One form per participant and stage, one block per meeting; answering again replaces
    the earlier answers."""
    parsed = feedback_token_parse(token)
    if parsed is None:
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organization"), pk=parsed[0]
    )
    stage = parsed[1]
    form_class, fields = FORMS[stage]
    meetings = list(feedback_meetings(registration))
    earlier = {
        f.meeting_id: f
        for f in Feedback.objects.filter(
            registration=registration, stage=stage, meeting__in=meetings
        )
    }
    data = request.POST if request.method == "POST" else None
    blocks = []
    for meeting in meetings:
        answer = earlier.get(meeting.pk)
        initial = {name: getattr(answer, name) for name in fields} if answer else {}
        other = (
            meeting.registration_b
            if meeting.registration_a_id == registration.pk
            else meeting.registration_a
        )
        blocks.append(
            {
                "meeting": meeting,
                "other": other,
                "when": slot_label(meeting.slot, registration.event.timezone),
                "form": form_class(data, prefix=f"m{meeting.pk}", initial=initial),
            }
        )
    status, saved = 200, False
    if request.method == "POST":
        status = 400
        if all(block["form"].is_valid() for block in blocks):
            answers = {
                block["meeting"].pk: {n: block["form"].cleaned_data.get(n) for n in fields}
                for block in blocks
            }
            try:
                feedback_submit(registration=registration, stage=stage, answers=answers)
            except ValidationError as exc:
                show_error(blocks[0]["form"], exc)
                status = 409
            else:
                status, saved = 200, True
    return render(
        request,
        "events/feedback.html",
        {
            "registration": registration,
            "event": registration.event,
            "stage": stage,
            "blocks": blocks,
            "saved": saved,
        },
        status=status,
    )
