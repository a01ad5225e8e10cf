"""Every worker task stops before Redis would hand its message to a second worker, and the work
that must not be lost is acknowledged late and handed back when its worker dies."""

import json

import pytest

from config.celery import app as celery_app
from tests.core.test_settings import _run


def _project_tasks():
    celery_app.loader.import_default_modules()
    return {name: task for name, task in celery_app.tasks.items() if not name.startswith("celery.")}


def test_every_task_has_time_limits_below_the_brokers_visibility_timeout():
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    tasks = _project_tasks()
    assert len(tasks) >= 7  # scheduling, rescoring, emails, reminders, expiry…
    limits = {
        name: (task.soft_time_limit, task.time_limit or celery_app.conf.task_time_limit)
        for name, task in tasks.items()
    }
    too_long = {n: (s, h) for n, (s, h) in limits.items() if not (s and h and s < h < visibility)}
    assert too_long == {}


@pytest.mark.parametrize("name", ["events.schedule_event", "matchmaking.recompute_scores"])
def test_long_runs_are_acknowledged_late_handed_back_on_worker_loss_and_retried_when_transient(
    name,
):
    from django.db import OperationalError

    task = _project_tasks()[name]
    assert (task.acks_late, task.reject_on_worker_lost) == (True, True)
    assert OperationalError in task.autoretry_for
    assert Exception not in task.autoretry_for
    assert (task.retry_backoff, task.max_retries) == (10, 5)
    assert celery_app.conf.worker_prefetch_multiplier == 1


def test_a_lower_worker_wide_limit_lowers_every_task_and_the_visibility_timeout(tmp_path):
    """The deployment's CELERY_TASK_TIME_LIMIT caps every task's own limit, so a short one
    never leaves a task running past the visibility timeout derived from it."""
    script = (
        "import django, json; django.setup(); from config.celery import app; "
        "app.loader.import_default_modules(); "
        "print(json.dumps({'visibility': app.conf.broker_transport_options['visibility_timeout'],"
        " 'tasks': {n: [t.soft_time_limit, t.time_limit] for n, t in app.tasks.items()"
        " if not n.startswith('celery.')}}))"
    )
    result = _run(
        ["-c", script],
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        VAR_DIR=str(tmp_path),
        CELERY_TASK_TIME_LIMIT="300",
        CELERY_TASK_SOFT_TIME_LIMIT="240",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["visibility"] == 900
    assert found["tasks"]["events.schedule_event"] == [270, 300]
    assert found["tasks"]["matchmaking.recompute_scores"] == [270, 300]
    assert all(soft < hard <= 300 for soft, hard in found["tasks"].values())
