"""Settings come from the environment; production values pass Django's deployment check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    # A production-like environment: nothing the test session itself set (the browser tests
    # allow Django's ORM next to Playwright's event loop, which a deployment must not).
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _setting(name, **env):
    result = _run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            f"print(settings.{name})",
        ],
        DJANGO_SETTINGS_MODULE="config.settings",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_deploy_check_passes_with_production_values(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.org",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_stops_start_up_with_a_clear_message(tmp_path):
    result = _run(["manage.py", "check"], DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_without_redis_tasks_run_in_process_and_with_it_go_to_the_broker(tmp_path):
    assert _setting("CELERY_TASK_ALWAYS_EAGER", DEBUG="1", VAR_DIR=str(tmp_path)) == "True"
    assert (
        _setting(
            "CELERY_TASK_ALWAYS_EAGER",
            DEBUG="1",
            VAR_DIR=str(tmp_path),
            REDIS_URL="redis://h:6379/1",
        )
        == "False"
    )


def test_without_database_url_the_demo_uses_sqlite_under_var(tmp_path):
    name = _setting("DATABASES['default']['NAME']", DEBUG="1", VAR_DIR=str(tmp_path))
    assert name == str(tmp_path / "portal.sqlite3")


def test_database_url_is_read(tmp_path):
    engine = _setting(
        "DATABASES['default']['ENGINE']",
        DEBUG="1",
        VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://u@db.example:5432/portal",
    )
    assert engine == "django.db.backends.postgresql"


def test_time_zone_and_languages():
    assert _setting("TIME_ZONE", DEBUG="1") == "Asia/Ho_Chi_Minh"
    assert _setting("LANGUAGE_CODE", DEBUG="1") == "vi"
    assert _setting("LANGUAGES[1][0]", DEBUG="1") == "en"
