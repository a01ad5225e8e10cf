"""Feedback after an event: the emailed links (sent once, reminded once, stopped by an answer),
the token form, and the six-month answers that become deals (issue 8)."""

import io
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Event, Feedback, FeedbackInvitation, Meeting, Registration
from events.services.feedback import (
    feedback_invitations_send,
    feedback_submit,
    feedback_token,
    feedback_token_parse,
)
from matchmaking.models import Deal
from tests.factories import (
    EventFactory,
    MeetingFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db
STAGE = Feedback.Stage


@pytest.fixture
def past(org_a, org_b, owner, outsider):
    """A session that ended yesterday: supplier B (org_b) met seekers A (org_a) and C; the
    meeting of A and C was cancelled. A and B have a registrant to write to, C nobody."""
    yesterday = timezone.localdate() - timedelta(days=1)
    event = EventFactory(status=Event.Status.FINISHED, starts_on=yesterday, ends_on=yesterday)
    slots = [SlotFactory(event=event) for _ in range(3)]
    table = TableFactory(event=event)
    a = RegistrationFactory(
        event=event, organization=org_a, registered_by=owner, role=Registration.Role.SEEKING
    )
    b = RegistrationFactory(
        event=event, organization=org_b, registered_by=outsider, role=Registration.Role.OFFERING
    )
    c = RegistrationFactory(event=event, role=Registration.Role.SEEKING)
    held = Meeting.Status.HELD
    ab = MeetingFactory(
        event=event, slot=slots[0], table=table, registration_a=a, registration_b=b, status=held
    )
    bc = MeetingFactory(
        event=event, slot=slots[1], table=table, registration_a=b, registration_b=c, status=held
    )
    ac = MeetingFactory(
        event=event,
        slot=slots[2],
        table=table,
        registration_a=a,
        registration_b=c,
        status=Meeting.Status.CANCELLED,
    )
    return SimpleNamespace(event=event, a=a, b=b, c=c, ab=ab, bc=bc, ac=ac)


def _in(language: str, text: str, **values) -> str:
    """``text`` translated, with ``values`` (an event's name too) in ``language``."""
    with translation.override(language):
        return gettext(text) % {k: str(v) for k, v in values.items()} if values else gettext(text)


def _send(capture, **kwargs):
    with capture(execute=True):
        return feedback_invitations_send(**kwargs)


# --- The daily emails ------------------------------------------------------------------------


def test_after_event_emails_go_once_per_participant(
    past, mailoutbox, django_capture_on_commit_callbacks, owner, outsider
):
    first = _send(django_capture_on_commit_callbacks)
    second = _send(django_capture_on_commit_callbacks)
    assert (first, second) == (
        {"after_event": 3, "follow_up": 0, "reminders": 0},
        {"after_event": 0, "follow_up": 0, "reminders": 0},
    )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([owner.email, outsider.email])
    mine = next(m for m in mailoutbox if m.to == [owner.email])
    token = mine.body.split("/feedback/")[1].split("/")[0]
    assert feedback_token_parse(token) == (past.a.pk, "after_event")
    assert FeedbackInvitation.objects.filter(sent_at__isnull=False).count() == 3


def test_reminder_a_week_later_only_to_who_has_not_answered(
    past, mailoutbox, django_capture_on_commit_callbacks, outsider
):
    _send(django_capture_on_commit_callbacks)
    feedback_submit(
        registration=past.a, stage=STAGE.AFTER_EVENT, answers={past.ab.pk: {"interest": 4}}
    )
    FeedbackInvitation.objects.update(sent_at=timezone.now() - timedelta(days=8))
    mailoutbox.clear()
    counts = _send(django_capture_on_commit_callbacks)
    again = _send(django_capture_on_commit_callbacks)
    # B is reminded by email; C (nobody to write to) is marked reminded too; A answered.
    assert (counts["reminders"], again["reminders"]) == (2, 0)
    reminder = _in(outsider.language, "Reminder: %(subject)s").split("%")[0]
    assert [(m.to, m.subject.startswith(reminder)) for m in mailoutbox] == [
        ([outsider.email], True)
    ]


def test_answer_before_the_email_stops_it(past, mailoutbox, django_capture_on_commit_callbacks):
    feedback_submit(
        registration=past.a, stage=STAGE.AFTER_EVENT, answers={past.ab.pk: {"interest": 5}}
    )
    counts = _send(django_capture_on_commit_callbacks)
    assert counts["after_event"] == 2
    assert past.a.registered_by.email not in [m.to[0] for m in mailoutbox]


def test_follow_up_six_months_later(
    past, mailoutbox, django_capture_on_commit_callbacks, owner, outsider
):
    outsider.language = "en"
    outsider.save(update_fields=["language"])
    later = past.event.ends_on + timedelta(days=182)
    counts = _send(django_capture_on_commit_callbacks, today=later)
    assert counts == {"after_event": 0, "follow_up": 3, "reminders": 0}
    # Each in the reader's language: A's registrant reads Vietnamese, B's English.
    subject = "Six months after %(event)s: what came of your meetings?"
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == sorted(
        [
            (owner.email, _in("vi", subject, event=past.event)),
            (outsider.email, _in("en", subject, event=past.event)),
        ]
    )
    assert _in("vi", subject, event=past.event) != _in("en", subject, event=past.event)


def test_no_email_for_old_events_or_events_not_held(
    past, mailoutbox, django_capture_on_commit_callbacks
):
    long_ago = past.event.ends_on + timedelta(days=60)
    assert _send(django_capture_on_commit_callbacks, today=long_ago)["after_event"] == 0
    Event.objects.filter(pk=past.event.pk).update(status=Event.Status.SCHEDULED)
    assert _send(django_capture_on_commit_callbacks)["after_event"] == 0
    assert mailoutbox == []


def test_command_sends_what_is_due(past, mailoutbox, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_feedback_reminders", stdout=out)
    assert out.getvalue() == "3 after-event, 0 follow-up, 0 reminder email(s) queued.\n"
    assert len(mailoutbox) == 2


# --- The token and the form -------------------------------------------------------------------


def test_token_is_signed_and_expires(past, monkeypatch):
    token = feedback_token(past.a, STAGE.FOLLOW_UP)
    assert feedback_token_parse(token) == (past.a.pk, "follow_up")
    assert feedback_token_parse(token[:-2] + "xx") is None
    old = signing.time.time() - 121 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: old)
    stale = feedback_token(past.a, STAGE.FOLLOW_UP)
    monkeypatch.undo()
    assert feedback_token_parse(stale) is None


def test_form_lists_the_meetings_that_took_place_without_log_in(client, past):
    response = client.get(reverse("events:feedback", args=[feedback_token(past.a, "after_event")]))
    assert response.status_code == 200
    assert [block["meeting"] for block in response.context["blocks"]] == [past.ab]
    assert client.get(reverse("events:feedback", args=["forged"])).status_code == 404


def test_after_event_answers_are_saved_and_replace_earlier_ones(client, past):
    url = reverse("events:feedback", args=[feedback_token(past.b, "after_event")])
    data = {
        f"m{past.ab.pk}-interest": "4",
        f"m{past.ab.pk}-next_step": "site_visit",
        f"m{past.ab.pk}-comment": "Hẹn thăm nhà máy",
        f"m{past.bc.pk}-interest": "",
    }
    assert client.post(url, data).status_code == 200
    client.post(url, {**data, f"m{past.ab.pk}-interest": "5"})
    rows = list(Feedback.objects.values_list("meeting_id", "interest", "next_step", "stage"))
    assert rows == [(past.ab.pk, 5, "site_visit", "after_event")]
    invitation = FeedbackInvitation.objects.get(registration=past.b, stage="after_event")
    assert invitation.answered_at is not None


def test_follow_up_contract_signed_becomes_a_deal_at_the_rate_of_the_day(client, past):
    url = reverse("events:feedback", args=[feedback_token(past.a, "follow_up")])
    response = client.post(
        url,
        {
            f"m{past.ab.pk}-outcome": "contract_signed",
            f"m{past.ab.pk}-contract_value": "250000000",
            f"m{past.ab.pk}-currency": "KRW",
        },
    )
    assert response.status_code == 200
    deal = Deal.objects.get(source_meeting=past.ab)
    assert (deal.stage, deal.contract_value, deal.currency) == (
        Deal.Stage.CONTRACT_SIGNED,
        Decimal("250000000"),
        "KRW",
    )
    assert deal.rate_to_vnd == Decimal(str(settings.CURRENCY_RATES_VND["KRW"]))
    assert deal.signed_on == timezone.localdate()
    # B supplies (it registered as offering), A seeks.
    assert (deal.supplier, deal.seeker) == (past.b.organization, past.a.organization)
    assert deal.value_vnd == Decimal("250000000") * Decimal("18.4")


def test_follow_up_moves_a_deal_forward_never_back(past):
    feedback_submit(
        registration=past.b, stage=STAGE.FOLLOW_UP, answers={past.bc.pk: {"outcome": "nda"}}
    )
    deal = Deal.objects.get(source_meeting=past.bc)
    assert deal.stage == Deal.Stage.NDA
    feedback_submit(
        registration=past.c, stage=STAGE.FOLLOW_UP, answers={past.bc.pk: {"outcome": "negotiating"}}
    )
    deal.refresh_from_db()
    assert deal.stage == Deal.Stage.NDA
    feedback_submit(
        registration=past.c, stage=STAGE.FOLLOW_UP, answers={past.bc.pk: {"outcome": "no_result"}}
    )
    deal.refresh_from_db()
    assert (deal.stage, Deal.objects.count()) == (Deal.Stage.NDA, 1)


def test_contract_signed_needs_a_value(client, past):
    url = reverse("events:feedback", args=[feedback_token(past.a, "follow_up")])
    response = client.post(url, {f"m{past.ab.pk}-outcome": "contract_signed"})
    assert response.status_code == 400
    assert (Feedback.objects.count(), Deal.objects.count()) == (0, 0)


def test_answers_only_about_own_meetings(past):
    with pytest.raises(ValidationError):
        feedback_submit(
            registration=past.a, stage=STAGE.AFTER_EVENT, answers={past.bc.pk: {"interest": 1}}
        )
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_form_query_count(client, past, count, django_assert_num_queries):
    for _ in range(count - 1):
        MeetingFactory(event=past.event, registration_a=past.a, status=Meeting.Status.HELD)
    url = reverse("events:feedback", args=[feedback_token(past.a, "after_event")])
    # registration with event and organisation, meetings with slots, tables and both sides,
    # earlier answers (no session: the link needs no log-in)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert len(response.context["blocks"]) == count
