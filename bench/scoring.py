"""Scoring benchmark through the portal: seed N offers and N needs, recompute every score with
persistence, rescore single records through the worker's service, and run the pure-engine
benchmark (with its bare TF-IDF reference) for comparison.

    DATABASE_URL=postgres://… .venv/bin/python -m bench.scoring [--scale 20000] [--skip-core]

Uses the configured database (PostgreSQL recommended); seeds it with `seed_demo --scale N` when it
holds fewer offers. Prints one JSON report; numbers go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20_000)
    parser.add_argument("--singles", type=int, default=20, help="records rescored one by one")
    parser.add_argument("--skip-core", action="store_true", help="skip the pure-engine bench")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from matchmaking import corpus, scoring, services
    from matchmaking.models import MatchScore, ScoringRun, TechnologyNeed, TechnologyOffer

    report: dict[str, object] = {"database": connection.vendor, "scale": args.scale}
    if TechnologyOffer.objects.count() < args.scale:
        started = time.perf_counter()
        call_command("seed_demo", scale=args.scale, no_scores=True, stdout=io.StringIO())
        report["seed_s"] = round(time.perf_counter() - started, 1)

    corpus.forget()
    run = ScoringRun.objects.create(
        kind=ScoringRun.Kind.FULL, algorithm_version=scoring.ALGORITHM_VERSION
    )
    started = time.perf_counter()
    services.scores_recompute(run_id=run.pk)
    run.refresh_from_db()
    report["full_recompute_s"] = round(time.perf_counter() - started, 1)
    report["full_recompute_scoring_s"] = round(
        (run.finished_at - run.started_at).total_seconds(), 1
    )
    report["pairs_stored"] = MatchScore.objects.count()
    report["peak_rss_mib"] = round(_rss_mib())

    def single(kind, ids) -> list[float]:
        times = []
        for pk in ids:
            started = time.perf_counter()
            if kind == "offer":
                services.scores_rescore_offer(offer_id=pk)
            else:
                services.scores_rescore_need(need_id=pk)
            times.append(time.perf_counter() - started)
        return times

    offers = list(
        TechnologyOffer.objects.filter(status="published")
        .order_by("?")[: args.singles]
        .values_list("id", flat=True)
    )
    needs = list(
        TechnologyNeed.objects.filter(status="published")
        .order_by("?")[: args.singles]
        .values_list("id", flat=True)
    )
    times = single("offer", offers) + single("need", needs)
    report["rescore_one_median_s"] = round(statistics.median(times), 3)
    report["rescore_one_max_s"] = round(max(times), 3)
    # Editing a record moves the database past the cached index: the next rescoring first
    # applies that change to the index (the worker's real path after a save).
    TechnologyOffer.objects.filter(pk=offers[0]).update(title="Edited title for the benchmark")
    report["rescore_after_edit_s"] = round(single("offer", offers[:1])[0], 3)

    if not args.skip_core:
        core = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.scoring_core",
                "--offers",
                str(args.scale),
                "--needs",
                str(args.scale),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        report["pure_engine"] = json.loads(core.stdout)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
