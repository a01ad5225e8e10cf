"""What a scheduler run tells officials: its figures in words, its progress while it works, the
solver's path, the participants left below the minimum, and failures with names."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.figures import run_details, run_summary
from events.models import Event, MeetingRequest, ScheduleRun, Table
from events.scheduling import solver
from events.services import schedule_run_execute, schedule_run_start
from tests.events.conftest import set_status
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(event, tables):
    return set_status(event, Event.Status.REGISTRATION_CLOSED)


def _accept(a, b):
    return MeetingRequest.objects.create(event=a.event, requester=a, recipient=b, status="accepted")


def _run(event, official) -> ScheduleRun:
    run = schedule_run_start(event=event, user=official, time_limit=5)
    schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def test_summary_gives_the_share_of_the_proven_bound_when_not_optimal():
    run = ScheduleRun(
        status="succeeded",
        solver_status="feasible",
        gap=0.006,
        counts={"accepted": 3, "accepted_placed": 3, "requested": 2, "requested_placed": 1},
    )
    assert run_summary(run) == "4 of 5 requested meetings placed, 99.4 % of the proven bound."


def test_requests_answered_by_locked_meetings_count_as_requested_and_placed(
    closed, slots, tables, reg_a, reg_b, reg_c, reg_d, official
):
    request = _accept(reg_a, reg_b)
    _accept(reg_c, reg_d)
    MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b,
        request=request, locked=True,
    )  # fmt: skip
    run = _run(closed, official)
    assert (run.counts["accepted"], run.counts["accepted_placed"], run.counts["locked"]) == (
        2,
        2,
        1,
    )
    assert run_summary(run) == "2 of 2 requested meetings placed, proven optimal."


def test_run_reports_the_participants_left_below_the_events_minimum(
    closed, reg_a, reg_b, reg_c, reg_d, official
):
    Event.objects.filter(pk=closed.pk).update(min_meetings=1)
    _accept(reg_a, reg_b)
    run = _run(closed, official)
    assert run.counts["below_minimum"] == 2
    assert "2 participants below the minimum number of meetings (1)" in run_details(run)
    names = sorted([reg_c.organization.display_name, reg_d.organization.display_name])
    assert run.log.splitlines()[-1] == (
        f"Below the minimum number of meetings (1): {names[0]} (0), {names[1]} (0)."
    )


@pytest.mark.parametrize(
    ("largest_full_model", "solver_name"),
    [
        (solver.FULL_MODEL_MAX_VARS, "events.scheduling: CP-SAT, full model"),
        (0, "events.scheduling: large-event decomposition (CP-SAT, LNS)"),
    ],
    ids=["full-model", "large-event"],
)
def test_run_records_the_path_the_solver_took(
    closed, reg_a, reg_b, official, monkeypatch, largest_full_model, solver_name
):
    monkeypatch.setattr(solver, "FULL_MODEL_MAX_VARS", largest_full_model)
    _accept(reg_a, reg_b)
    run = _run(closed, official)
    assert (run.status, run.solver) == ("succeeded", solver_name)


def test_a_failing_run_names_participants_and_tables_not_their_ids(
    closed, slots, tables, reg_a, reg_b, official
):
    MeetingFactory(
        event=closed, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b,
        locked=True,
    )  # fmt: skip
    # Set through the admin, which does not check the host's locked meetings.
    Table.objects.filter(pk=tables[1].pk).update(host=reg_a)
    run = _run(closed, official)
    assert run.status == "failed"
    assert reg_a.organization.display_name in run.error
    assert tables[1].label in run.error
    assert f"r{reg_a.pk}" not in run.error and f"t{tables[1].pk}" not in run.error


def test_run_status_shows_the_estimated_progress_and_keeps_polling(client, closed, official):
    run = schedule_run_start(event=closed, user=official, time_limit=300)
    now = timezone.now()
    ScheduleRun.objects.filter(pk=run.pk).update(
        status="running", progress=15, started_at=now - timedelta(seconds=150), heartbeat_at=now
    )
    client.force_login(official)
    url = reverse("events:run_status", args=[closed.pk, run.pk])
    page = client.get(url).content.decode()
    shown = int(re.search(r'<progress [^>]*value="(\d+)"', page).group(1))
    assert 50 <= shown <= 51  # 15 % + 70 % × 150 s of 300 s (and the second the page took)
    assert f'hx-get="{url}"' in page
    assert "Working (time limit 300 s)" in page


def test_run_status_of_a_finished_run_gives_its_figures_and_stops_polling(
    client, closed, reg_a, reg_b, official
):
    _accept(reg_a, reg_b)
    run = _run(closed, official)
    client.force_login(official)
    page = client.get(reverse("events:run_status", args=[closed.pk, run.pk])).content.decode()
    assert "1 of 1 requested meeting placed, proven optimal." in page
    assert "hx-trigger" not in page


def test_run_status_of_another_events_run_is_not_found(client, closed, official):
    other = ScheduleRun.objects.create(event=Event.objects.create(
        title="Khác", starts_on=closed.starts_on, ends_on=closed.ends_on, host=closed.host
    ))  # fmt: skip
    client.force_login(official)
    response = client.get(reverse("events:run_status", args=[closed.pk, other.pk]))
    assert response.status_code == 404
