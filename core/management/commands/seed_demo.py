import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import cache
from core.demo.seed import DEFAULT_SCALE, DEMO_PASSWORD, DEMO_USERS, seed
from matchmaking import scoring, services
from matchmaking.models import ScoringRun
from matchmaking.services.scores import current_weights

# Above this many records the match scores are left to `manage.py rescore --all` (minutes).
SCORE_UP_TO = 5_000


class Command(BaseCommand):
    help = (
        "Create the demo data (organisations, agreements and events from the articles, generated "
        "offers, needs, sessions and meetings) and its match scores. Deterministic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=DEFAULT_SCALE,
            help=f"Number of offers and of needs in all (default {DEFAULT_SCALE}).",
        )
        parser.add_argument(
            "--no-scores", action="store_true", help="Do not compute the match scores."
        )

    def handle(self, *args, scale, no_scores, **options):
        if scale < 0:
            raise CommandError("--scale must be zero or more")
        started = time.perf_counter()
        report = seed(scale=scale)
        elapsed = time.perf_counter() - started
        created = ", ".join(f"{n} {what}" for what, n in report.created.items() if n) or "nothing"
        self.stdout.write(f"Demo data ready in {elapsed:.1f} s (created: {created}).")
        if any(report.created.values()):
            cache.bump("catalogue")  # bulk inserts send no signals
        if connection.vendor == "postgresql" and any(report.created.values()):
            # Bulk loads leave the planner's statistics stale until autovacuum comes round:
            # without them the first catalogue queries pick nested loops over 50,000 rows.
            # VACUUM also sets the visibility map: counting the catalogue then reads an index
            # only. It cannot run inside a transaction (the tests' own); ANALYZE then suffices.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        if not no_scores:
            self._scores(scale)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, _lang, _org, label in DEMO_USERS:
            self.stdout.write(f"  {label:<27} {email}")

    def _scores(self, scale: int) -> None:
        done = ScoringRun.objects.filter(
            kind=ScoringRun.Kind.FULL, status=ScoringRun.Status.SUCCEEDED
        ).exists()
        if done:
            return
        if scale > SCORE_UP_TO:
            self.stdout.write("Match scores: run `python manage.py rescore --all` (takes minutes).")
            return
        started = time.perf_counter()
        run = ScoringRun.objects.create(
            kind=ScoringRun.Kind.FULL,
            algorithm_version=scoring.ALGORITHM_VERSION,
            weights=current_weights(),
        )
        run = services.scores_recompute(run_id=run.pk)
        self.stdout.write(
            f"Match scores ready in {time.perf_counter() - started:.1f} s ({run.pairs_kept} pairs)."
        )
