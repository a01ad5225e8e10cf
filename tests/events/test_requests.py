"""Meeting requests: asking, answering (in place with htmx), mutual pairs, cap, expiry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Event, MeetingRequest
from events.services import request_send, requests_expire_due
from matchmaking.models import MatchScore
from tests.events.conftest import set_status
from tests.factories import (
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db
Status = MeetingRequest.Status


def _ask(requester, recipient, user, **extra):
    return request_send(requester=requester, recipient=recipient, user=user, **extra)


def test_participant_sends_a_request_and_the_recipient_is_emailed(
    client, reg_a, reg_b, owner, outsider, django_capture_on_commit_callbacks
):
    outsider.language = "en"
    outsider.save()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:request_new", args=[reg_a.event_id, reg_a.pk, reg_b.pk]),
            {"priority": "must", "message": "Chúng tôi muốn gặp."},
        )
    request = MeetingRequest.objects.get()
    assert response.status_code == 302
    assert (request.requester, request.recipient, request.priority, request.status) == (
        reg_a,
        reg_b,
        "must",
        Status.PENDING,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([outsider.email], f"{reg_a.organization} asks to meet you")
    ]


def test_request_both_ways_makes_the_pair_mutual(reg_a, reg_b, owner, outsider):
    first = _ask(reg_a, reg_b, owner)
    second = _ask(reg_b, reg_a, outsider)
    first.refresh_from_db()
    assert (first.status, second.status) == (Status.ACCEPTED, Status.ACCEPTED)


def test_open_requests_are_capped_per_participant(event, reg_a, reg_b, reg_c, reg_d, owner):
    Event.objects.filter(pk=event.pk).update(max_open_requests=2)
    reg_a.event.refresh_from_db()
    _ask(reg_a, reg_b, owner)
    _ask(reg_a, reg_c, owner)
    with pytest.raises(ValidationError) as refused:
        _ask(reg_a, reg_d, owner)
    assert refused.value.messages == [
        "You have 2 requests waiting for an answer, the most this event allows: withdraw one "
        "or wait for answers."
    ]
    assert MeetingRequest.objects.count() == 2


def test_requests_are_refused_after_the_request_deadline(event, reg_a, reg_b, owner):
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - timedelta(hours=1))
    reg_a.event.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        _ask(reg_a, reg_b, owner)
    assert MeetingRequest.objects.count() == 0


def test_recipient_accepts_in_place_with_htmx(client, reg_a, reg_b, owner, outsider):
    request = _ask(reg_a, reg_b, owner)
    client.force_login(outsider)
    response = client.post(
        reverse("events:request_accept", args=[reg_a.event_id, request.pk]),
        headers={"HX-Request": "true"},
    )
    request.refresh_from_db()
    assert response.status_code == 200
    pages = [t.name for t in response.templates if not t.name.startswith("events/email/")]
    assert pages == ["events/_request_row.html"]
    assert response.content.decode().startswith(f'<tr id="request-{request.pk}">')
    assert request.status == Status.ACCEPTED


def test_recipient_declines_without_htmx_and_is_redirected(client, reg_a, reg_b, owner, outsider):
    request = _ask(reg_a, reg_b, owner)
    client.force_login(outsider)
    response = client.post(reverse("events:request_decline", args=[reg_a.event_id, request.pk]))
    request.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:requests", args=[reg_a.event_id, reg_b.pk])
    assert request.status == Status.DECLINED


def test_participant_cannot_accept_a_request_addressed_to_someone_else(
    client, reg_a, reg_b, reg_c, outsider
):
    """B's member tries to accept A's request to C: not found, and nothing changes."""
    request = _ask(reg_a, reg_c, reg_a.registered_by)
    client.force_login(outsider)
    response = client.post(
        reverse("events:request_accept", args=[reg_a.event_id, request.pk]),
        headers={"HX-Request": "true"},
    )
    request.refresh_from_db()
    assert response.status_code == 404
    assert request.status == Status.PENDING


def test_requester_cannot_accept_its_own_request(client, reg_a, reg_b, owner):
    request = _ask(reg_a, reg_b, owner)
    client.force_login(owner)
    response = client.post(reverse("events:request_accept", args=[reg_a.event_id, request.pk]))
    request.refresh_from_db()
    assert response.status_code == 404
    assert request.status == Status.PENDING


def test_requester_withdraws_a_pending_request(client, reg_a, reg_b, owner):
    request = _ask(reg_a, reg_b, owner)
    client.force_login(owner)
    client.post(reverse("events:request_withdraw", args=[reg_a.event_id, request.pk]))
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


def test_expiry_turns_pending_requests_past_the_deadline_into_expired(
    event, reg_a, reg_b, reg_c, owner
):
    pending = _ask(reg_a, reg_b, owner)
    accepted = _ask(reg_a, reg_c, owner)
    MeetingRequest.objects.filter(pk=accepted.pk).update(status=Status.ACCEPTED)
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - timedelta(minutes=1))
    assert requests_expire_due() == 1
    assert requests_expire_due() == 0
    assert dict(MeetingRequest.objects.values_list("pk", "status")) == {
        pending.pk: Status.EXPIRED,
        accepted.pk: Status.ACCEPTED,
    }


def test_expire_command_reports_how_many_expired(event, reg_a, reg_b, owner):
    import io

    _ask(reg_a, reg_b, owner)
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - timedelta(minutes=1))
    out = io.StringIO()
    call_command("expire_meeting_requests", stdout=out)
    assert out.getvalue() == "1 request(s) expired.\n"


def test_requests_page_applies_the_expiry_lazily(client, event, reg_a, reg_b, owner):
    request = _ask(reg_a, reg_b, owner)
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(owner)
    response = client.get(reverse("events:requests", args=[event.pk, reg_a.pk]))
    assert [r.status for r in response.context["sent"]] == [Status.EXPIRED]
    request.refresh_from_db()
    assert request.status == Status.EXPIRED


def test_participants_page_filters_by_country_and_match_score(client, event, reg_a, owner):
    need = NeedFactory(organization=reg_a.organization)
    reg_a.needs.set([need])
    korean = RegistrationFactory(
        event=event, organization=OrganizationFactory(country="KR", tax_code="")
    )
    japanese = RegistrationFactory(
        event=event, organization=OrganizationFactory(country="JP", tax_code="")
    )
    for registration, score in ((korean, 0.82), (japanese, 0.31)):
        offer = OfferFactory(organization=registration.organization)
        registration.offers.set([offer])
        MatchScore.objects.create(offer=offer, need=need, score=score, algorithm_version="t")
    client.force_login(owner)
    url = reverse("events:participants", args=[event.pk, reg_a.pk])
    everyone = client.get(url)
    in_korea = client.get(url, {"country": "KR"})
    good_matches = client.get(url, {"min_score": "0.5"})
    assert [(r.pk, score) for r, score, _s, _r in everyone.context["rows"]] == [
        (korean.pk, 0.82),
        (japanese.pk, 0.31),
    ]
    assert [r.pk for r, *_ in in_korea.context["rows"]] == [korean.pk]
    assert [r.pk for r, *_ in good_matches.context["rows"]] == [korean.pk]


def test_participants_page_is_only_for_approved_participants(client, event, org_a, owner):
    pending = RegistrationFactory(event=event, organization=org_a, status="pending")
    client.force_login(owner)
    response = client.get(reverse("events:participants", args=[event.pk, pending.pk]))
    assert response.status_code == 404


def test_answering_after_the_schedule_is_made_is_refused(
    client, event, reg_a, reg_b, owner, outsider
):
    request = _ask(reg_a, reg_b, owner)
    set_status(event, Event.Status.SCHEDULED)
    client.force_login(outsider)
    response = client.post(
        reverse("events:request_accept", args=[event.pk, request.pk]),
        headers={"HX-Request": "true"},
    )
    request.refresh_from_db()
    assert response.status_code == 200
    assert response.context["error"] == "Meeting requests for this event are closed."
    assert request.status == Status.PENDING


def test_at_the_cap_a_participant_can_still_answer_by_asking_back(
    event, reg_a, reg_b, reg_c, owner, outsider
):
    Event.objects.filter(pk=event.pk).update(max_open_requests=1)
    reg_a.event.refresh_from_db()
    _ask(reg_a, reg_c, owner)  # A is at its cap
    theirs = _ask(reg_b, reg_a, outsider)
    mine = _ask(reg_a, reg_b, owner)
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (Status.ACCEPTED, Status.ACCEPTED)
    assert MeetingRequest.objects.filter(requester=reg_a, status=Status.PENDING).count() == 1


def test_expiry_tells_each_requester_once(
    event, reg_a, reg_b, reg_c, owner, outsider, django_capture_on_commit_callbacks
):
    owner.language, outsider.language = "en", "en"
    owner.save()
    outsider.save()
    _ask(reg_a, reg_c, owner)
    _ask(reg_b, reg_c, outsider)
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert requests_expire_due() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert requests_expire_due() == 0
    assert sorted((m.to, m.subject) for m in mail.outbox) == sorted(
        [
            ([owner.email], f"Your meeting request to {reg_c.organization} expired"),
            ([outsider.email], f"Your meeting request to {reg_c.organization} expired"),
        ]
    )
    assert "was not answered before the request deadline" in mail.outbox[0].body


def test_the_worker_expires_requests_every_quarter_of_an_hour(settings, event, reg_a, reg_b, owner):
    from events import tasks

    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "events.expire_meeting_requests"
    )
    assert entry["schedule"].minute == {0, 15, 30, 45}
    request = _ask(reg_a, reg_b, owner)
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - timedelta(minutes=1))
    assert tasks.expire_meeting_requests.apply().get() == 1
    request.refresh_from_db()
    assert request.status == Status.EXPIRED


@pytest.mark.parametrize(
    ("view", "subject"),
    [
        ("events:request_accept", "{org} accepted your meeting request"),
        ("events:request_decline", "{org} declined your meeting request"),
    ],
)
def test_the_requester_is_emailed_the_answer(
    client, reg_a, reg_b, owner, outsider, view, subject, django_capture_on_commit_callbacks
):
    owner.language = "en"
    owner.save()
    request = _ask(reg_a, reg_b, owner)
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(view, args=[reg_a.event_id, request.pk]))
    request.refresh_from_db()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([owner.email], subject.format(org=reg_b.organization))
    ]
    assert f"for “{reg_a.event.display_title}”: {request.get_status_display()}." in (
        mail.outbox[0].body
    )


def test_both_sides_are_emailed_when_the_pair_becomes_mutual(
    reg_a, reg_b, owner, outsider, django_capture_on_commit_callbacks
):
    owner.language, outsider.language = "en", "en"
    owner.save()
    outsider.save()
    _ask(reg_a, reg_b, owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(reg_b, reg_a, outsider)
    assert sorted((m.to, m.subject) for m in mail.outbox) == sorted(
        [
            ([owner.email], f"Meeting with {reg_b.organization} agreed"),
            ([outsider.email], f"Meeting with {reg_a.organization} agreed"),
        ]
    )


def test_participants_page_filters_by_sector_and_its_parent(client, event, reg_a, reg_b, owner):
    reg_b.organization.sectors.set(["AQU.FAR"])
    solar = RegistrationFactory(event=event)
    solar.organization.sectors.set(["ENE.SOL"])
    client.force_login(owner)
    url = reverse("events:participants", args=[event.pk, reg_a.pk])
    by_leaf = client.get(url, {"sector": "AQU.FAR"})
    by_parent = client.get(url, {"sector": "AQU"})
    by_other = client.get(url, {"sector": "ENE.SOL"})
    assert [r.pk for r, *_ in by_leaf.context["rows"]] == [reg_b.pk]
    assert [r.pk for r, *_ in by_parent.context["rows"]] == [reg_b.pk]
    assert [r.pk for r, *_ in by_other.context["rows"]] == [solar.pk]
