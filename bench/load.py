"""Mixed load on the whole portal: gunicorn + PostgreSQL + a real Celery worker on Redis, with
anonymous visitors browsing and searching, participants logging in and asking for meetings, and
an official re-running the scheduler; locust headless on loopback. Prints p50/p95/p99 per kind
of request, the count of 5xx answers, and what the worker did.

    .venv/bin/pip install -r requirements-bench.txt
    DATABASE_URL=postgres://… REDIS_URL=redis://…/N .venv/bin/python -m bench.load \
        [--users 100] [--seconds 300] [--workers 4] [--threads 2] [--participants 80]

Defaults are the target of the reliability issue: 100 concurrent users for 5 minutes, no 5xx.
Use ``--seconds 60 --users 30`` for a trial. The database should hold the demo catalogue
(``seed_demo``; seeded here when it has no offers); the load's own accounts and two events are
added on each run (bench/load_setup.py). REDIS_URL must point at a Redis database used for
nothing else: the worker and the cache share it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

from bench import harness

RUNS = (
    "from events.models import ScheduleRun as R; import json; "
    "print(json.dumps({s: R.objects.filter(event_id={event}, status=s).count() "
    "for s in ('queued', 'running', 'succeeded', 'failed')}))"
)
REQUESTS = (
    "from events.models import MeetingRequest as M; "
    "print(M.objects.filter(event_id={event}).count())"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--participants", type=int, default=80, help="accounts that log in")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL: the worker needs a broker (and the web processes share a cache).")

    # Emails (meeting requests notify the other side) go nowhere: no mail server on loopback.
    env = harness.portal_env(EMAIL_URL="dummy://")
    report: dict[str, object] = {
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn": f"{args.workers} workers × {args.threads} threads",
    }
    harness.manage(env, "migrate", "--no-input")
    offers = "from matchmaking.models import TechnologyOffer as O; print(O.objects.count())"
    if int(harness.shell(env, offers)) == 0:
        harness.manage(env, "seed_demo")
    report["offers"] = int(harness.shell(env, offers))
    data = json.loads(
        harness.shell(
            env, f"from bench.load_setup import setup; setup(participants={args.participants})"
        )
    )
    closed = data["events"]["closed"]
    requests_before = int(
        harness.shell(env, REQUESTS.replace("{event}", str(data["events"]["open"])))
    )

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(data, handle)
    env["BENCH_LOAD_DATA"] = handle.name
    report["machine_before"] = harness.machine()
    started = time.monotonic()
    with (
        harness.celery_worker(env, concurrency=1),
        harness.gunicorn(env, workers=args.workers, threads=args.threads) as host,
    ):
        rows, failures = harness.run_locust(
            env,
            locustfile=harness.ROOT / "bench" / "load_locustfile.py",
            host=host,
            users=args.users,
            seconds=args.seconds,
            spawn_rate=max(1, args.users // 10),
        )
        # Let a run started in the last seconds finish, so none is counted as lost.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            runs = json.loads(harness.shell(env, RUNS.replace("{event}", str(closed))))
            if not runs["queued"] and not runs["running"]:
                break
            time.sleep(2)
    report["wall_s"] = round(time.monotonic() - started, 1)
    report["machine_after"] = harness.machine()
    os.unlink(handle.name)
    server_errors = [f for f in failures if f["error"].startswith("status 5")]
    report["requests"] = rows
    report["failures"] = failures
    report["5xx"] = sum(f["occurrences"] for f in server_errors)
    report["scheduler_runs"] = json.loads(harness.shell(env, RUNS.replace("{event}", str(closed))))
    report["meeting_requests_sent"] = (
        int(harness.shell(env, REQUESTS.replace("{event}", str(data["events"]["open"]))))
        - requests_before
    )
    harness.print_table(rows)
    print(
        f"5xx: {report['5xx']}; scheduler runs: {report['scheduler_runs']}; "
        f"meeting requests sent: {report['meeting_requests_sent']}"
    )
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["5xx"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
