"""Load benchmark of the offers catalogue: gunicorn + PostgreSQL with N seeded offers, 50
concurrent visitors (locust, headless) for a fixed time; prints p50/p95/p99 and failures.

    .venv/bin/pip install -r requirements-bench.txt
    DATABASE_URL=postgres://… .venv/bin/python -m bench.web [--offers 50000] [--users 50]
        [--seconds 120] [--workers 3]

Target (DESIGN.md §6): p95 ≤ 150 ms with 50 concurrent users, no errors. The database is seeded
with `seed_demo --scale N --no-scores` when it holds fewer offers.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the target is for PostgreSQL).")

    static = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "STATIC_ROOT": static,
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    report: dict[str, object] = {"offers": args.offers, "users": args.users}

    def manage(*command: str) -> str:
        return subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("migrate", "--no-input")
    count = int(
        manage(
            "shell",
            "-c",
            "from matchmaking.models import TechnologyOffer as O; "
            "print(O.objects.filter(status='published').count())",
        )
        .strip()
        .splitlines()[-1]
    )
    if count < args.offers * 0.85:
        started = time.perf_counter()
        manage("seed_demo", "--scale", str(args.offers), "--no-scores")
        report["seed_s"] = round(time.perf_counter() - started, 1)
    manage("collectstatic", "--no-input")
    report["published_offers"] = int(
        manage(
            "shell",
            "-c",
            "from matchmaking.models import TechnologyOffer as O; "
            "print(O.objects.filter(status='published').count())",
        )
        .strip()
        .splitlines()[-1]
    )

    port = _free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait(port)
        with tempfile.TemporaryDirectory() as out:
            prefix = os.path.join(out, "stats")
            subprocess.run(
                [
                    python,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "-u",
                    str(args.users),
                    "-r",
                    str(max(1, args.users // 5)),
                    "-t",
                    f"{args.seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
            with open(prefix + "_stats.csv", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    for row in rows:
        report[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
        }
    report["machine"] = (
        f"{os.cpu_count()} CPUs, gunicorn workers {args.workers}, load on the same host"
    )
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
