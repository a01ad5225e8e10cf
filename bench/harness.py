"""What the web benchmarks share: a production-like portal on loopback and a headless locust run.

The portal runs as in production (DEBUG off, gunicorn, PostgreSQL, optionally Redis as the
shared cache and a real Celery worker), only on 127.0.0.1 and without TLS. Locust writes its
statistics as CSV; they are read back as p50/p95/p99 per kind of request.
"""

from __future__ import annotations

import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(base_url: str, seconds: float = 180) -> None:
    """Until /healthz answers 200: the portal, its database and its broker are ready."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base_url}/healthz did not answer 200")


def wait_for_port(port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def portal_env(**extra: str) -> dict[str, str]:
    """Production settings, loopback only: no TLS redirect, no secure-only cookies.

    Static files are not part of what is measured (locust fetches no assets), so the hashed
    manifest (minutes of ``collectstatic`` compression on a busy 2-core machine) is skipped:
    ``{% static %}`` then builds plain URLs, which costs the same as a manifest lookup.
    """
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict[str, str], *command: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def shell(env: dict[str, str], code: str) -> str:
    """The last line ``manage.py shell -c CODE`` printed."""
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def _stop(process: subprocess.Popen, timeout: float = 30) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int, threads: int = 1):
    """A gunicorn serving the portal; yields its base URL once it answers.

    ``--preload``: the application (URLs, views, templates' modules) is imported once, before
    the workers fork, so no measured request waits for a worker to boot. ``--keep-alive 75``
    as in production (docs/operations.md): with the default 2 s, threaded workers closed idle
    connections just as the load generator reused them (reset connections, no response).
    """
    port = free_port()
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--keep-alive",
            "75",
            "--preload",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(port)
        wait_until_healthy(f"http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


@contextmanager
def celery_worker(env: dict[str, str], *, concurrency: int = 1):
    """A real Celery worker on the broker of ``env["REDIS_URL"]``."""
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            f"--hostname=bench-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        yield process
    finally:
        _stop(process, timeout=60)


def run_locust(
    env: dict[str, str], *, locustfile: Path, host: str, users: int, seconds: int, spawn_rate: int
) -> tuple[list[dict], list[dict]]:
    """Run locust headless; returns its per-request rows ("Aggregated" last) and failures."""
    with tempfile.TemporaryDirectory() as out:
        prefix = os.path.join(out, "stats")
        completed = subprocess.run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                str(locustfile),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(spawn_rate),
                "-t",
                f"{seconds}s",
                "--host",
                host,
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
        try:
            with open(prefix + "_stats.csv", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            with open(prefix + "_failures.csv", encoding="utf-8") as handle:
                failures = list(csv.DictReader(handle))
        except FileNotFoundError:
            sys.stderr.write(completed.stdout + completed.stderr)
            raise
    return [_row(row) for row in rows], [
        {
            "request": f"{f['Method']} {f['Name']}",
            "error": f["Error"][:300],
            "occurrences": int(f["Occurrences"]),
        }
        for f in failures
    ]


def _row(row: dict) -> dict:
    return {
        "name": row["Name"],
        "method": row["Type"],
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "max_ms": round(float(row["Max Response Time"]), 1),
    }


def print_table(rows: list[dict]) -> None:
    """One line per kind of request: count, failures, requests/s and the percentiles."""
    print(f"{'request':<44} {'count':>7} {'fail':>5} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in rows:
        label = f"{row['method']} {row['name']}".strip()[:44]
        print(
            f"{label:<44} {row['requests']:>7} {row['failures']:>5} {row['rps']:>6} "
            f"{row['p50_ms']:>6.0f} {row['p95_ms']:>6.0f} {row['p99_ms']:>6.0f}"
        )


def machine() -> dict:
    """The host and how busy it was (load from other processes counts: the cores are shared)."""
    return {
        "cpus": os.cpu_count(),
        "loadavg_1_5_15": [round(value, 2) for value in os.getloadavg()],
    }
