"""Load benchmark of the offers catalogue: gunicorn + PostgreSQL with N seeded offers, 50
concurrent visitors (locust, headless) for a fixed time; prints p50/p95/p99 and failures.

    .venv/bin/pip install -r requirements-bench.txt
    DATABASE_URL=postgres://… REDIS_URL=redis://…/N .venv/bin/python -m bench.web \
        [--offers 50000] [--users 50] [--seconds 120] [--workers 3] [--cache redis|none]

``--cache redis`` (the default, as in production) shares the page cache between the gunicorn
workers through Redis; the catalogue's cache version is bumped first, so the run starts cold
and warms up as it goes. ``--cache none`` switches caching off: every request queries and
renders, which is what a visitor with an uncommon search or filter combination waits for.

Target (DESIGN.md §6): p95 ≤ 150 ms with 50 concurrent users, no errors. The database is seeded
with `seed_demo --scale N --no-scores` when it holds fewer offers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from bench import harness

PUBLISHED = (
    "from matchmaking.models import TechnologyOffer as O; "
    "print(O.objects.filter(status='published').count())"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--cache", choices=["redis", "none"], default="redis")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the target is for PostgreSQL).")
    if args.cache == "redis" and not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL (the cache the gunicorn workers share), or use --cache none.")

    env = harness.portal_env()
    if args.cache == "none":
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings_nocache"
    report: dict[str, object] = {
        "offers": args.offers,
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn_workers": args.workers,
        "cache": args.cache,
    }
    harness.manage(env, "migrate", "--no-input")
    if int(harness.shell(env, PUBLISHED)) < args.offers * 0.85:
        started = time.perf_counter()
        harness.manage(env, "seed_demo", "--scale", str(args.offers), "--no-scores")
        report["seed_s"] = round(time.perf_counter() - started, 1)
    report["published_offers"] = int(harness.shell(env, PUBLISHED))
    # Entries of an earlier run must not answer this one.
    harness.shell(env, "from core import cache; cache.bump('catalogue'); print('ok')")

    report["machine_before"] = harness.machine()
    with harness.gunicorn(env, workers=args.workers) as host:
        rows, failures = harness.run_locust(
            env,
            locustfile=harness.ROOT / "bench" / "locustfile.py",
            host=host,
            users=args.users,
            seconds=args.seconds,
            spawn_rate=max(1, args.users // 5),
        )
    report["machine_after"] = harness.machine()
    report["requests"] = rows
    report["failures"] = failures
    harness.print_table(rows)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
