import time

from django.core.management.base import BaseCommand, CommandError

from core.demo.seed import DEFAULT_SCALE, DEMO_PASSWORD, DEMO_USERS, seed


class Command(BaseCommand):
    help = (
        "Create the demo data (organisations, agreements and events from the articles, generated "
        "offers, needs, sessions and meetings). Deterministic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=DEFAULT_SCALE,
            help=f"Number of offers and of needs in all (default {DEFAULT_SCALE}).",
        )

    def handle(self, *args, scale, **options):
        if scale < 0:
            raise CommandError("--scale must be zero or more")
        started = time.perf_counter()
        report = seed(scale=scale)
        elapsed = time.perf_counter() - started
        created = ", ".join(f"{n} {what}" for what, n in report.created.items() if n) or "nothing"
        self.stdout.write(f"Demo data ready in {elapsed:.1f} s (created: {created}).")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, _lang, _org, label in DEMO_USERS:
            self.stdout.write(f"  {label:<27} {email}")
