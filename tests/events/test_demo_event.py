"""The demo data has a published event whose schedule came from the scheduler."""

import pytest
from django.urls import reverse

from core.demo.published_event import DAY, TITLE
from core.demo.seed import seed
from events.models import Event, Meeting, MeetingRequest, ScheduleRun

pytestmark = pytest.mark.django_db


def test_demo_published_event_has_a_solver_schedule_and_an_agenda_for_the_demo_sme(client):
    seed(scale=10)
    event = Event.objects.get(title=TITLE, starts_on=DAY)
    run = ScheduleRun.objects.get(event=event)
    accepted = MeetingRequest.objects.filter(event=event, status="accepted").count()
    assert (event.status, event.schedule_version) == (Event.Status.PUBLISHED, 1)
    assert (run.status, run.counts["accepted_placed"]) == ("succeeded", accepted)
    assert Meeting.objects.filter(event=event, origin="solver").count() == run.counts["meetings"]
    registration = event.registrations.get(organization__memberships__user__email="sme@demo.test")
    client.force_login(registration.registered_by)
    response = client.get(reverse("events:agenda", args=[event.pk, registration.pk]))
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 1


def test_demo_published_event_is_created_once():
    seed(scale=10)
    meetings = list(Meeting.objects.filter(event__title=TITLE).values_list("pk", flat=True))
    seed(scale=10)
    assert list(Meeting.objects.filter(event__title=TITLE).values_list("pk", flat=True)) == meetings
